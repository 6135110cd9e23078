"""Vietnamese mobile and landline numbers are accepted however they are typed, stored in one form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.phones import clean_phone, is_valid_phone, normalise_phone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0233 3852 999", "02333852999"),
        ("02333852999", "02333852999"),
        ("+84 233 3852 999", "02333852999"),
        ("(0233) 3852-999", "02333852999"),
        ("024.3825.1234", "02438251234"),
        ("0912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("84 912 345 678", "0912345678"),
        ("0352.123.456", "0352123456"),
        ("0563 123 456", "0563123456"),
        ("0789123456", "0789123456"),
        ("0868 123 456", "0868123456"),
        ("", ""),
    ],
)
def test_accepted_and_normalised(typed, stored):
    assert clean_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    ["12345", "0123456789", "0412345678", "091234567", "09123456789", "0233385299", "abc", "+1 202 555 0101"],
)
def test_refused(typed):
    assert clean_phone(typed) is None


def _digits(count: int) -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=count, max_size=count)


MOBILE = st.builds(lambda prefix, rest: f"0{prefix}{rest}", st.sampled_from("35789"), _digits(8))
# 0, then the area code (2xx, or 24 / 28 for Hà Nội and TP HCM), then the subscriber: 11 digits.
LANDLINE = st.builds(lambda rest: f"02{rest}", _digits(9))


def _typed(number: str, separators: list[str], international: bool) -> str:
    body = number[1:] if international else number
    out = "+84" if international else ""
    for i, digit in enumerate(body):
        out += digit + (separators[i % len(separators)] if i % 3 == 2 else "")
    return out


@given(
    number=st.one_of(MOBILE, LANDLINE),
    separators=st.lists(st.sampled_from([" ", ".", "-", ""]), min_size=1, max_size=4),
    international=st.booleans(),
)
def test_any_way_of_typing_a_valid_number_gives_the_same_stored_form(number, separators, international):
    assert clean_phone(_typed(number, separators, international)) == number


@given(st.text(max_size=30))
def test_anything_else_is_either_refused_or_a_valid_number(text):
    result = clean_phone(text)
    if result:
        assert is_valid_phone(result)
        assert result == normalise_phone(text)
        assert result.isdigit()
        assert len(result) in (10, 11)
