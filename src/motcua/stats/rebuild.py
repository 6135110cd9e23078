"""`motcua stats rebuild`: the summary tables recomputed from the dossiers' cached snapshots.

Two paths give the same tables (`test_set_based_rebuild_equals_the_python_path.py` on PostgreSQL):

- on PostgreSQL, set-based: each dossier's contribution computed in SQL (`CONTRIBUTION_SQL`, the twin
  of `figures.contribution`), one statement per two million dossiers into a staging table, then the
  daily table grouped from it, the monthly one from the daily, the yearly one from the monthly and
  the running balances from the monthly (a few minutes at ten million dossiers instead of hours);
- elsewhere (SQLite: development, small offices), the Python path: `figures.contribution` of every
  dossier, upserted in chunks.

Both run in one transaction with the tables locked: a failed or interrupted run leaves the old
tables, and running it again gives the same tables (idempotent). `since` redoes only the days from
the first of its month (and the yearly rows from its year), reading only the dossiers that can add to
them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from django.db import connection, transaction
from django.db.models import Sum
from django.db.models.functions import TruncYear

from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.core.time import VN_TZ
from motcua.dossiers.models import Dossier

from .figures import COUNTERS
from .models import DailyFigures, MonthlyBalance, MonthlyFigures, YearlyFigures
from .periods import month_of, year_of
from .services import _upsert, contributions, dossiers_touching, rebuild_balances

# (phase, done, total): a phase's progress, e.g. ("Hồ sơ", 3, 20) after the third chunk of dossiers.
Progress = Callable[[str, int, int], None]

KEY = "agency_id, procedure_id, sector_id, channel"
LOCAL = "AT TIME ZONE 'Asia/Ho_Chi_Minh'"

# The SQL twin of `figures.contribution`: each dossier's counters on its reception, due, end and
# settled days (local days), summed per key and day. `{where}` picks the dossiers (alias x), `{since}`
# the first day kept. Early/late within a minute of the due moment is on time, as `clock.timeliness`.
CONTRIBUTION_SQL = """
    WITH d AS (
        SELECT v.competent_agency_id AS a, v.procedure_id AS p, COALESCE(pr.sector_id, 0) AS s,
               x.channel AS ch, v.online_level AS lvl, x.state,
               (x.received_at {local})::date AS rday, (x.due_at {local})::date AS dday,
               (x.finished_at {local})::date AS fday, x.received_at, x.due_at, x.finished_at,
               x.state IN ('resolved', 'returned') AS resolved,
               CASE WHEN x.supplement_count > 1 THEN 'late' WHEN x.due_at IS NULL THEN 'on_time'
                    WHEN extract(epoch FROM x.finished_at - x.due_at) < -60 THEN 'early'
                    WHEN extract(epoch FROM x.finished_at - x.due_at) > 60 THEN 'late'
                    ELSE 'on_time' END AS kind,
               x.apology_count > 0 AS apology, COALESCE(x.clock->>'withdrawal_from', '') <> '' AS wd
        FROM {dossier} x JOIN {version} v ON v.id = x.procedure_version_id
             JOIN {procedure} pr ON pr.id = v.procedure_id
        WHERE {where}
    )
    SELECT a, p, s, ch, day, {sums}
    FROM d CROSS JOIN LATERAL (VALUES
        -- reception
        (CASE WHEN received_at IS NOT NULL THEN rday END, 1, (ch = 'online' AND lvl = 'end_to_end')::int,
         (ch = 'online' AND lvl <> 'end_to_end')::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0::bigint),
        -- due
        (CASE WHEN received_at IS NOT NULL THEN dday END, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0),
        -- end
        (CASE WHEN received_at IS NOT NULL THEN fday END, 0, 0, 0, 1,
         (resolved AND kind = 'early')::int, (resolved AND kind = 'on_time')::int,
         (resolved AND kind = 'late')::int, (resolved AND kind = 'late' AND apology)::int,
         (NOT resolved AND NOT wd)::int, (NOT resolved AND wd)::int, 0, 0, 0,
         CASE WHEN resolved THEN floor(extract(epoch FROM finished_at - received_at) / 60)::bigint
              ELSE 0 END),
        -- settled
        (CASE WHEN received_at IS NOT NULL AND due_at IS NOT NULL AND finished_at IS NOT NULL
              THEN greatest(dday, fday) END,
         0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0),
        -- not accepted
        (CASE WHEN received_at IS NULL AND state = 'refused' THEN fday END,
         0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0)
    ) c(day, received, received_e2e, received_partial, ended, resolved_early, resolved_on_time,
        resolved_late, late_with_apology, stopped, withdrawn, refused, due, settled, resolved_minutes)
    WHERE day IS NOT NULL AND day >= {since}
    GROUP BY a, p, s, ch, day
