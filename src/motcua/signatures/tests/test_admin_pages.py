"""The administrator's pages: trust store and register, through the services."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.backoffice.tests.support import staff_login
from motcua.dossiers.tests.factories import UserFactory, build_world
from motcua.signatures.models import Certificate, TrustAnchor


@pytest.fixture
def admin_client(db):
    user = UserFactory(is_superuser=True, is_staff=True)
    return staff_login(Client(), user)


def test_add_roots_and_import_a_certificate(admin_client, pki):
    world = build_world()
    for url in ("/admin/signatures/trustanchor/add/", "/admin/signatures/certificate/add/"):
        assert admin_client.get(url).status_code == 200

    response = admin_client.post(
        "/admin/signatures/trustanchor/add/",
        {"file": SimpleUploadedFile("roots.pem", pki.cert_pem("root") + pki.cert_pem("ca")), "note": "thử"},
    )
    assert response.status_code == 302
    assert TrustAnchor.objects.count() == 2

    response = admin_client.post(
        "/admin/signatures/certificate/add/",
        {
            "file": SimpleUploadedFile("an.pem", pki.cert_pem("official") + pki.cert_pem("ca")),
            "kind": "personal",
            "user": world.leader.pk,
            "key_storage": "client_token",
        },
    )
    assert response.status_code == 302
    record = Certificate.objects.get()
    assert record.key_storage == "client_token"
    assert record.chain_pem.startswith("-----BEGIN CERTIFICATE-----")  # the bundle's CA, kept as the chain

    listing = admin_client.get("/admin/signatures/certificate/")
    assert "Nguyễn Văn An" in listing.content.decode()
    assert "Còn hiệu lực" in listing.content.decode()

    change = admin_client.post(
        f"/admin/signatures/certificate/{record.pk}/change/",
        {"register_status": "suspended", "status_reason": "Mất thiết bị ký"},
    )
    assert change.status_code == 302
    record.refresh_from_db()
    assert record.register_status == "suspended"


def test_a_bad_file_is_a_form_error(admin_client):
    response = admin_client.post(
        "/admin/signatures/certificate/add/",
        {"file": SimpleUploadedFile("x.pem", b"not a certificate"), "kind": "personal"},
    )
    assert response.status_code == 200
    assert "Không đọc được chứng thư số" in response.content.decode()
    assert not Certificate.objects.exists()
