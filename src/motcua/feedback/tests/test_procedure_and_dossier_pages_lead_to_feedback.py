"""A procedure's page links to feedback on it; the owner's dossier page to feedback on the dossier,
and the form arrives with the procedure or the dossier chosen."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.dossiers import services as dossier_services
from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, mandatory_document_id, pdf

from .factories import vn

pytestmark = pytest.mark.django_db


def test_links_and_prefilled_form(world):
    code = world.version.procedure.code
    client = Client()
    client.force_login(world.citizen)
    assert f"/phan-anh-kien-nghi/gui/?thu-tuc={code}" in client.get(f"/thu-tuc/{code}/").content.decode()
    form = client.get(f"/phan-anh-kien-nghi/gui/?thu-tuc={code}").content.decode()
    assert f'name="procedure" value="{code}"' in form
    assert 'value="procedure" checked' in form
    dossier = dossier_services.submit_dossier(
        procedure_code=code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf())],
        owner=world.citizen,
        at=vn(2025, 3, 3, 8, 0),
    )
    page = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert f"/phan-anh-kien-nghi/gui/?ve=dossier&amp;ho-so={dossier.code}" in page
    form = client.get(f"/phan-anh-kien-nghi/gui/?ve=dossier&ho-so={dossier.code}").content.decode()
    assert f'value="{dossier.code}" selected' in form
    assert 'value="dossier" checked' in form
