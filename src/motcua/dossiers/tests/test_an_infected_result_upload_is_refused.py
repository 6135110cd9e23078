"""An officer's result upload is scanned like any other file: infected, it is refused with the reason
and no result version is stored; clean, it becomes the result."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.antivirus.errors import InfectedUpload
from motcua.antivirus.models import QuarantinedFile
from motcua.antivirus.services import flush_pending
from motcua.antivirus.tests.clamd_server import CUSTOM_MARKER, CUSTOM_SIGNATURE
from motcua.antivirus.tests.fixtures import clamd_address, scanning  # noqa: F401  (fixtures: a real clamd)
from motcua.dossiers import services
from motcua.dossiers.models import ResultDocument
from motcua.dossiers.services._base import Kind

from .factories import APPLICANT, FORM_DATA, PDF_BYTES, vn

pytestmark = pytest.mark.usefixtures("scanning")


@pytest.fixture
def processing(world):
    dossier = services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        papers=services.originals_on_paper(world.code),
        applicant=APPLICANT,
        form_data=FORM_DATA,
        owner=world.citizen,
        at=vn(2025, 3, 3, 9, 0),
    )
    services.transfer_dossier(
        dossier_id=dossier.pk, actor=world.intake, to_unit_id=world.unit_a.pk, at=vn(2025, 3, 3, 10, 0)
    )
    return dossier


def test_an_infected_result_is_refused(world, processing):
    infected = SimpleUploadedFile("ket-qua.pdf", PDF_BYTES + CUSTOM_MARKER)
    with pytest.raises(InfectedUpload, match="chứa mã độc"):
        services.propose_result(
            dossier_id=processing.pk, actor=world.specialist, file=infected, at=vn(2025, 3, 4, 9, 0)
        )
    assert not ResultDocument.objects.filter(dossier=processing).exists()
    assert not processing.events.filter(kind=Kind.RESULT_ATTACHED).exists()
    # The refusal rolled the service's transaction back; the row is written after it (at the end of
    # the request for a page or the API, here by hand).
    assert flush_pending() == 1
    row = QuarantinedFile.objects.get()
    assert (row.door, row.signature) == ("result", CUSTOM_SIGNATURE)


def test_a_clean_result_is_stored(world, processing):
    clean = SimpleUploadedFile("ket-qua.pdf", PDF_BYTES)
    services.propose_result(
        dossier_id=processing.pk, actor=world.specialist, file=clean, at=vn(2025, 3, 4, 9, 0)
    )
    assert ResultDocument.objects.filter(dossier=processing).count() == 1
