"""An administrator replaces a certificate's signature image in the admin, through the register's
service: a PNG is stored, anything else is refused with the reason and the old image kept."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from rest_framework.test import APIClient

from motcua.api.tests.support import staff_session
from motcua.dossiers.tests.factories import UserFactory, build_world
from motcua.signatures import services
from motcua.signatures.models import Certificate

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (40, 20), (200, 0, 0, 128)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def certificate(pki):  # type: ignore[no-untyped-def]
    world = build_world()
    admin = UserFactory(is_superuser=True, is_staff=True)
    return services.import_certificate(
        actor=admin,
        data=pki.cert_pem("official"),
        kind=Certificate.Kind.PERSONAL,
        user_id=world.leader.pk,
    ), admin


def _change(browser: APIClient, record: Certificate, upload: bytes):  # type: ignore[no-untyped-def]
    image = io.BytesIO(upload)
    image.name = "chu-ky.png"
    return browser.post(
        f"/admin/signatures/certificate/{record.pk}/change/",
        {"register_status": Certificate.RegisterStatus.ACTIVE, "status_reason": "", "new_image": image},
        follow=True,
    )


def test_a_png_replaces_the_image(certificate):
    record, admin = certificate
    browser = staff_session(APIClient(), admin)

    response = _change(browser, record, _png())

    assert response.status_code == 200
    record.refresh_from_db()
    assert record.appearance_image
    assert record.appearance_image.read().startswith(b"\x89PNG")


def test_anything_else_is_refused_and_the_old_image_kept(certificate):
    record, admin = certificate
    browser = staff_session(APIClient(), admin)

    response = _change(browser, record, b"GIF89a not a png")

    assert "phải là tệp PNG" in response.content.decode()
    record.refresh_from_db()
    assert not record.appearance_image
