"""The table kept event by event (contribution after - before) equals the sum recomputed from scratch."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.stats.figures import contribution, difference
from motcua.stats.periods import year_of

from .streams import history, snapshots

CHANNELS = st.sampled_from(["counter", "online", "postal"])
LEVELS = st.sampled_from(["end_to_end", "partial"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(history(), CHANNELS, LEVELS), min_size=1, max_size=12), st.data())
def test_random_event_streams_keep_the_table_equal_to_a_recomputation(dossiers, data):
    # Interleave the dossiers' events as the province lives them: one event of some dossier at a time.
    progress = [snapshots(events) for events, _, _ in dossiers]
    position = [0] * len(dossiers)
    kept: Counter = Counter()
    kept_years: Counter = Counter()  # the yearly table, kept from the same deltas
    while any(p < len(s) - 1 for p, s in zip(position, progress, strict=True)):
        i = data.draw(st.sampled_from([i for i, s in enumerate(progress) if position[i] < len(s) - 1]))
        _, channel, level = dossiers[i]
        before, after = progress[i][position[i]], progress[i][position[i] + 1]
        position[i] += 1
        for key, amount in difference(
            contribution(before, online_level=level, channel=channel),
            contribution(after, online_level=level, channel=channel),
        ).items():
            kept[(i % 3, key)] += amount  # three keys (agencies) share the table
            kept_years[(i % 3, year_of(key[0]), key[1])] += amount

    scratch: Counter = Counter()
    for i, ((_, channel, level), snaps) in enumerate(zip(dossiers, progress, strict=True)):
        for key, amount in contribution(snaps[-1], online_level=level, channel=channel).items():
            scratch[(i % 3, key)] += amount
    assert {k: v for k, v in kept.items() if v} == {k: v for k, v in scratch.items() if v}
    years: Counter = Counter()
    for (agency, (day, counter)), amount in scratch.items():
        years[(agency, year_of(day), counter)] += amount
    assert {k: v for k, v in kept_years.items() if v} == {k: v for k, v in years.items() if v}
    assert all(v >= 0 for v in kept.values())
