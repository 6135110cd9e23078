"""Statistics at scale: Form 06 and the 766 scorecard from the summary tables vs a naive GROUP BY over
the dossier table, the cost of keeping the tables per event, and the rebuild time.

Builds its own throw-away database: 1 province, 60 departments and 100 communes of very different
sizes (Zipf-like: the largest holds about a tenth of all dossiers), 400 procedures, dossiers spread
over three years (2023-2025) by channel (about 55 % online, 40 % counter, 5 % post); about 92 % ended
(mostly early or on time, 6 % late, 3 % with two supplement requests), the rest open, some overdue.

On PostgreSQL the dossiers are generated inside the database (INSERT … SELECT over generate_series);
on SQLite (small runs, the test) through the ORM. The real `motcua stats rebuild` command then fills
every summary table (set-based on PostgreSQL, `stats.rebuild`; in Python on SQLite), DigitalFigures
included, and is timed; on PostgreSQL its daily rows are checked equal to the Python path's
contributions on a sample of procedures. Then it times, in the same run: Form 06 province-year 2025
from the tables vs the naive GROUP BY (the same answer asserted, column by column and agency by
agency), the scorecard, the receiver's cost per event (real `receive_dossier` calls with and without
it), and `motcua stats rebuild --from` the last month.

Usage: .venv/bin/python bench/stats.py [--dossiers N]      (default 200 000, a throw-away database)
  Ten million, generated once into a database that is kept (half an hour on a shared machine):
       MOTCUA_DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_stats10m \
           .venv/bin/python bench/stats.py --keep --generate-only --dossiers 10000000
  then measured as often as needed (migrates, rebuilds the tables, keeps the data):
       MOTCUA_DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_stats10m \
           .venv/bin/python bench/stats.py --reuse
  and, once the tables are built, the timings alone in a few minutes (no rebuild):
       MOTCUA_DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_stats10m \
           .venv/bin/python bench/stats.py --reuse --skip-rebuild
PostgreSQL is the reference for the figures in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.test")
os.environ.setdefault("MOTCUA_DATA_DIR", tempfile.mkdtemp(prefix="motcua-bench-"))

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import get_runner, setup_test_environment  # noqa: E402

DEPARTMENTS, COMMUNES, PROCEDURES = 60, 100, 400
FIRST_DAY = date(2023, 1, 1)
DAYS = 3 * 365


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--naive-repeat", type=int, default=3)
    parser.add_argument("--events", type=int, default=300, help="receive_dossier calls per variant")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="generate into the configured database itself (MOTCUA_DATABASE_URL) and keep it",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use the database an earlier --keep run generated: skip generation, keep the data",
    )
    parser.add_argument("--generate-only", action="store_true", help="stop once the dossiers are in")
    parser.add_argument(
        "--skip-rebuild",
        action="store_true",
        help="with --reuse: do not rebuild the tables when every one of them already holds rows "
        "(a rerun of the timings alone)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="profile one Form 06 and one scorecard call (Python side)"
    )
    args = parser.parse_args()
    if args.skip_rebuild and not args.reuse:
        parser.error("--skip-rebuild goes with --reuse")
    setup_test_environment()
    if args.keep or args.reuse:
        # The configured database itself, migrated to the current schema, never torn down: a
        # measurement on a quiet machine then takes minutes instead of the generation's half hour.
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        run(args)
        return
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        run(args)
    finally:
        runner.teardown_databases(old)


def build_catalogue() -> list:
    from motcua.agencies.models import Agency
    from motcua.catalog.services import publish_procedure_version, upsert_sector

    province = Agency.objects.create(code="B50", name="UBND tỉnh", kind=Agency.Kind.PROVINCE)
    agencies = [
        Agency.objects.create(code=f"B50.{i + 1:02d}", name=f"Sở số {i + 1}", parent=province)
        for i in range(DEPARTMENTS)
    ] + [
        Agency.objects.create(
            code=f"B50.X{i + 1:03d}", name=f"UBND xã số {i + 1}", parent=province, kind=Agency.Kind.COMMUNE
        )
        for i in range(COMMUNES)
    ]
    sectors = [upsert_sector(code=f"LV{i}", name=f"Lĩnh vực {i}") for i in range(20)]
    versions = []
    for p in range(PROCEDURES):
        agency = agencies[p % len(agencies)]
        versions.append(
            publish_procedure_version(
                code=f"9.{p:06d}",
                sector=sectors[p % len(sectors)],
                name=f"Thủ tục {p}",
                competent_agency=agency,
                receiving_agencies=[agency],
                processing_time=random.choice([3, 5, 10, 15]),
                online_level=random.choice(["end_to_end", "partial"]),
            )
        )
    return versions


# The distributions, shared by the two generators: procedure i carries a weight 1/(i+1) (a few
# procedures, hence agencies, carry most dossiers); channel; supplement requests; the fate of a dossier
# by a roll: < 0.08 open, < 0.14 returned late (up to 10 days after its due moment), < 0.16 stopped,
# else returned within its time limit. A dossier that would end after the bench's "now" is open.
CHANNELS = (("online", 55), ("counter", 40), ("postal", 5))
SUPPLEMENTS = ((0, 85), (1, 12), (2, 3))
OPEN_STATES = ("processing", "received", "supplement_requested")


def insert_dossiers_orm(count: int, versions: list) -> None:
    """Small runs (SQLite): the same distributions through the ORM's bulk_create."""
    from motcua.core.time import VN_TZ
    from motcua.dossiers.models import Dossier

    rng = random.Random(766)
    weights = [1 / (i + 1) for i in range(len(versions))]
    batch = []
    start = datetime(FIRST_DAY.year, 1, 1, 8, tzinfo=VN_TZ)
    now = start + timedelta(days=DAYS)
    for n in range(count):
        version = rng.choices(versions, weights)[0]
        received = start + timedelta(days=rng.random() * DAYS, hours=rng.random() * 8)
        limit = timedelta(days=version.processing_time * 7 / 5)
        due = received + limit
        channel = rng.choices([c for c, _ in CHANNELS], [w for _, w in CHANNELS])[0]
        supplements = rng.choices([c for c, _ in SUPPLEMENTS], [w for _, w in SUPPLEMENTS])[0]
        roll = rng.random()
        if due > now or roll < 0.08:
            state, finished = rng.choice(OPEN_STATES), None
        elif roll < 0.14:
            state, finished = "returned", due + timedelta(days=rng.random() * 10)
        elif roll < 0.16:
            state, finished = "stopped", received + limit * rng.random()
        else:
            state, finished = "returned", received + limit * rng.random()
        if finished is not None and finished > now:
            state, finished = "processing", None
        batch.append(
            Dossier(
                code=f"B-{n}",
                lookup_secret="x",
                procedure_version_id=version.pk,
                receiving_agency_id=version.competent_agency_id,
                current_agency_id=version.competent_agency_id,
                channel=channel,
                applicant_name="Nguyễn Văn A",
                state=state,
                submitted_at=received,
                received_at=received,
                due_at=due,
                finished_at=finished,
                supplement_count=supplements,
            )
        )
        if len(batch) == 20_000:
            Dossier.objects.bulk_create(batch)
            batch = []
    Dossier.objects.bulk_create(batch)