"""


def contribution_sql(where: str, since: date | None = None) -> str:
    """The contributions of the dossiers matching `where` (SQL over alias x, constants only) on the
    days from `since` (all days without it)."""
    # Table names, constants and a date formatted here: no outside text reaches the statement.
    return CONTRIBUTION_SQL.format(
        local=LOCAL,
        dossier=Dossier._meta.db_table,
        version=ProcedureVersion._meta.db_table,
        procedure=Procedure._meta.db_table,
        where=where,
        since=f"DATE '{since.isoformat()}'" if since else "DATE '0001-01-01'",
        sums=", ".join(f"SUM({c})" for c in COUNTERS),
    )


def _start_of(day: date) -> str:
    """A local midnight as an SQL literal (a date formatted here, never user text)."""
    return f"TIMESTAMPTZ '{datetime.combine(day, time.min, tzinfo=VN_TZ).isoformat()}'"


def dossier_chunks(since: date | None, size: int = 2_000_000) -> list[str]:
    """The dossiers that can add to a day >= `since`, as disjoint WHERE clauses over alias x: one per
    range of `size` primary keys, so that each statement reads one stretch of the table (dossiers are
    stored roughly in the order they came) and the whole rebuild reads it once."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MIN(id), MAX(id) FROM {Dossier._meta.db_table}")  # noqa: S608
        lo, hi = cursor.fetchone()
    if lo is None:
        return []
    touching = ""
    if since is not None:
        # A contribution falls on the reception, due or end day (or max(due, end)): see
        # services.dossiers_touching, the same condition for the Python path.
        start = _start_of(since)
        touching = f" AND (x.received_at >= {start} OR x.finished_at >= {start} OR x.due_at >= {start})"
    return [
        f"x.id >= {int(first)} AND x.id < {int(first) + size}{touching}" for first in range(lo, hi + 1, size)
    ]


def rebuild(
    *,
    since: date | None = None,
    progress: Progress | None = None,
    chunk: int = 5000,
    set_based: bool | None = None,
) -> int:
    """Recompute the daily, monthly and yearly tables (the days from the first of `since`'s month on)
    and the running balances; returns how many dossiers were read. `set_based` chooses the path
    (PostgreSQL only; by default set-based there, in Python elsewhere): the tests compare the two."""
    if set_based is None:
        set_based = connection.vendor == "postgresql"
    since = month_of(since) if since is not None else None
    tables = [m._meta.db_table for m in (DailyFigures, MonthlyFigures, YearlyFigures, MonthlyBalance)]
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {', '.join(tables)} IN EXCLUSIVE MODE")
        daily, monthly = DailyFigures.objects.all(), MonthlyFigures.objects.all()
        if since is not None:
            daily, monthly = daily.filter(day__gte=since), monthly.filter(month__gte=since)
        daily.delete()
        monthly.delete()
        fill = _fill_set_based if set_based else _fill_in_python
        done = fill(since, progress, chunk)
        rebuild_years(since)
        if progress:
            progress("Số dư lũy kế", 0, 1)
        rebuild_balances()
        if progress:
            progress("Số dư lũy kế", 1, 1)
    return done


