"""National days off and make-up working days, read live from the pinned `holidays` package (0.109).

How the package models Vietnam (holidays/countries/vietnam.py):
- the Labour Code's fixed and lunar holidays, with Tết days falling on a Saturday moved to the previous
  workday and on a Sunday to the next one (since 2014), and other weekend holidays observed on the next
  workday ("(nghỉ bù)");
- the second National Day day next to 2/9 (since 2021);
- Government swaps as `special_public_holidays` (day off, worked weekend day): the weekday becomes a day off
  named "Ngày nghỉ (thay cho ngày dd/mm/yyyy)" and the weekend day lands in `weekend_workdays`.
The package only knows announcements made before its release; later ones are entered as CalendarOverride
rows by an administrator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import holidays

WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")

LABOUR_CODE_2012 = "Bộ luật Lao động 2012, Điều 115"
LABOUR_CODE_2019 = "Bộ luật Lao động 2019, Điều 112"
OBSERVED_2012 = "Bộ luật Lao động 2012, Điều 115 khoản 3 (nghỉ bù khi trùng ngày nghỉ hằng tuần)"
OBSERVED_2019 = "Bộ luật Lao động 2019, Điều 111 khoản 3 (nghỉ bù khi trùng ngày nghỉ hằng tuần)"

# The announcements behind Tết, National Day and swapped days, by (year of the day off, occasion). The ones
# the package's own source links to, with numbers and dates checked against law portals and press reports.
_MOLISA_2025 = "Thông báo 6150/TB-BLĐTBXH của Bộ LĐTBXH, theo Công văn 8726/VPCP-KGVX ngày 26/11/2024"
_MOHA_2026 = "Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ, theo Công văn 9859/VPCP-KGVX năm 2025"
ANNOUNCEMENTS: dict[tuple[int, str], str] = {
    (2018, "swap"): "Công văn 6519/VPCP-KGVX năm 2018 của Văn phòng Chính phủ",
    (2024, "swap"): (
        "Công văn 2450/VPCP-KGVX ngày 12/4/2024 của Văn phòng Chính phủ; "
        "Thông báo 1570/TB-BLĐTBXH ngày 12/4/2024"
    ),
    (2025, "tet"): _MOLISA_2025,
    (2025, "national_day"): _MOLISA_2025,
    (2025, "swap"): _MOLISA_2025,
    (2026, "tet"): _MOHA_2026,
    (2026, "national_day"): _MOHA_2026,
    (2026, "swap"): _MOHA_2026,
}
PACKAGE_ONLY = "thư viện holidays 0.109 (không dẫn văn bản công bố)"


@dataclass(frozen=True)
class NationalDay:
    """One entry of the national calendar: a day off, or a make-up working day when `working`."""

    date: date
    name: str
    source: str
    working: bool = False


def format_day(d: date) -> str:
    """'Thứ Hai 29/04/2024'."""
    return f"{WEEKDAY_NAMES[d.weekday()]} {d:%d/%m/%Y}"


@lru_cache(maxsize=64)
def _package_year(year: int) -> tuple[dict[date, str], frozenset[date]]:
    calendar = holidays.country_holidays("VN", years=year, language="vi")
    # weekend_workdays also carries make-up days of other years (swaps across New Year); keep this year's.
    return dict(calendar.items()), frozenset(d for d in calendar.weekend_workdays if d.year == year)


def _source_of(d: date, name: str) -> str:
    labour_code = LABOUR_CODE_2019 if d.year >= 2021 else LABOUR_CODE_2012
    if "(nghỉ bù)" in name:
        return OBSERVED_2019 if d.year >= 2021 else OBSERVED_2012
    if "thay cho" in name:
        return ANNOUNCEMENTS.get((d.year, "swap"), PACKAGE_ONLY)
    if "Quốc khánh" in name:
        occasion = "national_day"
    elif "Tết" in name and "Dương lịch" not in name:
        occasion = "tet"
    else:
        occasion = ""
    # The Prime Minister fixes the exact Tết and National Day days each year (Labour Code 2019, Art. 112.3).
    announced = ANNOUNCEMENTS.get((d.year, occasion))
    return f"{labour_code}; {announced}" if announced else labour_code


def _swapped_day_off(make_up: date) -> date | None:
    """The weekday given off in exchange for a worked weekend day; it may lie in the next or previous year."""
    marker = f"{make_up:%d/%m/%Y}"
    for year in (make_up.year, make_up.year + 1, make_up.year - 1):
        for d, name in _package_year(year)[0].items():
            if marker in name:
                return d
    return None


@lru_cache(maxsize=64)
def national_year(year: int) -> tuple[tuple[NationalDay, ...], tuple[NationalDay, ...]]:
    """(days off, make-up working days) of one year, sorted by date, with Vietnamese names and sources."""
    names, workdays = _package_year(year)
    off = tuple(NationalDay(d, name, _source_of(d, name)) for d, name in sorted(names.items()))
    work = []
    for d in sorted(workdays):
        partner = _swapped_day_off(d)
        if partner is None:
            work.append(NationalDay(d, "Ngày làm việc bù", PACKAGE_ONLY, working=True))
            continue
        work.append(
            NationalDay(
                d,
                f"Làm bù cho ngày nghỉ {format_day(partner)}",
                ANNOUNCEMENTS.get((partner.year, "swap"), PACKAGE_ONLY),
                working=True,
            )
        )
    return off, tuple(work)


def days_off(year: int) -> list[NationalDay]:
    return list(national_year(year)[0])


def make_up_days(year: int) -> list[NationalDay]:
    return list(national_year(year)[1])


@lru_cache(maxsize=256)
def year_source(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """The engine's view of one year: (dates off, make-up working dates)."""
    names, workdays = _package_year(year)
    return frozenset(names), workdays
