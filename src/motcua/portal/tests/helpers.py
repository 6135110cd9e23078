"""Building an application through the portal's own pages (Django test client)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers.models import Dossier
from motcua.portal.models import ApplicationDraft

from .support import APPLICANT_FORM, JUDICIAL_FORM, JUDICIAL_RECORD, PDF, mandatory_documents


def ready_draft(client, owner) -> ApplicationDraft:  # type: ignore[no-untyped-def]
    """A complete draft of the judicial-record procedure, waiting on the review step."""
    client.get(f"/thu-tuc/{JUDICIAL_RECORD}/nop-truc-tuyen/")
    draft = ApplicationDraft.objects.filter(owner=owner, dossier__isnull=True).latest("created_at")
    client.post(f"/nop-ho-so/{draft.pk}/to-khai/", {**APPLICANT_FORM, **JUDICIAL_FORM, "action": "next"})
    for document in mandatory_documents():
        client.post(
            f"/nop-ho-so/{draft.pk}/giay-to/{document.pk}/",
            {"file": SimpleUploadedFile(f"giay-to-{document.position}.pdf", PDF)},
        )
    return draft


def submit(client, owner) -> Dossier:  # type: ignore[no-untyped-def]
    draft = ready_draft(client, owner)
    response = client.post(f"/nop-ho-so/{draft.pk}/xem-lai/", {"declaration": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Dossier.objects.get(code=response["Location"].split("/")[2])
