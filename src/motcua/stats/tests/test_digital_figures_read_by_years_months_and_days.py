"""A period of the scorecard's table is read as whole years, whole months and edge days
(`periods.split`): its sums and its population pairs equal those of the daily rows alone, for periods
cut anywhere, after changes written through the events' own upsert (daily, monthly and yearly rows)."""

import random
from datetime import date, timedelta

from django.db.models import Sum

from motcua.stats import digital
from motcua.stats.scorecard_models import DigitalFigures


def _from_days(start: date, end: date) -> tuple[dict, set]:
    rows = DigitalFigures.objects.filter(day__gte=start, day__lte=end)
    sums = {
        r["agency_id"]: {c: r[c] for c in digital.COUNTERS}
        for r in rows.values("agency_id").annotate(**{c: Sum(c) for c in digital.COUNTERS}).order_by()
    }
    pairs = set(rows.filter(received_population__gt=0).values_list("agency_id", "procedure_id"))
    return sums, pairs


def test_periods_cut_anywhere_read_the_sums_of_their_days(world):
    rng = random.Random(766)
    agencies = [world.department.pk, world.other_department.pk]
    procedure = world.version.procedure_id
    first = date(2024, 11, 20)
    for _ in range(60):  # changes as events make them: additions, and moves that take some back
        day = first + timedelta(days=rng.randrange(0, 500))
        counters = {c: rng.choice([0, 1, 1, 2]) for c in digital.COUNTERS}
        digital._upsert({(rng.choice(agencies), procedure, day): counters})
        if rng.random() < 0.2:
            digital._upsert({(agencies[0], procedure, day): {"received": -1, "resolved": 1}})
    periods = [
        (date(2025, 1, 1), date(2025, 12, 31)),  # a whole year: yearly rows alone
        (date(2024, 1, 1), date(2026, 12, 31)),
        (date(2024, 12, 1), date(2025, 2, 28)),  # months across a year's end
        (date(2024, 12, 15), date(2026, 1, 10)),  # a year, months and days at both edges
        (date(2025, 3, 6), date(2025, 3, 6)),
        (date(2025, 2, 27), date(2025, 3, 2)),
    ]
    for _ in range(30):
        lo = first + timedelta(days=rng.randrange(-40, 520))
        periods.append((lo, lo + timedelta(days=rng.randrange(0, 500))))
    for start, end in periods:
        sums, pairs = _from_days(start, end)
        assert digital.sums_by_agency(start, end) == sums, (start, end)
        assert digital.population_pairs(start, end) == pairs, (start, end)
        assert digital.sums_by_agency(start, end, agency_ids=agencies[1:]) == {
            a: s for a, s in sums.items() if a == agencies[1]
        }, (start, end)
