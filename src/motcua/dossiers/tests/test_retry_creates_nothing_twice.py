"""A retried submission (same idempotency key) returns the first dossier instead of a second one."""

import pytest

from motcua.core.errors import ValidationFailed
from motcua.dossiers import services
from motcua.dossiers.models import Dossier

from .factories import APPLICANT, FORM_DATA, mandatory_document_id, pdf, vn


def _submit(world, owner, applicant=APPLICANT):
    return services.submit_dossier(
        procedure_code=world.code,
        applicant=applicant,
        form_data=FORM_DATA,
        owner=owner,
        documents=[(mandatory_document_id(world), pdf())],
        at=vn(2025, 3, 3, 9, 0),
        idempotency_key="6f1d3c0e-retry-key",
    )


def test_same_citizen_retrying_gets_the_same_dossier(world):
    first = _submit(world, world.citizen)
    again = _submit(world, world.citizen)
    assert again.pk == first.pk
    assert Dossier.objects.count() == 1


def test_anonymous_retry_needs_the_same_applicant(world):
    first = _submit(world, None)
    assert _submit(world, None).pk == first.pk
    with pytest.raises(ValidationFailed):
        _submit(world, None, applicant={**APPLICANT, "id_number": "045190009999"})
    assert Dossier.objects.count() == 1


def test_someone_else_cannot_reuse_a_key(world):
    _submit(world, world.citizen)
    with pytest.raises(ValidationFailed):
        _submit(world, world.intake)
