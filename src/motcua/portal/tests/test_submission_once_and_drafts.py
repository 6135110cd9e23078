"""Submission files one dossier whatever the clicks; drafts keep everything until then."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import State
from motcua.portal import drafts
from motcua.portal.models import ApplicationDraft, DraftFile

from .helpers import ready_draft, submit
from .support import JUDICIAL_RECORD, PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen(judicial, client):  # type: ignore[no-untyped-def]
    user = User.objects.create_user(
        "mai",
        password="x",
        full_name="Phạm Thị Mai",
        email="mai@example.vn",
        phone="0905123456",
        national_id="045190012399",
        address="12 Lê Duẩn, Đông Hà",
    )
    client.force_login(user)
    return user


def test_double_click_files_one_dossier(client, citizen):
    draft = ready_draft(client, citizen)
    first = client.post(f"/nop-ho-so/{draft.pk}/xem-lai/", {"declaration": "1"})
    second = client.post(f"/nop-ho-so/{draft.pk}/xem-lai/", {"declaration": "1"})
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    dossier = Dossier.objects.get()
    assert dossier.state == State.SUBMITTED
    assert dossier.owner == citizen
    assert dossier.idempotency_key == ApplicationDraft.objects.get().idempotency_key
    assert dossier.attachments.count() == 2
    assert DraftFile.objects.count() == 0  # the dossier keeps its own copies


def test_the_same_draft_submitted_twice_by_the_service(client, citizen):
    draft = ready_draft(client, citizen)
    again = ApplicationDraft.objects.get(pk=draft.pk)
    assert drafts.submit(draft, address="203.0.113.5") == drafts.submit(again, address="203.0.113.5")
    assert Dossier.objects.count() == 1


def test_profile_prefills_a_new_application(client, citizen):
    client.get(f"/thu-tuc/{JUDICIAL_RECORD}/nop-truc-tuyen/")
    draft = ApplicationDraft.objects.get()
    assert draft.applicant["name"] == "Phạm Thị Mai"
    assert draft.applicant["id_number"] == "045190012399"
    html = client.get(f"/nop-ho-so/{draft.pk}/to-khai/").content.decode()
    for value in ("Phạm Thị Mai", "045190012399", "0905123456", "mai@example.vn", "12 Lê Duẩn, Đông Hà"):
        assert f'value="{value}"' in html


def test_resume_where_it_was_left(client, citizen):
    client.get(f"/thu-tuc/{JUDICIAL_RECORD}/nop-truc-tuyen/")
    draft = ApplicationDraft.objects.get()
    client.post(f"/nop-ho-so/{draft.pk}/to-khai/", {"form-noi_sinh": "Huế", "action": "save"})
    document = draft.procedure_version.required_documents.order_by("position").first()
    client.post(f"/nop-ho-so/{draft.pk}/giay-to/{document.pk}/", {"file": SimpleUploadedFile("a.pdf", PDF)})

    # Later (another session): "my dossiers" lists the draft; starting again resumes it.
    html = client.get("/ho-so/").content.decode()
    assert "Hồ sơ đang soạn" in html
    assert f"/nop-ho-so/{draft.pk}/" in html
    response = client.get(f"/thu-tuc/{JUDICIAL_RECORD}/nop-truc-tuyen/")
    assert response["Location"] == f"/nop-ho-so/{draft.pk}/to-khai/"
    assert 'value="Huế"' in client.get(response["Location"]).content.decode()
    assert "a.pdf" in client.get(f"/nop-ho-so/{draft.pk}/giay-to/").content.decode()
    assert ApplicationDraft.objects.count() == 1


def test_autosave_keeps_typing(client, citizen):
    client.get(f"/thu-tuc/{JUDICIAL_RECORD}/nop-truc-tuyen/")
    draft = ApplicationDraft.objects.get()
    response = client.post(
        f"/nop-ho-so/{draft.pk}/luu-tam/", {"form-noi_sinh": "Quảng Trị", "applicant-name": "Phạm Thị Mai"}
    )
    assert response.status_code == 200
    assert "Đã tự động lưu" in response.content.decode()
    assert ApplicationDraft.objects.get().form_input["noi_sinh"] == "Quảng Trị"


def test_nobody_else_sees_a_draft(client, citizen):
    client.get(f"/thu-tuc/{JUDICIAL_RECORD}/nop-truc-tuyen/")
    draft = ApplicationDraft.objects.get()
    other = User.objects.create_user("khac", password="x")
    client.force_login(other)
    for path in ("to-khai/", "giay-to/", "xem-lai/"):
        assert client.get(f"/nop-ho-so/{draft.pk}/{path}").status_code == 404
    assert client.post(f"/nop-ho-so/{draft.pk}/luu-tam/", {"form-noi_sinh": "x"}).status_code == 404
    assert client.post(f"/nop-ho-so/{draft.pk}/xoa/").status_code == 404
    assert ApplicationDraft.objects.filter(pk=draft.pk).exists()


def test_applying_needs_a_login(judicial, client):
    response = client.get(f"/thu-tuc/{JUDICIAL_RECORD}/nop-truc-tuyen/")
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/?next=")


def test_discarding_a_draft(client, citizen):
    draft = ready_draft(client, citizen)
    assert client.post(f"/nop-ho-so/{draft.pk}/xoa/").status_code == 302
    assert ApplicationDraft.objects.count() == DraftFile.objects.count() == 0


def test_a_submitted_draft_leads_to_its_dossier(client, citizen):
    dossier = submit(client, citizen)
    draft = ApplicationDraft.objects.get()
    for path in ("", "to-khai/", "giay-to/", "xem-lai/"):
        response = client.get(f"/nop-ho-so/{draft.pk}/{path}")
        assert response["Location"] == f"/ho-so/{dossier.code}/da-nop/"
