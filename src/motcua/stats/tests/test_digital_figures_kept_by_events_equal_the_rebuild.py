"""The scorecard's tables of indices 4.1, 4.2 and 4.5 (daily, monthly, yearly), kept by the events of
real service calls, equal their rebuild from scratch; a result file added after the end of processing
changes neither; a period read through years, months and days gives the sums of its daily rows."""

import io
from datetime import date

from django.core.management import call_command

from motcua.dossiers import services
from motcua.dossiers.tests.factories import vn
from motcua.stats import digital
from motcua.stats.scorecard_models import DigitalFigures

from .test_api_report_equals_a_count_over_the_dossier_list import resolve, submit


def _rows(model=DigitalFigures, period="day"):
    """The table's rows, rows of zeros left out (a move can leave one behind; a rebuild writes none)."""
    return sorted(
        (r.agency_id, r.procedure_id, getattr(r, period), *counters)
        for r in model.objects.all()
        if any(counters := [getattr(r, c) for c in digital.COUNTERS])
    )


def _levels():
    return [_rows(model, period) for model, period in digital.LEVELS]


def test_kept_equals_rebuild(world):
    early, late = (submit(world, vn(2025, 3, day, 8, 0)) for day in (3, 4))
    for d, day in ((early, 3), (late, 4)):
        services.receive_dossier(dossier_id=d.pk, actor=world.intake, at=vn(2025, 3, day, 8, 30))
    resolve(world, early, 6)
    kept = _rows()
    agency, procedure = world.department.pk, world.version.procedure_id
    # Received 3 and 4 March (no population data); resolved 6 March with its result and its files.
    assert kept == [
        (agency, procedure, date(2025, 3, 3), 1, 0, 0, 0, 0),
        (agency, procedure, date(2025, 3, 4), 1, 0, 0, 0, 0),
        (agency, procedure, date(2025, 3, 6), 0, 0, 1, 1, 1),
    ]
    levels = _levels()
    assert levels[1] == [(agency, procedure, date(2025, 3, 1), 2, 0, 1, 1, 1)]
    assert levels[2] == [(agency, procedure, date(2025, 1, 1), 2, 0, 1, 1, 1)]
    digital.rebuild()
    assert _levels() == levels
    digital.rebuild(since=date(2025, 3, 4))
    assert _levels() == levels
    call_command("stats", "rebuild", "--from", "2025-03-05", stdout=io.StringIO(), stderr=io.StringIO())
    assert _levels() == levels


def test_a_result_added_after_the_end_does_not_count():
    from motcua.dossiers.clock import Snapshot

    ended = vn(2025, 3, 6, 15, 0)
    snap = Snapshot(state="returned", received_at=vn(2025, 3, 3, 8, 0), finished_at=ended)
    before_end = digital.contribution(snap, population=True, result_at=ended, files_at=vn(2025, 3, 3, 8, 0))
    after_end = digital.contribution(
        snap, population=False, result_at=vn(2025, 3, 7, 9, 0), files_at=vn(2025, 3, 3, 8, 0)
    )
    assert before_end[(date(2025, 3, 6), "resolved_digitised")] == 1
    assert before_end[(date(2025, 3, 3), "received_population")] == 1
    assert after_end[(date(2025, 3, 6), "resolved")] == 1
    assert after_end[(date(2025, 3, 6), "resolved_e_result")] == 0
    assert after_end[(date(2025, 3, 3), "received_population")] == 0
