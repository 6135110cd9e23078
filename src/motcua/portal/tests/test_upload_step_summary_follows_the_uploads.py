"""Item 6 of issue 9: after "Tiếp tục" lists the missing documents, each upload through htmx
refreshes the error summary, and it disappears once every required document is given."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalog.models import RequiredDocument
from motcua.portal.models import ApplicationDraft

from .support import (
    APPLICANT_FORM,
    JUDICIAL_FORM,
    JUDICIAL_RECORD,
    PDF,
    id_card_document,
    mandatory_documents,
)


def _draft(client, owner) -> ApplicationDraft:  # type: ignore[no-untyped-def]
    client.get(f"/thu-tuc/{JUDICIAL_RECORD}/nop-truc-tuyen/")
    draft = ApplicationDraft.objects.filter(owner=owner, dossier__isnull=True).latest("created_at")
    client.post(f"/nop-ho-so/{draft.pk}/to-khai/", {**APPLICANT_FORM, **JUDICIAL_FORM, "action": "next"})
    return draft


def _upload_with_htmx(client, draft, document, *, summary_shown: bool):  # type: ignore[no-untyped-def]
    data = {"file": SimpleUploadedFile("giay-to.pdf", PDF)}
    if summary_shown:
        data["summary_shown"] = "1"
    return client.post(f"/nop-ho-so/{draft.pk}/giay-to/{document.pk}/", data, HTTP_HX_REQUEST="true")


def test_the_summary_shrinks_then_goes(citizen, client):
    # A province that wants the ID card scanned too: two papers to attach, so the summary can shrink.
    RequiredDocument.objects.filter(pk=id_card_document().pk).update(is_mandatory=True)
    draft = _draft(client, citizen)
    documents = mandatory_documents()
    assert len(documents) >= 2
    page = client.post(f"/nop-ho-so/{draft.pk}/giay-to/").content.decode()
    assert 'id="error-summary"' in page
    assert 'id="summary-shown"' in page  # the slots tell the server a summary is on screen

    first = _upload_with_htmx(client, draft, documents[0], summary_shown=True).content.decode()
    assert 'id="error-summary-region" hx-swap-oob="true"' in first
    assert f"Vui lòng đính kèm: {documents[0].name}." not in first
    assert f"Vui lòng đính kèm: {documents[-1].name}." in first

    for document in documents[1:]:
        last = _upload_with_htmx(client, draft, document, summary_shown=True).content.decode()
    assert 'id="error-summary-region" hx-swap-oob="true"' in last
    assert 'id="error-summary"' not in last
    assert "Vui lòng đính kèm" not in last


def test_without_a_summary_on_screen_none_appears(citizen, client):
    draft = _draft(client, citizen)
    response = _upload_with_htmx(client, draft, mandatory_documents()[0], summary_shown=False)

    assert response.status_code == 200
    assert "error-summary" not in response.content.decode()