def insert_dossiers_sql(count: int, versions: list) -> None:
    """PostgreSQL: the same distributions generated inside the database, in chunks of a million."""
    from motcua.dossiers.models import Dossier

    table = Dossier._meta.db_table
    slots = 100_000  # procedure i gets a share of slots proportional to 1/(i+1)
    weights = [1 / (i + 1) for i in range(len(versions))]
    total = sum(weights)
    bounds, acc = [], 0.0
    for w in weights:
        acc += w
        bounds.append(round(acc / total * slots))
    rows, low = [], 0
    for version, high in zip(versions, bounds, strict=True):
        rows.append((low, high, version.pk, version.competent_agency_id, version.processing_time * 7 / 5))
        low = high
    provided = (
        "lookup_secret",
        "applicant_name",
        "channel",
        "code",
        "current_agency_id",
        "due_at",
        "finished_at",
        "procedure_version_id",
        "received_at",
        "receiving_agency_id",
        "state",
        "submitted_at",
        "supplement_count",
        "updated_at",
    )  # fmt: skip — in the order of the SELECT below
    others = [
        f
        for f in Dossier._meta.concrete_fields
        if f.column not in provided and not f.primary_key and not f.null
    ]
    other_values = [f.get_db_prep_save(f.get_default(), connection) for f in others]
    columns = ", ".join([*provided, *(f.column for f in others)])
    placeholders = ", ".join(["%s"] * len(others))
    channel_at = [sum(w for _, w in CHANNELS[: i + 1]) / 100 for i in range(len(CHANNELS))]
    supp_at = [sum(w for _, w in SUPPLEMENTS[: i + 1]) / 100 for i in range(len(SUPPLEMENTS))]
    with connection.cursor() as cursor:
        # Load first, index after: the dossier table's secondary indexes are dropped for the load and
        # created again from their own definitions (the unique ones and the primary key stay).
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = %s::regclass AND NOT x.indisunique",
            [table],
        )
        # Inside a test's transaction (deferred constraint triggers pending) the indexes stay.
        indexes = [] if connection.in_atomic_block else cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("CREATE TEMP TABLE bench_slot (lo int, hi int, version int, agency int, days float8)")
        cursor.executemany("INSERT INTO bench_slot VALUES (%s, %s, %s, %s, %s)", rows)
        cursor.execute("CREATE TEMP TABLE bench_pick AS SELECT s.n AS slot, b.* FROM bench_slot b, "
                       "generate_series(b.lo, b.hi - 1) s(n)")  # fmt: skip
        cursor.execute("CREATE UNIQUE INDEX ON bench_pick (slot)")
        cursor.execute("ANALYZE bench_pick")
        cursor.execute("SELECT setseed(0.766)")
        for first in range(0, count, 1_000_000):
            last = min(count, first + 1_000_000)
            # Table and column names are constants here; the values are parameters.
            cursor.execute(
                f"""
                WITH g AS (
                    SELECT n, floor(random() * {slots})::int AS slot, random() AS rr, random() AS rh,
                           random() AS rc, random() AS rs, random() AS roll, random() AS rf,
                           floor(random() * 3)::int AS ro
                    FROM generate_series(%s, %s) n
                ), d AS (
                    SELECT g.*, p.version, p.agency,
                           %s::timestamptz
                               + make_interval(secs => (rr * {DAYS} * 86400 + rh * 8 * 3600)) AS received,
                           make_interval(secs => p.days * 86400) AS lim
                    FROM g JOIN bench_pick p USING (slot)
                ), e AS (
                    SELECT d.*, received + lim AS due,
                           CASE WHEN received + lim > %s::timestamptz OR roll < 0.08 THEN NULL
                                WHEN roll < 0.14 THEN received + lim + make_interval(secs => rf * 10 * 86400)
                                ELSE received + lim * rf END AS fin,
                           CASE WHEN received + lim > %s::timestamptz OR roll < 0.08
                                THEN (ARRAY['processing', 'received', 'supplement_requested'])[ro + 1]
                                WHEN roll < 0.14 THEN 'returned' WHEN roll < 0.16 THEN 'stopped'
                                ELSE 'returned' END AS st
                    FROM d
                )
                INSERT INTO {table} ({columns})
                SELECT 'x', 'Nguyễn Văn A',
                       CASE WHEN rc < %s THEN 'online' WHEN rc < %s THEN 'counter' ELSE 'postal' END,
                       'B-' || n, agency, due, CASE WHEN fin > %s::timestamptz THEN NULL ELSE fin END,
                       version, received, agency,
                       CASE WHEN fin > %s::timestamptz THEN 'processing' ELSE st END,
                       received,
                       CASE WHEN rs < %s THEN 0 WHEN rs < %s THEN 1 ELSE 2 END,
                       now(), {placeholders}
                FROM e
                """,
                [first, last - 1, _start(), _now(), _now(), channel_at[0], channel_at[1], _now(), _now(),
                 supp_at[0], supp_at[1], *other_values],
            )  # fmt: skip
            print(f"  {last:,} dossiers  [{load()}]", file=sys.stderr, flush=True)
        t = time.perf_counter()
        for _, definition in indexes:
            cursor.execute(definition)
        print(
            f"  {len(indexes)} secondary indexes created again: {time.perf_counter() - t:.1f} s", flush=True
        )


