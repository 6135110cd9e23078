"""What the pinned holidays package (0.109) says, as read by holiday_source: names, sources, swaps."""

from __future__ import annotations

from datetime import date

from motcua.workcalendar import holiday_source


def test_make_up_days_pair_with_their_day_off_across_new_year() -> None:
    # 2018–2019: Monday 31/12/2018 off, Saturday 05/01/2019 worked (Công văn 6519/VPCP-KGVX, 2018).
    [make_up] = holiday_source.make_up_days(2019)[:1]
    assert make_up.date == date(2019, 1, 5)
    assert make_up.name == "Làm bù cho ngày nghỉ Thứ Hai 31/12/2018"
    assert "6519/VPCP-KGVX" in make_up.source


def test_days_off_have_vietnamese_names_and_the_labour_code() -> None:
    names = {day.date: day for day in holiday_source.days_off(2026)}
    assert names[date(2026, 4, 27)].name == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"  # 10/3 lunar is a Sunday
    assert "Điều 111" in names[date(2026, 4, 27)].source
    assert names[date(2026, 11, 24)].name == "Ngày Văn hóa Việt Nam"
    assert "9441/TB-BNV" in names[date(2026, 2, 17)].source


def test_year_source_is_the_engine_view() -> None:
    off, work = holiday_source.year_source(2024)
    assert date(2024, 4, 29) in off
    assert work == frozenset({date(2024, 5, 4)})
