"""Working-time arithmetic: pure, no ORM. Deadlines are walked through working windows (domain-vn.md §9).

Everything is reasoned about on the wall clocks of Vietnam (Asia/Ho_Chi_Minh, no daylight saving since
1975), so adding a timedelta to a local moment is plain wall-clock arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta

from motcua.core.time import VN_TZ

Window = tuple[time, time]
Span = tuple[datetime, datetime]
# year -> (national days off, national make-up working days); see holiday_source.year_source().
YearSource = Callable[[int], tuple[Collection[date], Collection[date]]]

UNITS = ("day", "hour")

# Decision 188/1999/QĐ-TTg: 40 hours over Monday..Friday; the usual office hours of a provincial agency.
DEFAULT_DAY: tuple[Window, ...] = ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 30)))
DEFAULT_WINDOWS: dict[int, tuple[Window, ...]] = dict.fromkeys(range(5), DEFAULT_DAY)

# A calendar with no working day in ten years is misconfigured; stop instead of looping for ever.
_MAX_IDLE_DAYS = 3660


class CalendarError(ValueError):
    """The calendar or the arguments cannot produce a deadline."""


def _normalise(windows: Iterable[Window]) -> tuple[Window, ...]:
    """Sort and merge overlapping or touching windows so working time is never counted twice."""
    merged: list[list[time]] = []
    for start, end in sorted(windows):
        if not start < end:
            raise CalendarError(f"khung giờ {start}–{end} không hợp lệ: giờ bắt đầu phải trước giờ kết thúc")
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end) for start, end in merged)


def _seconds(window: Window) -> int:
    start, end = window
    return (end.hour * 3600 + end.minute * 60 + end.second) - (
        start.hour * 3600 + start.minute * 60 + start.second
    )


def _local(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise CalendarError("cần thời điểm có múi giờ (timezone-aware datetime)")
    return moment.astimezone(VN_TZ)


class WorkCalendar:
    """Weekly windows, days off and make-up working days (làm bù) of one agency.

    `days_off` and `extra_days` are the final word for their dates; `year_source`, when given, supplies the
    national days for the dates they do not mention, one year at a time and only when a year is first
    touched. A date in neither is decided by the weekly windows.
    """

    def __init__(
        self,
        windows: Mapping[int, Sequence[Window]] | None = None,
        *,
        days_off: Iterable[date] = (),
        extra_days: Iterable[date] = (),
        year_source: YearSource | None = None,
    ) -> None:
        source = DEFAULT_WINDOWS if windows is None else windows
        self.weekly: dict[int, tuple[Window, ...]] = {
            weekday: _normalise(source.get(weekday, ())) for weekday in range(7)
        }
        if not any(self.weekly.values()):
            raise CalendarError("lịch làm việc không có khung giờ nào trong tuần")
        # A make-up Saturday is worked like a normal day: Monday's hours, or the first weekday that has hours.
        self.standard_day: tuple[Window, ...] = next(
            self.weekly[weekday] for weekday in range(7) if self.weekly[weekday]
        )
        self.day_seconds: int = sum(_seconds(window) for window in self.standard_day)
        self.days_off: frozenset[date] = frozenset(days_off)
        self.extra_days: frozenset[date] = frozenset(extra_days) - self.days_off
        self._year_source = year_source
        self._years: dict[int, tuple[Collection[date], Collection[date]]] = {}
        self._spans: dict[date, tuple[Span, ...]] = {}
        # Working seconds per weekday and per week, and each year's dates that differ from their
        # weekday, worked out on first use (working_seconds_between).
        self._weekday_seconds: list[int] = []
        self._week_seconds: int | None = None
        self._exceptions: dict[int, tuple[tuple[date, int], ...]] = {}

    # -- days ---------------------------------------------------------------------------------------------

    def _national(self, year: int) -> tuple[Collection[date], Collection[date]]:
        national = self._years.get(year)
        if national is None:
            national = self._year_source(year) if self._year_source else ((), ())
            self._years[year] = national
        return national

    def _windows_of(self, d: date) -> tuple[Window, ...]:
        if d in self.days_off:
            return ()
        if d in self.extra_days:
            return self.weekly[d.weekday()] or self.standard_day
        if self._year_source is not None:
            national_off, national_work = self._national(d.year)
            if d in national_off:
                return ()
            if d in national_work:
                return self.weekly[d.weekday()] or self.standard_day
        return self.weekly[d.weekday()]

    def is_working_day(self, d: date) -> bool:
        return bool(self._spans_on(d))

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after `d`."""
        for offset in range(1, _MAX_IDLE_DAYS + 1):
            candidate = d + timedelta(days=offset)
            if self._spans_on(candidate):
                return candidate
        raise CalendarError(f"không có ngày làm việc nào trong {_MAX_IDLE_DAYS} ngày sau {d.isoformat()}")

    def _spans_on(self, d: date) -> tuple[Span, ...]:
        spans = self._spans.get(d)
        if spans is None:
            spans = tuple(
                (datetime.combine(d, start, tzinfo=VN_TZ), datetime.combine(d, end, tzinfo=VN_TZ))
                for start, end in self._windows_of(d)
            )
            self._spans[d] = spans
        return spans

    def windows_on(self, d: date) -> list[Span]:
        """The working windows of one day as aware local datetimes; empty on a day off."""
        return list(self._spans_on(d))

    # -- moments ------------------------------------------------------------------------------------------

    def effective_start(self, start: datetime, cut_off: time | None = None) -> datetime:
        """The moment counting really starts: inside a window, or the next window start.

        With `cut_off`, a start on a working day at or after that local hour moves to the first window of
        the next working day (e.g. "received after 15:00 counts from the next working day").
        """
        moment = _local(start)
        day = moment.date()
        if (
            cut_off is not None
            and moment.timetz().replace(tzinfo=None) >= cut_off
            and self.is_working_day(day)
        ):
            return self._spans_on(self.next_working_day(day))[0][0]
        for _ in range(_MAX_IDLE_DAYS + 1):
            for span_start, span_end in self._spans_on(day):
                if moment < span_end:
                    return max(moment, span_start)
            day += timedelta(days=1)
        raise CalendarError(f"không có ngày làm việc nào trong {_MAX_IDLE_DAYS} ngày sau {moment.date()}")

    def is_working_moment(self, moment: datetime) -> bool:
        """Inside a working window of a working day; a window's end counts (a due moment may fall there)."""
        local_moment = _local(moment)
        return any(start <= local_moment <= end for start, end in self._spans_on(local_moment.date()))

    def next_working_moment(self, moment: datetime) -> datetime:
        """`moment` itself if it is working time, else the start of the next working window."""
        return _local(moment) if self.is_working_moment(moment) else self.effective_start(moment)

    def add_seconds(self, start: datetime, seconds: int) -> datetime:
        """Walk forward `seconds` of working time from `start`; a walk ending on a window end stays there."""
        if seconds < 0:
            raise CalendarError("thời lượng không được âm")
        cursor = self.effective_start(start)
        if seconds == 0:
            return cursor
        remaining = timedelta(seconds=seconds)
        day = cursor.date()
        idle = 0
        while True:
            spans = self._spans_on(day)
            for span_start, span_end in spans:
                if cursor >= span_end:
                    continue
                cursor = max(cursor, span_start)
                available = span_end - cursor
                if remaining <= available:
                    return cursor + remaining
                remaining -= available
                cursor = span_end
            idle = 0 if spans else idle + 1
            if idle > _MAX_IDLE_DAYS:
                raise CalendarError(f"không có ngày làm việc nào trong {_MAX_IDLE_DAYS} ngày sau {day}")
            day += timedelta(days=1)

    def add(self, start: datetime, amount: int, unit: str, cut_off: time | None = None) -> datetime:
        """The due moment of `amount` working days or hours counted from `start`.

        A working day is `day_seconds` of working time (8 h by default), walked like hours, as OpenCPS does:
        received Friday 09:00 + 5 days is due at 09:00 on the fifth working day after.
        """
        if unit not in UNITS:
            raise CalendarError(f"đơn vị thời hạn '{unit}' không hợp lệ (dùng 'day' hoặc 'hour')")
        if amount < 0:
            raise CalendarError("thời hạn không được âm")
        per_unit = self.day_seconds if unit == "day" else 3600
        return self.add_seconds(self.effective_start(start, cut_off), amount * per_unit)

    def working_seconds_between(self, a: datetime, b: datetime) -> int:
        """Working time from `a` to `b` in seconds; 0 when `b` is not after `a`.

        The first and the last day are walked window by window; the whole days between them are
        counted by whole weeks and the dates that differ from their weekday (`_whole_days`), so that
        a dossier overdue for a year costs no more than one due tomorrow (a worklist asks this of
        every row).
        """
        a, b = _local(a), _local(b)
        if b <= a:
            return 0
        first, last = a.date(), b.date()
        total = timedelta()
        for day in (first, last) if first != last else (first,):
            for span_start, span_end in self._spans_on(day):
                lo, hi = max(span_start, a), min(span_end, b)
                if lo < hi:
                    total += hi - lo
        seconds = int(total.total_seconds())
        if (last - first).days > 1:
            seconds += self._whole_days(first + timedelta(days=1), last - timedelta(days=1))
        return seconds

    def _whole_days(self, first: date, last: date) -> int:
        """Working seconds of the days `first` to `last`, both included, counted whole."""
        if self._week_seconds is None:
            self._weekday_seconds = [sum(_seconds(w) for w in self.weekly[wd]) for wd in range(7)]
            self._week_seconds = sum(self._weekday_seconds)
        weeks, rest = divmod((last - first).days + 1, 7)
        start = first.weekday()
        seconds = weeks * self._week_seconds
        seconds += sum(self._weekday_seconds[(start + i) % 7] for i in range(rest))
        for year in range(first.year, last.year + 1):
            for d, difference in self._exceptions_of(year):
                if first <= d <= last:
                    seconds += difference
        return seconds

    def _exceptions_of(self, year: int) -> tuple[tuple[date, int], ...]:
        """The dates of `year` whose working time is not their weekday's, with the difference."""
        found = self._exceptions.get(year)
        if found is None:
            national_off, national_work = self._national(year) if self._year_source else ((), ())
            candidates = {d for d in (*self.days_off, *self.extra_days) if d.year == year}
            # A national date counts under its own year's list, as `_windows_of` reads it.
            candidates.update(d for d in (*national_off, *national_work) if d.year == year)
            found = tuple(
                (d, difference)
                for d in sorted(candidates)
                if (
                    difference := sum(_seconds(w) for w in self._windows_of(d))
                    - self._weekday_seconds[d.weekday()]
                )
            )
            self._exceptions[year] = found
        return found