def _fill_in_python(since: date | None, progress: Progress | None, chunk: int) -> int:
    """The daily and monthly rows from `figures.contribution` of each dossier, chunk by chunk."""
    rows = dossiers_touching(since).order_by("pk")
    total = rows.count()
    done, last = 0, 0
    while True:
        batch = list(rows.filter(pk__gt=last)[:chunk])
        if not batch:
            break
        sums = contributions(batch, since)
        _upsert({key: dict(counter) for key, counter in sums.items()}, derived=False)
        done += len(batch)
        last = batch[-1].pk
        if progress:
            progress("Hồ sơ", done, total)
    return done


def _fill_set_based(since: date | None, progress: Progress | None, chunk: int = 0) -> int:
    """PostgreSQL: the contributions, two million dossiers at a time, into a staging table, then
    the daily rows grouped from it and the monthly rows from those (`chunk` is the Python path's)."""
    counters = ", ".join(COUNTERS)
    sums = ", ".join(f"SUM({c})" for c in COUNTERS)
    chunks = dossier_chunks(since)
    done = 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE stats_rebuild_stage ON COMMIT DROP AS "  # noqa: S608
            f"SELECT {KEY}, day, {counters} FROM {DailyFigures._meta.db_table} WITH NO DATA"
        )
        for i, where in enumerate(chunks, 1):
            cursor.execute(
                f"INSERT INTO stats_rebuild_stage ({KEY}, day, {counters}) {contribution_sql(where, since)}"
            )
            cursor.execute(f"SELECT COUNT(*) FROM {Dossier._meta.db_table} x WHERE {where}")  # noqa: S608
            done += cursor.fetchone()[0]
            if progress:
                progress("Hồ sơ", i, len(chunks))
        cursor.execute(
            f"INSERT INTO {DailyFigures._meta.db_table} ({KEY}, day, {counters}) "  # noqa: S608
            f"SELECT {KEY}, day, {sums} FROM stats_rebuild_stage GROUP BY {KEY}, day"
        )
        cursor.execute("DROP TABLE stats_rebuild_stage")
        if progress:
            progress("Tháng", 0, 1)
        since_sql = f"DATE '{since.isoformat()}'" if since else "DATE '0001-01-01'"
        cursor.execute(
            f"INSERT INTO {MonthlyFigures._meta.db_table} ({KEY}, month, {counters}) "  # noqa: S608
            f"SELECT {KEY}, date_trunc('month', day)::date, {sums} FROM {DailyFigures._meta.db_table} "
            f"WHERE day >= {since_sql} GROUP BY {KEY}, date_trunc('month', day)"
        )
        if progress:
            progress("Tháng", 1, 1)
    return done


def rebuild_years(since: date | None = None) -> int:
    """The yearly rows (of `since`'s year and later, all without it) summed from the monthly table
    (keys × months: small); returns the rows written."""
    yearly, monthly = YearlyFigures.objects.all(), MonthlyFigures.objects.all()
    if since is not None:
        yearly, monthly = yearly.filter(year__gte=year_of(since)), monthly.filter(month__gte=year_of(since))
    yearly.delete()
    rows = (
        monthly.annotate(y=TruncYear("month"))
        .values("agency_id", "procedure_id", "sector_id", "channel", "y")
        .annotate(**{f"sum_{c}": Sum(c) for c in COUNTERS})
        .order_by()
    )
    made = [
        YearlyFigures(
            agency_id=r["agency_id"],
            procedure_id=r["procedure_id"],
            sector_id=r["sector_id"],
            channel=r["channel"],
            year=r["y"],
            **{c: r[f"sum_{c}"] for c in COUNTERS},
        )
        for r in rows
        if any(r[f"sum_{c}"] for c in COUNTERS)
    ]
    YearlyFigures.objects.bulk_create(made, batch_size=2000)
    return len(made)
