"""Statistics at scale: Form 06 and the 766 scorecard from the summary table vs a naive GROUP BY over
the dossier table, the cost of keeping the table per event, and the rebuild time.

Builds its own throw-away database: 1 province, 60 departments and 100 communes of very different
sizes (Zipf-like: the largest holds about a tenth of all dossiers), 400 procedures, dossiers spread
over three years by channel (about 55 % online, 40 % counter, 5 % post); about 92 % ended (mostly
early or on time, 6 % late, 3 % with two supplement requests), the rest open, some overdue. Rows go
straight into the dossier table (bulk inserts); then `motcua stats rebuild` fills the summary table.

Usage: .venv/bin/python bench/stats.py [--dossiers N]      (default 200 000; --dossiers 10000000)
       MOTCUA_DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_stats .venv/bin/python bench/stats.py
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

setup_test_environment()

DEPARTMENTS, COMMUNES, PROCEDURES = 60, 100, 400
FIRST_DAY = date(2023, 1, 1)
DAYS = 3 * 365


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        run(args.dossiers, args.repeat)
    finally:
        runner.teardown_databases(old)


def build_catalogue() -> list:
    from motcua.agencies.models import Agency
    from motcua.catalog.services import publish_procedure_version, upsert_sector

    province = Agency.objects.create(code="H50", name="UBND tỉnh", kind=Agency.Kind.PROVINCE)
    agencies = [
        Agency.objects.create(code=f"H50.{i + 1:02d}", name=f"Sở số {i + 1}", parent=province)
        for i in range(DEPARTMENTS)
    ] + [
        Agency.objects.create(
            code=f"H50.X{i + 1:03d}", name=f"UBND xã số {i + 1}", parent=province, kind=Agency.Kind.COMMUNE
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


def insert_dossiers(count: int, versions: list) -> None:
    from motcua.core.time import VN_TZ
    from motcua.dossiers.models import Dossier

    rng = random.Random(766)
    weights = [1 / (i + 1) for i in range(len(versions))]  # a few procedures (agencies) carry most
    batch, done = [], 0
    start = datetime(FIRST_DAY.year, 1, 1, 8, tzinfo=VN_TZ)
    now = start + timedelta(days=DAYS)
    for n in range(count):
        version = rng.choices(versions, weights)[0]
        received = start + timedelta(days=rng.random() * DAYS, hours=rng.random() * 8)
        limit = timedelta(days=version.processing_time * 7 / 5)
        due = received + limit
        channel = rng.choices(["online", "counter", "postal"], [55, 40, 5])[0]
        supplements = rng.choices([0, 1, 2], [85, 12, 3])[0]
        roll = rng.random()
        if due > now or roll < 0.08:
            state, finished = rng.choice(["processing", "received", "supplement_requested"]), None
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
            done += len(batch)
            batch = []
            print(f"\r  {done:,} dossiers", end="", file=sys.stderr)
    Dossier.objects.bulk_create(batch)
    print(file=sys.stderr)


def naive_form06(start: date, end: date) -> list:
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
    return list(
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


def timed(fn, repeat: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times), result


def run(count: int, repeat: int) -> None:
    from motcua.dossiers.clock import Snapshot
    from motcua.dossiers.models import Dossier
    from motcua.stats.models import DailyFigures
    from motcua.stats.scoring import scorecard
    from motcua.stats.selectors import form_06
    from motcua.stats.services import rebuild, record_change

    random.seed(766)
    print(f"database: {connection.vendor}; dossiers: {count:,}")
    versions = build_catalogue()
    t = time.perf_counter()
    insert_dossiers(count, versions)
    print(f"insert: {time.perf_counter() - t:.1f} s")

    t = time.perf_counter()
    rebuild()
    rebuild_s = time.perf_counter() - t
    print(
        f"rebuild (whole table): {rebuild_s:.1f} s, {count / rebuild_s:,.0f} dossiers/s, "
        f"{DailyFigures.objects.count():,} rows"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    year_start, year_end = date(2025, 1, 1), date(2025, 12, 31)
    today = date(2026, 1, 1)
    table_ms, table_max, report = timed(lambda: form_06(year_start, year_end, today=today), repeat)
    naive_ms, naive_max, naive = timed(lambda: naive_form06(year_start, year_end), max(1, repeat // 2))
    card_ms, card_max, _ = timed(lambda: scorecard(year_start, year_end), repeat)
    print(
        f"Form 06, province, year 2025 ({len(report.rows)} agencies): summary table median {table_ms:.1f} ms "
        f"(max {table_max:.1f}); naive GROUP BY median {naive_ms:.1f} ms (max {naive_max:.1f}); "
        f"× {naive_ms / table_ms:.0f}"
    )
    print(f"Scorecard, province, year 2025: median {card_ms:.1f} ms (max {card_max:.1f})")
    total = report.total
    naive_received = sum(r["received_new"] for r in naive)
    print(
        f"  check: received {total['received_new']:,} (table) vs {naive_received:,} (naive); "
        f"resolved {total['resolved_total']:,} vs {sum(r['resolved_total'] for r in naive):,}"
    )

    # The cost of keeping the table: one event's change (resolve an open dossier) inside a transaction.
    from django.db import transaction

    sample = list(Dossier.objects.filter(finished_at__isnull=True)[:2000])
    t = time.perf_counter()
    for dossier in sample:
        with transaction.atomic():
            before = Snapshot(state="processing", received_at=dossier.received_at, due_at=dossier.due_at)
            after = Snapshot(
                state="resolved",
                received_at=dossier.received_at,
                due_at=dossier.due_at,
                finished_at=dossier.received_at + timedelta(days=1),
            )
            record_change(dossier, before, after)
    per_event = (time.perf_counter() - t) * 1000 / max(1, len(sample))
    print(
        f"keeping the table: {per_event:.2f} ms per event (one lookup + one upsert, in its own transaction)"
    )


if __name__ == "__main__":
    main()
