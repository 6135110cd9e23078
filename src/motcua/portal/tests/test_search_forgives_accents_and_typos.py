"""Search finds a procedure whether the citizen types accents or not, and despite small typos."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.portal.search import distance, find_procedures

JUDICIAL = "3.000333"


def codes(result):  # type: ignore[no-untyped-def]
    return [p.code for p in result.procedures]


@pytest.mark.parametrize("query", ["ly lich tu phap", "Lý lịch tư pháp", "LY LICH", "phieu ly lich"])
def test_word_search_ignores_accents(catalogue, query):
    result = find_procedures(query)
    assert JUDICIAL in codes(result)
    assert not result.approximate


@pytest.mark.parametrize(
    "query",
    [
        "ly lihc tu phap",  # two letters swapped
        "ly lich tu phapp",  # one letter too many
        "ly lch tu phap",  # one letter missing
        "lys lichj tuw phaps",  # Telex typed without an input method
        "ly lich tu phpa",  # being typed, with a slip
    ],
)
def test_small_typos_are_forgiven(catalogue, query):
    result = find_procedures(query)
    assert codes(result)[0] == JUDICIAL
    assert result.approximate


def test_nonsense_finds_nothing(catalogue):
    result = find_procedures("xyzzy qwerty")
    assert codes(result) == []


def test_filters_apply_to_the_forgiving_search(catalogue):
    assert codes(find_procedures("khai snh", sector_code="HT"))
    assert codes(find_procedures("khai snh", sector_code="LLTP")) == []
    assert codes(find_procedures("ly lihc", online_level="partial")) == []


def test_page_says_results_are_approximate(catalogue, client):
    response = client.get("/", {"q": "ly lihc tu phap"})
    assert "Cấp Phiếu lý lịch tư pháp" in response.content.decode()
    assert "gần giống nhất" in response.content.decode()


def test_browse_by_sector_agency_and_level(catalogue, client):
    by_sector = client.get("/", {"linh-vuc": "LLTP"}).content.decode()
    assert "Cấp Phiếu lý lịch tư pháp" in by_sector
    assert "Đăng ký khai sinh" not in by_sector
    by_agency = client.get("/", {"co-quan": "H50.11"}).content.decode()  # Công an tỉnh
    assert "Cấp Phiếu lý lịch tư pháp" in by_agency
    assert "Đăng ký khai sinh" not in by_agency
    by_level = client.get("/", {"muc-do": "end_to_end"}).content.decode()
    assert "Cấp Phiếu lý lịch tư pháp" in by_level
    assert "Đăng ký kết hôn" not in by_level


def _reference(a: str, b: str) -> int:
    """Plain optimal-string-alignment distance, for checking the cut-off version."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


@given(st.text("abcdlmn", max_size=8), st.text("abcdlmn", max_size=8), st.integers(0, 3))
def test_distance_agrees_with_the_textbook_up_to_the_limit(a, b, limit):
    assert distance(a, b, limit) == min(_reference(a, b), limit + 1)
