"""The search box's reading (dossiers.search), as a property: a name found however it is accented or
spaced, a phone however it is written, an ID number only whole."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from motcua.core.text import fold
from motcua.dossiers.search import applicant_matches, folded_applicant, phone_digits

SYLLABLES = ["Nguyễn", "Trần", "Lê", "Phạm", "Đặng", "Thị", "Văn", "Hoa", "Đức", "Ánh", "Tuấn", "Hương"]
names = st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=4).map(" ".join)
mobiles = st.from_regex(r"0[35789]\d{8}", fullmatch=True)


def _words(condition) -> list[str]:  # type: ignore[no-untyped-def]
    """The words a name condition asks for (each 'begins a word of the folded name'), in order."""
    found = []
    for child in condition.children:
        if isinstance(child, tuple):
            found += [child[1]] if child[0].endswith("startswith") else []
        else:
            found += _words(child)
    return found


@given(names, st.sampled_from([str.lower, str.upper, fold, lambda s: f"  {s}  "]))
def test_a_name_asks_for_its_folded_words(name, typed):
    words = _words(applicant_matches(typed(name)))
    assert words == fold(name).split()
    folded = folded_applicant(name)
    assert all(f" {folded}".find(f" {w}") >= 0 for w in words)


SHAPES = [
    lambda n: n,
    lambda n: f"{n[:4]} {n[4:7]} {n[7:]}",
    lambda n: f"{n[:4]}.{n[4:7]}.{n[7:]}",
    lambda n: f"+84 {n[1:4]} {n[4:]}",
    lambda n: f"({n[:4]}) {n[4:7]}-{n[7:]}",
]


@given(mobiles, st.sampled_from(SHAPES))
def test_a_phone_is_its_digits_however_written(number, shape):
    typed = shape(number)
    assert phone_digits(typed) == number
    assert applicant_matches(typed).children == [("applicant_phone_digits", number)]


@given(st.from_regex(r"\d{12}|\d{9}", fullmatch=True))
def test_an_id_number_is_matched_whole(number):
    assert applicant_matches(number).children == [("applicant_id_number", number)]


def test_nothing_to_search_is_no_condition():
    assert applicant_matches("") is None
    assert applicant_matches("   ") is None
    assert applicant_matches(None) is None
