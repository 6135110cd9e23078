"""Indices 3.1 (procedures offered online) and 3.2 (online procedures that received an online dossier
in the period), worked out by hand; 3.2 reads the summary tables."""

from datetime import date

from motcua.dossiers.tests.factories import AgencyFactory
from motcua.stats.coverage import catalogue_figures, procedures_behind
from motcua.stats.models import DailyFigures, MonthlyFigures, YearlyFigures
from motcua.stats.scorecard import indices, score

from .factories import procedure


def _figures(model, version, channel, received, **period):
    model.objects.create(
        agency=version.competent_agency,
        procedure=version.procedure,
        channel=channel,
        received=received,
        **period,
    )


def test_offered_online_and_used(db):
    dept = AgencyFactory(name="Sở A")
    e2e = procedure(dept, online="end_to_end")
    partial = procedure(dept, online="partial")
    partial_unused = procedure(dept, online="partial")
    procedure(dept, online="none")
    procedure(dept, online="none")
    procedure(dept, online="partial", active=False)  # no longer applied: not counted anywhere
    # March 2025 as a whole month, plus 1-2 April at the period's edge from the daily table.
    _figures(MonthlyFigures, e2e, "online", 3, month=date(2025, 3, 1))
    _figures(DailyFigures, partial, "online", 1, day=date(2025, 4, 2))
    _figures(DailyFigures, partial_unused, "counter", 4, day=date(2025, 4, 2))  # not online
    _figures(DailyFigures, partial_unused, "online", 2, day=date(2025, 4, 3))  # after the period

    figures = catalogue_figures(date(2025, 3, 1), date(2025, 4, 2))
    # 3.1: 3 of the 5 active procedures are online = 60 %. 3.2: 2 of those 3 had an online dossier.
    assert figures["3.1"][dept.pk] == (3, 5)
    assert figures["3.2"][dept.pk] == (2, 3)
    config = {i.id: i for i in indices()}
    line = score(config["3.1"], 3, 5)
    assert (line.rate, line.points) == (60.0, None)  # tracked: the 12 online points sit on 3.3
    assert score(config["3.2"], 2, 3).rate == 66.67
    # With a ceiling configured, 3.1 earns 60 / 80 × 4 = 3 points.
    four = {i.id: i for i in indices({"3.1": {"max": 4}})}
    assert score(four["3.1"], 3, 5).points == 3.0

    # The period ends on 31 March: 1 of 3 (only the end-to-end one from the monthly table).
    assert catalogue_figures(date(2025, 3, 1), date(2025, 3, 31))["3.2"][dept.pk] == (1, 3)

    # A whole year reads the yearly table: 2024 had an online dossier of the unused one only.
    _figures(YearlyFigures, partial_unused, "online", 5, year=date(2024, 1, 1))
    assert catalogue_figures(date(2024, 1, 1), date(2024, 12, 31))["3.2"][dept.pk] == (1, 3)
    assert catalogue_figures(date(2024, 1, 1), date(2025, 3, 31))["3.2"][dept.pk] == (2, 3)

    behind = procedures_behind("3.2", dept.pk, date(2025, 3, 1), date(2025, 4, 2))
    assert [(line.procedure.pk, line.counted) for line in behind] == [
        (partial_unused.procedure.pk, False),
        (e2e.procedure.pk, True),
        (partial.procedure.pk, True),
    ]


def test_no_procedure_is_not_applicable(db):
    dept = AgencyFactory()
    procedure(dept, online="none")
    figures = catalogue_figures(date(2025, 1, 1), date(2025, 12, 31))
    assert figures["3.2"].get(dept.pk, (0, 0)) == (0, 0)  # no online procedure: N/A
    config = {i.id: i for i in indices()}
    assert score(config["3.2"], 0, 0).rate is None
