"""The scorecard's table kept event by event equals a recomputation from scratch on random histories,
with result and component files appearing at random moments (before, during or after processing),
seen by each event only once they exist, as the receiver sees the database; the monthly and yearly
levels, kept from the same changes (`digital.levels`, what the upsert writes), equal the recomputation
summed per month and per year."""

from collections import Counter
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.stats import digital

from .streams import START, history, snapshots

# When a file appears: never (None) or some hours after the first moment of the history.
APPEARS = st.one_of(st.none(), st.integers(0, 24 * 30))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(history(), APPEARS, APPEARS, st.booleans()), min_size=1, max_size=10), st.data())
def test_random_streams_keep_the_digital_table_equal_to_a_recomputation(dossiers, data):
    progress = [snapshots(events) for events, *_ in dossiers]
    position = [0] * len(dossiers)
    kept: Counter = Counter()
    kept_levels: list[Counter] = [Counter(), Counter(), Counter()]  # day, month, year
    while any(p < len(s) - 1 for p, s in zip(position, progress, strict=True)):
        i = data.draw(st.sampled_from([i for i, s in enumerate(progress) if position[i] < len(s) - 1]))
        events, result_h, files_h, population = dossiers[i]
        before, after = progress[i][position[i]], progress[i][position[i] + 1]
        now = events[position[i]].at
        position[i] += 1
        if not digital._moves(before, after):  # the receiver reads nothing for such an event
            continue
        # What the database holds at this event: the files that appeared by now.
        result_at = START + timedelta(hours=result_h) if result_h is not None else None
        files_at = START + timedelta(hours=files_h) if files_h is not None else None
        facts = {
            "population": population,
            "result_at": result_at if result_at is not None and result_at <= now else None,
            "files_at": files_at if files_at is not None and files_at <= now else None,
        }
        old, new = digital.contribution(before, **facts), digital.contribution(after, **facts)
        change: dict = {}
        for key in set(old) | set(new):
            kept[(i % 3, key)] += new.get(key, 0) - old.get(key, 0)
            day, counter = key
            change.setdefault((i % 3, 0, day), {})[counter] = new.get(key, 0) - old.get(key, 0)
        for level, rows in zip(kept_levels, digital.levels(change), strict=True):
            level.update(_flat(rows))

    scratch: Counter = Counter()
    for i, ((_, result_h, files_h, population), snaps) in enumerate(zip(dossiers, progress, strict=True)):
        everything = {  # the rebuild sees every file, however late
            "population": population,
            "result_at": START + timedelta(hours=result_h) if result_h is not None else None,
            "files_at": START + timedelta(hours=files_h) if files_h is not None else None,
        }
        for key, amount in digital.contribution(snaps[-1], **everything).items():
            scratch[(i % 3, key)] += amount
    assert {k: v for k, v in kept.items() if v} == {k: v for k, v in scratch.items() if v}
    assert all(v >= 0 for v in kept.values())
    rows: dict = {}
    for (agency, (day, counter)), amount in scratch.items():
        rows.setdefault((agency, 0, day), {})[counter] = amount
    for level, recomputed in zip(kept_levels, digital.levels(rows), strict=True):
        assert {k: v for k, v in level.items() if v} == {k: v for k, v in _flat(recomputed).items() if v}
        assert all(v >= 0 for v in level.values())
    # The periods really are months and years: every monthly key is a first of the month, and so on.
    assert all(k[2].day == 1 for k in kept_levels[1])
    assert all(k[2].timetuple()[1:3] == (1, 1) for k in kept_levels[2])


def _flat(rows: dict) -> Counter:
    return Counter({(*key, counter): n for key, counters in rows.items() for counter, n in counters.items()})
