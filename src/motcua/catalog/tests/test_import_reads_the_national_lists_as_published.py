"""The national portal's own lists, exactly as they come: 2,395 procedures, sectors, central agencies."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.agencies.models import Agency
from motcua.catalog.catalogue_file import read_files
from motcua.catalog.importing import import_catalogue
from motcua.catalog.models import Procedure, ProcedureVersion, Sector
from motcua.demo.data import national

from .factories import national_files

pytestmark = pytest.mark.django_db


def _published(name: str) -> list[dict[str, str]]:
    return json.loads((national.DIRECTORY / name).read_text("utf-8"))  # type: ignore[no-any-return]


@pytest.fixture
def imported() -> None:
    import_catalogue(read_files(national_files()))


def test_every_code_of_both_lists_becomes_one_catalogue_entry(imported: None) -> None:
    citizen = _published("citizen-procedures.json")
    business = _published("business-procedures.json")
    codes = {row["TTHC_MA"] for row in citizen + business}

    assert len(codes) == 2395
    assert set(Procedure.objects.values_list("code", flat=True)) == codes
    assert Procedure.objects.filter(for_citizens=True).count() == len({r["TTHC_MA"] for r in citizen})
    assert Procedure.objects.filter(for_businesses=True).count() == len({r["TTHC_MA"] for r in business})


def test_names_are_kept_byte_for_byte_with_usage_and_sector_flag(imported: None) -> None:
    for row in _published("citizen-procedures.json")[:50]:
        procedure = Procedure.objects.get(code=row["TTHC_MA"])
        assert procedure.name == row["NAME"]
        assert procedure.national_weight >= int(row["WEIGHT"])
        assert procedure.vertically_managed == (row["ISNGANHDOC"] == "1")
    passport = Procedure.objects.get(code="1.001456")
    assert passport.name == "Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)"
    assert passport.national_weight == 13870676


def test_entries_have_no_version_until_the_province_completes_them(imported: None) -> None:
    assert not ProcedureVersion.objects.exists()
    assert not Procedure.objects.exclude(current_version=None).exists()
    assert Procedure.objects.get(code="1.004194").search_folded.startswith("1.004194 dang ky tam tru")


def test_sectors_and_central_agencies_are_imported(imported: None) -> None:
    sectors = _published("sectors.json")
    assert Sector.objects.count() == len(sectors)
    assert Sector.objects.get(code="67").name == "An toàn bức xạ và hạt nhân(Bộ Khoa học và Công nghệ)"
    assert Agency.objects.get(code="000.00.00.G01").name == "Bộ Công an"
    # One central agency is published with a tax number instead of an identification code: skipped, said.
    assert Agency.objects.count() == len(_published("agencies.json")) - 1


def test_the_skipped_agency_is_reported_with_its_line() -> None:
    report = import_catalogue(read_files(national_files()), dry_run=True)
    assert len(report.warnings) == 1
    assert report.warnings[0].startswith("agencies.json:")
    assert "0100100079" in report.warnings[0]


def test_importing_the_same_lists_again_changes_nothing(imported: None) -> None:
    before = list(Procedure.objects.order_by("pk").values())

    report = import_catalogue(read_files(national_files()))

    assert (report.new, report.changed, len(report.unchanged)) == ([], {}, 2395)
    assert list(Procedure.objects.order_by("pk").values()) == before


def test_the_import_writes_in_bulk() -> None:
    with CaptureQueriesContext(connection) as queries:
        import_catalogue(read_files(national_files()))
    # Sectors and agencies row by row (a few hundred), procedures in batches: never one per procedure.
    assert len(queries) < 700
