"""The portal's step-by-step check refuses exactly what submission would refuse, and writes nothing."""

import pytest

from motcua.core.errors import NotFound
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidApplication
from motcua.dossiers.models import Dossier

from .factories import APPLICANT, FORM_DATA, mandatory_document_id, pdf


def test_valid_details_have_no_errors(world):
    assert (
        services.application_errors(procedure_code=world.code, applicant=APPLICANT, form_data=FORM_DATA) == {}
    )


def test_errors_are_those_of_submission(world):
    applicant = {**APPLICANT, "name": " ", "id_number": "12ab"}
    form = {"ho_ten": "Trần Thị Hoa", "ngay_sinh": "1990-02-30", "so_luong": 0}
    errors = services.application_errors(procedure_code=world.code, applicant=applicant, form_data=form)
    with pytest.raises(InvalidApplication) as refused:
        services.submit_dossier(
            procedure_code=world.code,
            applicant=applicant,
            form_data=form,
            documents=[(mandatory_document_id(world), pdf())],
        )
    assert errors == refused.value.errors
    assert set(errors) == {"applicant.name", "applicant.id_number", "form.ngay_sinh", "form.so_luong"}
    assert Dossier.objects.count() == 0


def test_unknown_procedure(world):
    with pytest.raises(NotFound):
        services.application_errors(procedure_code="9.999999", applicant=APPLICANT, form_data={})
