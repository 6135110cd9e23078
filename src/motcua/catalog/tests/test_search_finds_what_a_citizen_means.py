"""Relevance with the real national catalogue: what citizens type, without accents, finds what they mean."""

from __future__ import annotations

import pytest

from motcua.catalog.selectors import search_procedures

pytestmark = pytest.mark.django_db


def _codes(query: str, top: int = 3) -> list[str]:
    return [p.code for p in search_procedures(query)[:top]]


@pytest.mark.parametrize(
    ("query", "expected", "top"),
    [
        ("ly lich tu phap", "3.000333", 1),  # Cấp Phiếu Lý lịch tư pháp cho công dân Việt Nam, ...
        ("dang ky khai sinh", "1.001193", 1),  # Thủ tục đăng ký khai sinh
        ("cap doi giay phep lai xe", "3.000347", 3),  # Đổi giấy phép lái xe
        ("thanh lap doanh nghiep", "2.001610", 3),  # Đăng ký thành lập doanh nghiệp tư nhân
        ("dang ky tam tru", "1.004194", 1),
        ("ho chieu", "1.001456", 1),  # the most used of the passport procedures
        ("LÝ LỊCH TƯ PHÁP", "3.000333", 1),
        ("dang ky khai si", "1.001193", 3),  # still typing
        ("1.001193", "1.001193", 1),  # a code
    ],
)
def test_the_expected_procedure_ranks_near_the_top(
    national_catalogue: None, query: str, expected: str, top: int
) -> None:
    assert expected in _codes(query, top), [(p.code, p.name[:60]) for p in search_procedures(query)[:5]]


def test_equal_answers_are_ordered_by_national_usage(national_catalogue: None) -> None:
    found = list(search_procedures("cap ho chieu pho thong")[:2])
    assert [p.code for p in found] == ["1.001456", "1.001471"]  # tỉnh (13.8 M) before trung ương (3.7 M)


def test_words_that_answer_nothing_find_nothing(national_catalogue: None) -> None:
    assert search_procedures("xyzzy quux").count() == 0


def test_without_a_query_the_most_used_come_first(national_catalogue: None) -> None:
    assert [p.code for p in search_procedures("")[:3]] == ["1.004194", "1.001456", "1.004222"]
