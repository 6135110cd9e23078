"""The reference's scorecard examples (integration reference B5), worked out by hand."""

from motcua.stats.scorecard import indices, points, rate, satisfaction_5_4, score

INDEX = {i.id: i for i in indices()}


def test_sync_rate_of_95_percent_earns_5_70_of_6():
    # 950 synced; 1,000 in the national reporting system and 980 on DVCQG: the larger counts.
    assert score(INDEX["1.4"], 950, max(1000, 980)).points == 5.70


def test_online_share_below_its_threshold_is_scored_in_proportion():
    value = round(120 / 400 * 0.95 * 100, 2)
    assert value == 28.50
    assert points(value, INDEX["3.3"]) == round(28.5 / 50 * 12, 2) == 6.84


def test_satisfaction_of_95_percent_reaches_the_90_percent_threshold():
    # 3 % late + 2 % with feedback → 95 % → all 6 points.
    value = satisfaction_5_4(late=3, complained=2, resolved=100)
    assert value == 95.0
    assert points(value, INDEX["5.4"]) == 6


def test_zero_denominator_is_not_applicable():
    line = score(INDEX["2.1"], 0, 0)
    assert (line.rate, line.points) == (None, None)
    assert rate(1, 0) is None


def test_ceilings_and_thresholds_are_configuration():
    changed = {i.id: i for i in indices({"3.3": {"max": 4, "threshold": 80}})}
    assert points(40, changed["3.3"]) == 2.0
    assert points(40, INDEX["2.2"]) is None  # tracked, not scored
