"""Dates: yyyy/MM/dd and dd/MM/yyyy read, impossible dates never rolled over, yyyy/MM/dd written."""

from __future__ import annotations

import contextlib
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.time import VN_TZ
from motcua.exchange.edxml.dates import (
    DateForm,
    InvalidDate,
    format_date,
    format_timestamp,
    parse_date,
    parse_timestamp,
)

any_day = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))


@given(any_day)
def test_a_written_date_reads_back(day: date) -> None:
    parsed = parse_date(format_date(day))

    assert parsed.value == day
    assert parsed.form is DateForm.YEAR_FIRST


@given(any_day)
def test_day_first_reads_as_the_same_date(day: date) -> None:
    parsed = parse_date(f"{day.day:02d}/{day.month:02d}/{day.year:04d}")

    assert parsed.value == day
    assert parsed.form is DateForm.DAY_FIRST


@given(st.integers(1000, 9999), st.integers(0, 99), st.integers(0, 99))
def test_a_date_that_does_not_exist_is_refused_in_both_orders(year: int, month: int, day: int) -> None:
    try:
        expected = date(year, month, day)
    except ValueError:
        expected = None
    for text in (f"{year:04d}/{month:02d}/{day:02d}", f"{day:02d}/{month:02d}/{year:04d}"):
        if expected is None:
            with pytest.raises(InvalidDate) as refused:
                parse_date(text)
            assert refused.value.impossible
        else:
            assert parse_date(text).value == expected


@given(st.text(max_size=30))
def test_any_text_is_a_date_or_an_invalid_date(text: str) -> None:
    with contextlib.suppress(InvalidDate):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "impossible"),
    [
        ("2014/02/30", True),
        ("31/04/2020", True),
        ("2020/13/01", True),
        ("2020-10-30", False),
        ("", False),
        ("٢٠٢٠/١٠/٣٠", False),  # digits, but not ASCII ones
    ],
)
def test_examples_from_real_traffic(text: str, impossible: bool) -> None:
    with pytest.raises(InvalidDate) as refused:
        parse_date(text)

    assert refused.value.impossible is impossible


def test_a_leap_day_exists_only_in_leap_years() -> None:
    assert parse_date("2024/02/29").value == date(2024, 2, 29)
    with pytest.raises(InvalidDate):
        parse_date("29/02/2023")


def test_a_date_with_a_time_keeps_the_date() -> None:
    parsed = parse_date("2023/03/14 17:19:16")

    assert parsed.value == date(2023, 3, 14)
    assert parsed.had_time


def test_timestamps_are_vietnamese_local_time() -> None:
    assert parse_timestamp("2026/03/02 14:05:31").value == datetime(2026, 3, 2, 14, 5, 31, tzinfo=VN_TZ)
    assert parse_timestamp("30/10/2020 08:15:00").value == datetime(2020, 10, 30, 8, 15, tzinfo=VN_TZ)
    assert format_timestamp(datetime(2026, 3, 2, 7, 5, 31, tzinfo=VN_TZ)) == "2026/03/02 07:05:31"


def test_a_utc_moment_is_written_in_local_time() -> None:
    from datetime import UTC

    assert format_timestamp(datetime(2026, 3, 2, 20, 0, tzinfo=UTC)) == "2026/03/03 03:00:00"


def test_years_before_1000_are_written_with_four_digits() -> None:
    assert format_date(date(999, 1, 2)) == "0999/01/02"
