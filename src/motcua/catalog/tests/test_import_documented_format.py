"""The documented format (docs/catalogue.md): everything a procedure version holds."""

from __future__ import annotations

import json

import pytest

from motcua.catalog.catalogue_file import schema
from motcua.catalog.importing import import_catalogue
from motcua.catalog.models import Procedure
from motcua.catalog.selectors import current_version

from .factories import JUDICIAL_RECORD, documented, justice_department, read_documents

pytestmark = pytest.mark.django_db


def test_a_complete_entry_publishes_a_version_with_documents_fees_and_agencies() -> None:
    justice_department()

    report = import_catalogue(read_documents(documented(JUDICIAL_RECORD)))

    assert report.new == [JUDICIAL_RECORD["code"]]
    version = current_version(JUDICIAL_RECORD["code"])
    assert (version.number, version.name, version.processing_time, version.processing_time_unit) == (
        1,
        JUDICIAL_RECORD["name"],
        10,
        "day",
    )
    assert version.online_level == "end_to_end"
    assert version.procedure.sector.name == "Lý lịch tư pháp"
    assert version.procedure.national_weight == 91959
    assert version.procedure.for_citizens
    assert version.competent_agency.code == "H37.10"
    assert [a.code for a in version.receiving_agencies.all()] == ["H37.10"]
    assert [(f.name, f.amount) for f in version.fees.all()] == [("Lệ phí", 200000)]
    documents = sorted(version.required_documents.all(), key=lambda d: d.position)
    assert [(d.name, d.copy_type, d.is_mandatory, d.blank_form_name) for d in documents] == [
        ("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "original", True, "Mẫu số 03/2013/TT-LLTP"),
        ("Bản chụp giấy tờ tùy thân", "copy", False, ""),
    ]
    assert version.legal_basis == "Luật Lý lịch tư pháp số 28/2009/QH12"


def test_agencies_declared_in_the_file_are_created() -> None:
    entry = dict(JUDICIAL_RECORD, competent_agency="000.00.00.G09", receiving_agencies=["000.00.00.G09"])
    import_catalogue(
        read_documents(documented(entry, agencies=[{"code": "000.00.00.G09", "name": "Bộ Tư pháp"}]))
    )
    assert current_version(entry["code"]).competent_agency.name == "Bộ Tư pháp"


def test_an_entry_without_terms_is_a_catalogue_entry_only() -> None:
    import_catalogue(read_documents(documented({"code": "2.000001", "name": "Thủ tục chưa hoàn thiện"})))
    assert Procedure.objects.get(code="2.000001").current_version is None


def test_the_documented_example_validates_against_the_committed_schema() -> None:
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema())
    from pathlib import Path

    docs = Path(__file__).resolve().parents[4] / "docs" / "catalogue-example.json"
    Draft202012Validator(schema()).validate(json.loads(docs.read_text("utf-8")))
