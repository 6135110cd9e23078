"""The applicant downloads Forms 01, 02 and 04 of their own dossier from its page; nobody else can."""

from __future__ import annotations

import pytest

from motcua.dossiers import services
from motcua.dossiers.tests.factories import (
    APPLICANT,
    FORM_DATA,
    UserFactory,
    build_world,
    mandatory_document_id,
    pdf,
    vn,
)

from .test_printable_documents import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def received(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("motcua.core.time.now", lambda: vn(2025, 3, 12, 9, 0))
    world = build_world()
    dossier = services.submit_dossier(
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf())],
        owner=world.citizen,
        at=vn(2025, 3, 3, 8, 0),
    )
    services.request_supplement(
        dossier_id=dossier.pk,
        actor=world.intake,
        missing=["Bản sao giấy khai sinh"],
        at=vn(2025, 3, 3, 8, 30),
    )
    services.supplement_dossier(
        dossier_id=dossier.pk, actor=world.citizen, form_data={"so_luong": 2}, at=vn(2025, 3, 3, 8, 40)
    )
    services.receive_dossier(dossier_id=dossier.pk, actor=world.intake, at=vn(2025, 3, 3, 9, 0))
    services.apologise_and_extend(
        dossier_id=dossier.pk,
        actor=world.intake,
        new_appointment=vn(2025, 3, 14, 16, 0),
        reason="Cần xác minh thêm",
        at=vn(2025, 3, 11, 9, 0),
    )
    dossier.refresh_from_db()
    return world, dossier


def test_the_owner_sees_and_downloads_forms_01_02_04(client, received):
    world, dossier = received
    client.force_login(world.citizen)
    page = client.get(f"/ho-so/{dossier.code}/").content.decode()
    for number in ("01", "02", "04"):
        assert f"/ho-so/{dossier.code}/mau-{number}.pdf" in page
        response = client.get(f"/ho-so/{dossier.code}/mau-{number}.pdf")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment")
        assert dossier.code in pdf_text(response.content)
    assert "mau-06.pdf" not in page


def test_internal_forms_are_not_offered(client, received):
    world, dossier = received
    client.force_login(world.citizen)
    for number in ("03", "05", "06", "07", "99"):
        assert client.get(f"/ho-so/{dossier.code}/mau-{number}.pdf").status_code == 404


def test_another_citizen_and_an_anonymous_visitor_get_nothing(client, received):
    _world, dossier = received
    anonymous = client.get(f"/ho-so/{dossier.code}/mau-01.pdf")
    assert anonymous.status_code == 302  # to the login page
    assert "application/pdf" not in anonymous.get("Content-Type", "")
    client.force_login(UserFactory())
    assert client.get(f"/ho-so/{dossier.code}/mau-01.pdf").status_code == 404