def _start() -> datetime:
    from motcua.core.time import VN_TZ

    return datetime(FIRST_DAY.year, 1, 1, 8, tzinfo=VN_TZ)


def _now() -> datetime:
    return _start() + timedelta(days=DAYS)


def check_fill_on_a_sample(versions: list) -> int:
    """The set-based daily rows of a few procedures (small, middle, large tail) equal the real
    rebuild code's contributions (`services.contributions`) over the same dossiers."""
    from motcua.dossiers.models import Dossier
    from motcua.stats.figures import COUNTERS
    from motcua.stats.models import DailyFigures
    from motcua.stats.services import contributions

    procedures = [versions[i].procedure_id for i in (20, 100, 399)]
    dossiers = Dossier.objects.filter(procedure_version__procedure_id__in=procedures)
    python: dict = {}
    for key, counter in contributions(dossiers.iterator(chunk_size=5000)).items():
        for (day, name), n in counter.items():
            if n:
                python[(key.agency_id, key.procedure_id, key.sector_id, key.channel, day, name)] = n
    table: dict = {}
    for row in DailyFigures.objects.filter(procedure_id__in=procedures).values_list(
        "agency_id", "procedure_id", "sector_id", "channel", "day", *COUNTERS
    ):
        for name, n in zip(COUNTERS, row[5:], strict=True):
            if n:
                table[(*row[:5], name)] = n
    differ = sorted(k for k in set(python) | set(table) if python.get(k) != table.get(k))
    assert not differ, [(k, python.get(k), table.get(k)) for k in differ[:8]]
    return dossiers.count()


