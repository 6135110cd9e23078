from __future__ import annotations

import pytest

from motcua.dossiers import services
from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, build_world, mandatory_document_id, pdf
from motcua.payments import conf

SECRET = "khoa-bi-mat-thu-nghiem"


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    return build_world()


@pytest.fixture
def gateway_conf():  # type: ignore[no-untyped-def]
    with conf.overrides_kept():
        conf.override(
            gateway_url="http://127.0.0.1:9/cong",
            secret=SECRET,
            partner_code="MOTCUA",
            public_url="http://testserver",
        )
        yield


@pytest.fixture
def dossier(world):  # type: ignore[no-untyped-def]
    return services.submit_dossier(
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf())],
        owner=world.citizen,
    )
