"""Building applications for tests: through the portal's own pages (Django test client), or at the counter."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalog.models import Procedure
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.portal.models import ApplicationDraft
from motcua.web import schema_form

from .support import APPLICANT_FORM, JUDICIAL_FORM, JUDICIAL_RECORD, PDF, Officers, mandatory_documents


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


def register_at_counter(staff: Officers) -> Dossier:
    """What the intake officer types from the paper application; no account is linked."""
    schema = Procedure.objects.get(code=JUDICIAL_RECORD).current_version.form_schema  # type: ignore[union-attr]
    form_data, errors = schema_form.to_data(schema, schema_form.raw_from_post(schema, JUDICIAL_FORM))
    assert errors == {}
    applicant = {key.removeprefix("applicant-"): value for key, value in APPLICANT_FORM.items()}
    return services.register_at_counter(
        officer=staff.intake,
        procedure_code=JUDICIAL_RECORD,
        papers=services.originals_on_paper(JUDICIAL_RECORD),
        applicant=applicant,
        form_data=form_data,
    )
