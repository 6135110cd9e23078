"""Dossiers stored before the search columns existed get them from migration 0008's backfill."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, build_world, mandatory_document_id, pdf, vn

pytestmark = pytest.mark.django_db

backfill = importlib.import_module(
    "motcua.dossiers.migrations.0008_applicant_search_columns"
).fill_search_copies


def test_the_backfill_writes_the_folded_name_and_phone_digits():
    from motcua.dossiers import services

    world = build_world()
    dossier = services.submit_dossier(
        procedure_code=world.code,
        applicant={**APPLICANT, "name": "Đặng Quốc Việt", "phone": "+84 912 345 678"},
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf())],
        owner=world.citizen,
        at=vn(2025, 3, 3, 8, 0),
    )
    Dossier.objects.update(applicant_folded="", applicant_phone_digits="")  # as before the migration
    backfill(apps, None)
    dossier.refresh_from_db()
    assert (dossier.applicant_folded, dossier.applicant_phone_digits) == ("dang quoc viet", "0912345678")
