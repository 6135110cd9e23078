"""A draft holds at most MOTCUA_DRAFT_MAX_BYTES of files, and a citizen at most MOTCUA_MAX_OPEN_DRAFTS
drafts: past either, a clear message and nothing already stored is touched."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import User
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.portal.models import ApplicationDraft, DraftFile

from .support import JUDICIAL_RECORD, PDF, id_card_document, mandatory_documents

pytestmark = pytest.mark.django_db


def upload(client, draft: ApplicationDraft, document_id: int, size: int):  # type: ignore[no-untyped-def]
    content = PDF + b"%" * max(0, size - len(PDF))
    return client.post(
        f"/nop-ho-so/{draft.pk}/giay-to/{document_id}/", {"file": SimpleUploadedFile("giay-to.pdf", content)}
    )


def test_a_draft_holds_so_many_bytes_in_all(client, citizen, settings):
    settings.MOTCUA_DRAFT_MAX_BYTES = 10_000
    client.get(f"/thu-tuc/{JUDICIAL_RECORD}/nop-truc-tuyen/")
    draft = ApplicationDraft.objects.get()
    first, second = mandatory_documents()[0], id_card_document()
    assert upload(client, draft, first.pk, 6_000).status_code == 302
    kept = DraftFile.objects.get(draft=draft, required_document=first)

    refused = upload(client, draft, second.pk, 6_000)

    assert refused.status_code == 400
    assert "Tổng dung lượng các tệp của hồ sơ vượt quá" in refused.content.decode()
    assert list(DraftFile.objects.filter(draft=draft)) == [kept]
    # Replacing a file counts the new one instead of the old, not both.
    assert upload(client, draft, first.pk, 9_000).status_code == 302
    assert DraftFile.objects.get(draft=draft).size == 9_000


def test_a_citizen_keeps_so_many_open_drafts(client, catalogue, settings):
    settings.MOTCUA_MAX_OPEN_DRAFTS = 2
    citizen = User.objects.create_user("mai", password="x", full_name="Phạm Thị Mai")
    client.force_login(citizen)
    online = Procedure.objects.exclude(current_version__online_level=ProcedureVersion.OnlineLevel.NONE)
    codes = list(online.order_by("code").values_list("code", flat=True)[:3])
    for code in codes[:2]:
        client.get(f"/thu-tuc/{code}/nop-truc-tuyen/")
    assert ApplicationDraft.objects.filter(owner=citizen).count() == 2

    refused = client.get(f"/thu-tuc/{codes[2]}/nop-truc-tuyen/", follow=True)

    assert "là số tối đa được giữ cùng lúc" in refused.content.decode()
    assert ApplicationDraft.objects.filter(owner=citizen).count() == 2
    # An open draft is still there to resume.
    assert client.get(f"/thu-tuc/{codes[0]}/nop-truc-tuyen/").status_code == 302
    assert ApplicationDraft.objects.filter(owner=citizen).count() == 2
