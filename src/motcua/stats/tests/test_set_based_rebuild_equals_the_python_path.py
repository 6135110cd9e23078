"""On PostgreSQL the rebuild is set-based (`stats.rebuild.CONTRIBUTION_SQL`): on dossiers of every
fate, spread over four years, it gives exactly the tables the Python path (`figures.contribution` of
each dossier, the code the events use) gives: daily, monthly, yearly rows and running balances, for a
whole rebuild and for one from a date. (That the events keep the same tables as a rebuild is
`test_api_report_equals_a_count_over_the_dossier_list.py`, run on both databases.)"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from motcua.catalog.models import ProcedureVersion
from motcua.core.time import VN_TZ
from motcua.dossiers.models import Dossier
from motcua.stats.models import DailyFigures, MonthlyBalance, MonthlyFigures, YearlyFigures
from motcua.stats.rebuild import rebuild

pytestmark = [pytest.mark.postgres]


def dossiers(world, count: int) -> None:
    """Dossiers of every fate the contribution distinguishes, written directly with their snapshot."""
    rng = random.Random(13)
    versions = list(ProcedureVersion.objects.all())
    for v in versions:  # both online levels, so that e2e and partial are both counted
        v.online_level = rng.choice(["end_to_end", "partial"])
        v.save(update_fields=["online_level"])
    start = datetime(2023, 11, 1, 8, tzinfo=VN_TZ)
    rows = []
    for n in range(count):
        v = rng.choice(versions)
        received = start + timedelta(days=rng.random() * 1200, hours=rng.random() * 10)
        due = received + timedelta(days=rng.choice([3, 5, 10]), seconds=rng.choice([0, 30, 3600]))
        fate = rng.choice(["open", "early", "on_time", "late", "stopped", "withdrawn", "refused", "late"])
        finished = {
            "open": None,
            "early": received + (due - received) * rng.random(),
            "on_time": due + timedelta(seconds=rng.choice([-59, 0, 59])),
            "late": due + timedelta(days=rng.random() * 40),
            "stopped": received + timedelta(days=rng.random() * 20),
            "withdrawn": received + timedelta(days=rng.random() * 20),
            "refused": received + timedelta(hours=2),
        }[fate]
        state = {"open": "processing", "stopped": "stopped", "withdrawn": "stopped", "refused": "refused"}
        rows.append(
            Dossier(
                code=f"R-{n}",
                lookup_secret="x",
                procedure_version_id=v.pk,
                receiving_agency_id=v.competent_agency_id,
                current_agency_id=v.competent_agency_id,
                channel=rng.choice(["online", "counter", "postal"]),
                applicant_name="Nguyễn Văn A",
                state=state.get(fate, rng.choice(["resolved", "returned"])),
                submitted_at=received,
                received_at=None if fate == "refused" else received,
                due_at=None if fate == "refused" else due,
                finished_at=finished,
                supplement_count=rng.choice([0, 0, 1, 2]),
                apology_count=rng.choice([0, 1]) if fate == "late" else 0,
                clock={"withdrawal_from": "processing"} if fate == "withdrawn" else {},
            )
        )
    Dossier.objects.bulk_create(rows)


def tables() -> list:
    out = []
    for model in (DailyFigures, MonthlyFigures, YearlyFigures, MonthlyBalance):
        columns = [f.attname for f in model._meta.concrete_fields if f.name != "id"]
        out.append(sorted(model.objects.values_list(*columns)))
    return out


def test_set_based_rebuild_gives_the_python_paths_tables(world):
    dossiers(world, 600)
    read = rebuild(set_based=False)
    python = tables()
    assert read == 600
    assert all(python), "every table has rows"
    assert rebuild(set_based=True) == 600
    assert tables() == python

    since = date(2025, 6, 17)  # from 1 June 2025: the yearly rows of 2025 summed again
    python_read = rebuild(since=since, set_based=False)
    assert tables() == python
    assert rebuild(since=since, set_based=True) == python_read
    assert tables() == python
