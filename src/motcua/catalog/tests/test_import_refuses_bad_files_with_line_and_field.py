"""A bad file is refused whole, naming the file, the line and the field; nothing is half imported."""

from __future__ import annotations

import json

import pytest

from motcua.agencies.models import Agency
from motcua.catalog.catalogue_file import CatalogueFileError, read, read_files
from motcua.catalog.importing import import_catalogue
from motcua.catalog.models import Procedure, Sector

from .factories import JUDICIAL_RECORD, as_file, documented, justice_department


def _refusal(document: object) -> CatalogueFileError:
    name, data = as_file(document)
    with pytest.raises(CatalogueFileError) as caught:
        read(data, name=name)
    return caught.value


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_syntax_error_names_its_line() -> None:
    data = b'[\n  {"TTHC_MA": "1.000001", "NAME": "A"},\n  {"TTHC_MA": "1.000002" "NAME": "B"}\n]'
    with pytest.raises(CatalogueFileError) as caught:
        read(data, name="list.json")
    assert caught.value.line == 3
    assert caught.value.message.startswith("list.json:3: Không phải JSON hợp lệ")


def test_a_wrong_type_names_the_field_and_its_line() -> None:
    entry = dict(JUDICIAL_RECORD, processing_time={"value": "mười", "unit": "day"})
    error = _refusal(documented(JUDICIAL_RECORD, entry | {"code": "1.009999"}))
    text = as_file(documented(JUDICIAL_RECORD, entry | {"code": "1.009999"}))[1].decode()
    assert error.at == "/procedures/1/processing_time/value"
    assert error.line == _line_of(text, '"value": "mười"')
    assert "số nguyên" in error.message


def test_a_missing_field_names_where_it_should_be() -> None:
    entry = {k: v for k, v in JUDICIAL_RECORD.items() if k != "name"}
    error = _refusal(documented(entry))
    assert error.at == "/procedures/0/name"
    assert "thiếu trường bắt buộc" in error.message
    assert error.line == 4  # the procedure's opening brace


def test_an_unknown_field_is_refused() -> None:
    error = _refusal(documented(dict(JUDICIAL_RECORD, thoi_han=10)))
    assert error.at == "/procedures/0"
    assert "thoi_han" in error.message


def test_a_duplicate_code_is_refused_at_its_second_place() -> None:
    error = _refusal(documented(JUDICIAL_RECORD, JUDICIAL_RECORD))
    assert error.at == "/procedures/1/code"


def test_a_national_list_entry_without_a_code_is_refused() -> None:
    data = json.dumps([{"TTHC_MA": "1.000001", "NAME": "A"}, {"NAME": "B", "WEIGHT": "3"}], indent=2).encode()
    with pytest.raises(CatalogueFileError) as caught:
        read(data, name="citizen.json")
    assert (caught.value.at, caught.value.line) == ("/1/TTHC_MA", 6)


def test_a_weight_that_is_not_a_number_is_refused() -> None:
    data = json.dumps([{"TTHC_MA": "1.000001", "NAME": "A", "WEIGHT": "nhiều"}], indent=2).encode()
    with pytest.raises(CatalogueFileError) as caught:
        read(data, name="citizen.json")
    assert caught.value.at == "/0/WEIGHT"


@pytest.mark.django_db
def test_an_unknown_agency_late_in_the_file_leaves_nothing_written() -> None:
    justice_department()
    good = dict(JUDICIAL_RECORD, sector={"code": "MOI", "name": "Lĩnh vực mới"})
    bad = dict(JUDICIAL_RECORD, code="1.009999", competent_agency="H37.99", receiving_agencies=["H37.99"])
    name, data = as_file(documented(good, bad))
    catalogue = read_files([(name, data)])

    with pytest.raises(CatalogueFileError) as caught:
        import_catalogue(catalogue)

    assert caught.value.at == "/procedures/1/competent_agency"
    assert caught.value.line == _line_of(data.decode(), '"competent_agency": "H37.99"')
    assert not Procedure.objects.exists()
    assert not Sector.objects.filter(code="MOI").exists()
    assert not Agency.objects.filter(code="H37.99").exists()