def naive_form06(start: date, end: date) -> dict:
    """The same columns counted over the dossier table at request time (the baseline)."""
    from django.db.models import Count, F, Q

    from motcua.core.time import VN_TZ
    from motcua.dossiers.models import Dossier

    lo = datetime.combine(start, datetime.min.time(), tzinfo=VN_TZ)
    hi = datetime.combine(end + timedelta(days=1), datetime.min.time(), tzinfo=VN_TZ)
    minute = timedelta(seconds=60)
    resolved = Q(finished_at__gte=lo, finished_at__lt=hi, state__in=["resolved", "returned"])
    late = resolved & (Q(supplement_count__gt=1) | Q(finished_at__gt=F("due_at") + minute))
    early = resolved & Q(supplement_count__lte=1, finished_at__lt=F("due_at") - minute)
    pending = Q(received_at__lt=hi) & (Q(finished_at__isnull=True) | Q(finished_at__gte=hi))
    rows = (
        Dossier.objects.filter(received_at__isnull=False, received_at__lt=hi)
        .values("procedure_version__competent_agency_id")
        .annotate(
            received_new=Count("pk", filter=Q(received_at__gte=lo)),
            received_online=Count("pk", filter=Q(received_at__gte=lo, channel="online")),
            carried_over=Count(
                "pk", filter=Q(received_at__lt=lo) & (Q(finished_at__isnull=True) | Q(finished_at__gte=lo))
            ),
            resolved_total=Count("pk", filter=resolved),
            resolved_early=Count("pk", filter=early),
            resolved_late=Count("pk", filter=late),
            pending_total=Count("pk", filter=pending),
            pending_overdue=Count("pk", filter=pending & Q(due_at__lt=hi)),
        )
    )
    # Like the report, leave out agencies with nothing to show (all their dossiers ended before).
    agency = "procedure_version__competent_agency_id"
    return {
        r[agency]: {k: v for k, v in r.items() if k != agency}
        for r in rows
        if any(r[k] for k in r if k != agency)
    }


def timed(fn, repeat: int) -> tuple[float, float, float, object]:
    """(median wall ms, max wall ms, median CPU ms of this process, last result)."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        cpus.append((time.process_time() - c) * 1000)
        walls.append((time.perf_counter() - t) * 1000)
    return statistics.median(walls), max(walls), statistics.median(cpus), result


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f}"


def server_cpu_ms() -> float:
    """CPU time used so far by this connection's PostgreSQL backend (0 on SQLite)."""
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def timed_both(fn, repeat: int) -> tuple[float, float, float, float, object]:
    """timed() plus the median PostgreSQL backend CPU ms."""
    walls, cpus, servers, result = [], [], [], None
    for _ in range(repeat):
        s, t, c = server_cpu_ms(), time.perf_counter(), time.process_time()
        result = fn()
        cpus.append((time.process_time() - c) * 1000)
        walls.append((time.perf_counter() - t) * 1000)
        servers.append(server_cpu_ms() - s)
    return statistics.median(walls), max(walls), statistics.median(cpus), statistics.median(servers), result


