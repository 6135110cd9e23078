"""Identity papers (and papers whose name says the population database replaces them) are marked
`replaced_by_population_data`, from the demo catalogue and from an imported catalogue file alike;
a paper whose own name says it may be left out is never mandatory in an import either."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.catalog.catalogue_file import DocumentEntry
from motcua.catalog.documents import published_document, replaceable_by_population_data


@pytest.mark.parametrize(
    "name",
    [
        "Thẻ căn cước, Thẻ căn cước công dân hoặc Hộ chiếu còn giá trị sử dụng",
        "Bản chụp CCCD của người yêu cầu",
        "Giấy tờ (không phải nộp nếu thông tin đã được khai thác từ Cơ sở dữ liệu quốc gia về dân cư)",
    ],
)
def test_identity_papers_are_replaced_by_population_data(name):
    assert replaceable_by_population_data(name)
    assert published_document({"name": name})["replaced_by_population_data"] is True


@pytest.mark.parametrize("name", ["Tờ khai đăng ký kết hôn", "Giấy xác nhận tình trạng hôn nhân"])
def test_other_papers_are_not(name):
    assert not replaceable_by_population_data(name)


def test_an_explicit_false_wins():
    row = published_document({"name": "Thẻ căn cước", "replaced_by_population_data": False})
    assert row["replaced_by_population_data"] is False


@given(st.text(max_size=80))
def test_the_rule_never_fails(name):
    assert isinstance(replaceable_by_population_data(name), bool)


@pytest.mark.django_db
def test_the_demo_catalogue_marks_its_identity_papers():
    from motcua.catalog.models import RequiredDocument
    from motcua.demo.catalogue import load_agencies, load_catalogue

    load_catalogue(load_agencies())
    marked = RequiredDocument.objects.filter(replaced_by_population_data=True).values_list("name", flat=True)
    assert any("căn cước" in name for name in marked)
    assert not RequiredDocument.objects.filter(
        replaced_by_population_data=True, name__startswith="Tờ khai"
    ).exists()


def test_an_imported_document_follows_its_name():
    from motcua.catalog.catalogue_file import _terms

    item = {
        "competent_agency": "H50.11",
        "processing_time": {"value": 5, "unit": "working_day"},
        "documents": [
            {"name": "Bản chụp Thẻ căn cước (không phải nộp nếu đã có trong cơ sở dữ liệu)"},
            {"name": "Tờ khai", "population_data": False},
            {"name": "Hộ chiếu", "population_data": True},
        ],
    }
    documents = _terms(item, "/0", lambda *a: None).documents  # type: ignore[union-attr]
    assert [(d.mandatory, d.population_data) for d in documents] == [
        (False, True),
        (True, False),
        (True, True),
    ]
    assert isinstance(documents[0], DocumentEntry)
