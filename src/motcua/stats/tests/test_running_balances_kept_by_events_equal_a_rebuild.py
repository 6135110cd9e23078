"""The yearly rows and running balances kept event by event, in the database, equal the ones a rebuild
recomputes.

Random interleaved event streams of dossiers on two keys go through the receiver's write
(`services._upsert`, balances included); the same dossiers' final contributions then go through the
rebuild's path (tables emptied, counters upserted, `rebuild_years` and `rebuild_balances` from the
monthly table). The daily, monthly and yearly tables must be equal, and so must every key's balance
at every month, read as the report reads it (the month's row, or the key's latest row before it).
"""

from collections import Counter
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.catalog.models import Procedure
from motcua.stats.figures import Key, contribution, difference
from motcua.stats.models import DailyFigures, MonthlyBalance, MonthlyFigures, YearlyFigures
from motcua.stats.rebuild import rebuild_years
from motcua.stats.services import _upsert, rebuild_balances

from .streams import history, snapshots

CHANNELS = ("online", "counter")


def shifted(delta: dict, days: int) -> dict:
    """The same change moved by `days` (histories all start in January 2026; spread them over months
    and years: 2024 to 2027)."""
    return {(day + timedelta(days=days), counter): n for (day, counter), n in delta.items()}


def tables() -> tuple[list, list, list]:
    def rows(model: type) -> list:
        names = [f.attname for f in model._meta.concrete_fields if f.name != "id"]
        return sorted(r for r in model.objects.values_list(*names) if any(r[4:-1]))

    return rows(DailyFigures), rows(MonthlyFigures), rows(YearlyFigures)


def balances(first: date, months: int) -> list:
    """Each key's (open, overdue) at the end of each month from `first`, as the selectors read it."""
    out, month = [], first
    for _ in range(months):
        rows = MonthlyBalance.objects.filter(month=month) | MonthlyBalance.objects.filter(
            last=True, month__lt=month
        )
        out.append((month, sorted(r for r in rows.values_list("channel", "open", "overdue") if any(r[1:]))))
        month = (month + timedelta(days=32)).replace(day=1)
    return out


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.tuples(history(), st.sampled_from(CHANNELS), st.integers(-450, 400)), min_size=1, max_size=8),
    st.data(),
)
def test_kept_running_balances_equal_a_rebuild(world, dossiers, data):
    for model in (DailyFigures, MonthlyFigures, YearlyFigures, MonthlyBalance):
        model.objects.all().delete()
    procedure = Procedure.objects.first()
    keys = {c: Key(world.department.pk, procedure.pk, 0, c) for c in CHANNELS}
    progress = [snapshots(events) for events, _, _ in dossiers]
    position = [0] * len(dossiers)
    while any(p < len(s) - 1 for p, s in zip(position, progress, strict=True)):
        i = data.draw(st.sampled_from([i for i, s in enumerate(progress) if position[i] < len(s) - 1]))
        _, channel, offset = dossiers[i]
        before, after = progress[i][position[i]], progress[i][position[i] + 1]
        position[i] += 1
        delta = difference(contribution(before, channel=channel), contribution(after, channel=channel))
        if delta:
            _upsert({keys[channel]: shifted(delta, offset)})
    kept = tables(), balances(date(2024, 9, 1), 30)

    for model in (DailyFigures, MonthlyFigures, YearlyFigures, MonthlyBalance):
        model.objects.all().delete()
    scratch: dict[Key, Counter] = {}
    for (_, channel, offset), snaps in zip(dossiers, progress, strict=True):
        part = shifted(dict(contribution(snaps[-1], channel=channel)), offset)
        scratch.setdefault(keys[channel], Counter()).update(part)
    _upsert({k: dict(c) for k, c in scratch.items()}, derived=False)
    rebuild_years()
    rebuild_balances()
    assert (tables(), balances(date(2024, 9, 1), 30)) == kept