def event_cost(count: int) -> None:
    """Real `receive_dossier` calls (one event each, its own transaction) with the statistics
    receiver connected and disconnected, alternating, on dossiers submitted beforehand."""
    from motcua.dossiers import services
    from motcua.dossiers.signals import dossier_event_recorded
    from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, build_world, mandatory_document_id, pdf
    from motcua.stats.services import on_dossier_event

    world = build_world()
    at = datetime(2025, 12, 15, 8, tzinfo=_start().tzinfo)
    submitted = [
        services.submit_dossier(
            procedure_code=world.code,
            applicant=APPLICANT,
            form_data=FORM_DATA,
            documents=[(mandatory_document_id(world), pdf())],
            owner=world.citizen,
            at=at,
        ).pk
        for _ in range(2 * count)
    ]
    figures: dict[bool, list[tuple[float, float, float]]] = {True: [], False: []}
    for i, pk in enumerate(submitted):
        on = i % 2 == 0
        if not on:
            dossier_event_recorded.disconnect(dispatch_uid="stats.daily_figures")
        try:
            s, t, c = server_cpu_ms(), time.perf_counter(), time.process_time()
            services.receive_dossier(dossier_id=pk, actor=world.intake, at=at + timedelta(minutes=30))
            figures[on].append(
                ((time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000, server_cpu_ms() - s)
            )
        finally:
            if not on:
                dossier_event_recorded.connect(on_dossier_event, dispatch_uid="stats.daily_figures")
    med = {on: [statistics.median(x[i] for x in figures[on]) for i in range(3)] for on in (True, False)}
    print(
        f"keeping the tables (receive_dossier, {count} each, median): with the receiver "
        f"{med[True][0]:.2f} ms wall / {med[True][1]:.2f} ms CPU / {med[True][2]:.2f} ms server CPU, "
        f"without {med[False][0]:.2f} / {med[False][1]:.2f} / {med[False][2]:.2f}; "
        f"cost per event {med[True][0] - med[False][0]:.2f} ms wall, "
        f"{med[True][1] + med[True][2] - med[False][1] - med[False][2]:.2f} ms CPU  [{load()}]"
    )


def run(args: argparse.Namespace) -> None:
    from motcua.catalog.models import ProcedureVersion
    from motcua.dossiers.models import Dossier
    from motcua.stats.digital import LEVELS as DIGITAL_LEVELS
    from motcua.stats.models import DailyFigures, MonthlyBalance, MonthlyFigures, YearlyFigures
    from motcua.stats.scorecard_models import DigitalFigures, MonthlyDigitalFigures, YearlyDigitalFigures
    from motcua.stats.scoring import scorecard
    from motcua.stats.selectors import form_06

    random.seed(766)
    if args.reuse:
        versions = list(ProcedureVersion.objects.filter(procedure__code__startswith="9.").order_by("pk"))
        count = Dossier.objects.count()
        if len(versions) != PROCEDURES or not count:
            sys.exit("--reuse: this database holds no bench data; generate it once with --keep")
        print(f"database: {connection.vendor}, reused; dossiers: {count:,}; {os.cpu_count()} CPUs; {load()}")
    else:
        if args.keep and Dossier.objects.exists():
            sys.exit("--keep: this database already holds dossiers; measure it with --reuse")
        count = args.dossiers
        print(f"database: {connection.vendor}; dossiers: {count:,}; {os.cpu_count()} CPUs; {load()}")
        versions = build_catalogue()
        t = time.perf_counter()
        if connection.vendor == "postgresql":
            insert_dossiers_sql(count, versions)
        else:
            insert_dossiers_orm(count, versions)
        print(f"insert: {time.perf_counter() - t:.1f} s  [{load()}]")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    if args.generate_only:
        return
    # The real command fills every summary table (set-based on PostgreSQL, in Python on SQLite),
    # DigitalFigures included, so that the scorecard below reads what production reads.
    tables = [DailyFigures, MonthlyFigures, YearlyFigures, MonthlyBalance, *(m for m, _ in DIGITAL_LEVELS)]
    empty = [m.__name__ for m in tables if not m.objects.exists()]
    if args.skip_rebuild and not empty:
        print("rebuild: skipped (--skip-rebuild, every table already holds rows)")
    else:
        if args.skip_rebuild:
            print(f"rebuild: not skipped, empty tables: {', '.join(empty)}")
        wall, cpu, server = rebuild_command()
        print(
            f"rebuild (real `motcua stats rebuild`, whole): {wall:.1f} s wall, {cpu:.1f} s CPU here + "
            f"{server:.1f} s server, {count / wall:,.0f} dossiers/s  [{load()}]"
        )
    if connection.vendor == "postgresql":
        t = time.perf_counter()
        sample = check_fill_on_a_sample(versions)
        print(
            f"  check: set-based daily rows == the Python path's contributions on {sample:,} dossiers "
            f"of 3 procedures ({time.perf_counter() - t:.1f} s)"
        )
    print(
        f"tables: {DailyFigures.objects.count():,} daily, {MonthlyFigures.objects.count():,} monthly, "
        f"{YearlyFigures.objects.count():,} yearly, {MonthlyBalance.objects.count():,} balance, "
        f"{DigitalFigures.objects.count():,} digital daily, "
        f"{MonthlyDigitalFigures.objects.count():,} digital monthly, "
        f"{YearlyDigitalFigures.objects.count():,} digital yearly rows"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")

    year_start, year_end = date(2025, 1, 1), date(2025, 12, 31)
    today = date(2026, 1, 1)
    table_ms, table_max, table_cpu, table_srv, report = timed_both(
        lambda: form_06(year_start, year_end, today=today), args.repeat
    )
    naive_ms, naive_max, naive_cpu, naive_srv, naive = timed_both(
        lambda: naive_form06(year_start, year_end), args.naive_repeat
    )
    if getattr(args, "profile", False):
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(form_06, year_start, year_end, today=today)
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(12)
    card_ms, card_max, card_cpu, card_srv, card = timed_both(
        lambda: scorecard(year_start, year_end), args.repeat
    )
    if getattr(args, "profile", False):
        import cProfile
        import pstats

        from django.test.utils import CaptureQueriesContext

        profiler = cProfile.Profile()
        with CaptureQueriesContext(connection) as queries:
            profiler.runcall(scorecard, year_start, year_end)
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(15)
        print("scorecard's queries, slowest first (ms, SQL):")
        for q in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:8]:
            print(f"  {float(q['time']) * 1000:8.1f}  {q['sql'][:160]}")
    print(
        f"Form 06, province, year 2025 ({len(report.rows)} agencies): tables median {table_ms:.1f} ms "
        f"(max {table_max:.1f}; CPU {table_cpu:.1f} ms here + {table_srv:.1f} ms server); naive GROUP BY "
        f"median {naive_ms:.0f} ms (max {naive_max:.0f}; CPU {naive_cpu:.1f} ms here + {naive_srv:.0f} ms "
        f"server); × {naive_ms / table_ms:.0f} wall, "
        f"× {(naive_cpu + naive_srv) / max(0.1, table_cpu + table_srv):.0f} CPU"
        f"  [{load()}]"
    )
    print(
        f"Scorecard, province, year 2025 ({len(card)} agencies): median {card_ms:.1f} ms "
        f"(max {card_max:.1f}; "
        f"CPU {card_cpu:.1f} ms here + {card_srv:.1f} ms server)  [{load()}]"
    )
    # The same answer, agency by agency and column by column.
    from motcua.agencies.models import Agency

    ids = dict(Agency.objects.values_list("code", "pk"))
    compared = 0
    for row in report.rows:
        expected = naive.get(ids[row["agency"]["code"]], {})
        for column, value in expected.items():
            assert row[column] == value, (row["agency"], column, row[column], value)
            compared += 1
    assert len(naive) == len(report.rows), (len(naive), len(report.rows))
    total = report.total
    print(
        f"  check: {compared:,} figures equal (tables vs naive); total received {total['received_new']:,}, "
        f"carried over {total['carried_over']:,}, resolved {total['resolved_total']:,}, "
        f"pending {total['pending_total']:,} of which overdue {total['pending_overdue']:,}"
    )

    if args.keep or args.reuse:
        # The kept database must stay as generated: the events' own world goes in a transaction that
        # is rolled back, each event then commits to a savepoint (the same for both variants).
        from django.db import transaction

        with transaction.atomic():
            event_cost(args.events)
            transaction.set_rollback(True)
    else:
        event_cost(args.events)

    since = date(2025, 12, 1)
    wall, cpu, server = rebuild_command("--from", since.isoformat())
    print(
        f"rebuild --from {since} (real command): {wall:.1f} s wall, {cpu:.1f} s CPU here + "
        f"{server:.1f} s server  [{load()}]"
    )


def rebuild_command(*args: str) -> tuple[float, float, float]:
    """`motcua stats rebuild [args]` as an operator runs it: (wall s, CPU s here, server CPU s)."""
    import io

    from django.core.management import call_command

    s, t, c = server_cpu_ms(), time.perf_counter(), time.process_time()
    call_command("stats", "rebuild", *args, stdout=io.StringIO())
    return time.perf_counter() - t, time.process_time() - c, (server_cpu_ms() - s) / 1000


if __name__ == "__main__":
    main()
