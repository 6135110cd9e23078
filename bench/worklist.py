"""Back-office worklist latency over a million dossiers, on a throw-away database.

Builds the data set itself: 41 agencies of very different sizes (the largest holds about a tenth
of all dossiers), 5 units each, ten procedures with a four-step workflow, and 1 000 000 dossiers
spread over three years; two thirds are finished, the rest wait in every active state with due
moments from two months overdue to a month ahead. Rows go straight into the tables (COPY on
PostgreSQL, executemany on SQLite); the history table gets one event per assigned active dossier.

Then it asks for real pages through the Django test client, as logged-in, TOTP-verified officers,
and reports median and 95th percentile:

  * each worklist's first page (50 rows) for the officers of the largest agency;
  * a page two thousand rows deep by keyset (what the back office does) and by OFFSET (baseline);
  * the same first pages with the worklist indexes dropped (baseline: what the query costs
    without them).

Usage: .venv/bin/python bench/worklist.py [N]          (default 1 000 000)
       MOTCUA_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/worklist.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
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

AGENCIES = 40
UNITS_PER_AGENCY = 4
OFFICERS_PER_UNIT = 3
PROCEDURES = 10
STATES = [  # (state, share): about 8 % of all dossiers are still being handled
    ("returned", 0.85),
    ("refused", 0.025),
    ("stopped", 0.025),
    ("resolved", 0.02),
    ("processing", 0.042),
    ("received", 0.005),
    ("submitted", 0.01),
    ("supplement_requested", 0.015),
    ("financial_obligation", 0.005),
    ("withdrawal_requested", 0.003),
]
ACTIVE = {"processing", "received", "supplement_requested", "financial_obligation", "withdrawal_requested"}
# Indexes the worklists rely on (dossiers/migrations/0003_worklist_indexes.py); dropped for the baseline.
WORKLIST_INDEXES = [
    "dossier_unit_state_due",
    "dossier_assignee_state_due",
    "dossier_agency_state_submitted",
    "dossier_active_agency_due",
]


def main(count: int) -> None:
    if connection.vendor == "sqlite":
        # A file, not the default in-memory test database: closer to a real deployment.
        connection.settings_dict["TEST"]["NAME"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        run(count)
    finally:
        runner.teardown_databases(old)


def build_world() -> dict:
    from motcua.accounts.models import User
    from motcua.agencies.models import Agency, Role, StaffRole, Unit
    from motcua.catalog.services import publish_procedure_version, upsert_sector

    province = Agency.objects.create(code="H50", name="UBND tỉnh Quảng Trị", kind=Agency.Kind.PROVINCE)
    agencies, units, officers = [], {}, {}
    for i in range(AGENCIES + 1):
        agency = Agency.objects.create(code=f"H50.{i + 1:02d}", name=f"Sở số {i + 1}", parent=province)
        agencies.append(agency)
        one_stop = Unit.objects.create(agency=agency, code="MC", name="Bộ phận Một cửa", is_one_stop=True)
        units[agency.pk] = [one_stop] + [
            Unit.objects.create(agency=agency, code=f"P{j}", name=f"Phòng {j}")
            for j in range(1, UNITS_PER_AGENCY + 1)
        ]
        people = []
        for j, unit in enumerate(units[agency.pk][1:]):
            for k in range(OFFICERS_PER_UNIT):
                user = User.objects.create(username=f"cv{i}-{j}-{k}", full_name=f"Chuyên viên {i}-{j}-{k}")
                StaffRole.objects.create(user=user, agency=agency, unit=unit, role=Role.SPECIALIST)
                people.append(user)
        officers[agency.pk] = people
    big = agencies[0]
    intake = User.objects.create(username="tiepnhan", full_name="Cán bộ tiếp nhận")
    StaffRole.objects.create(user=intake, agency=big, unit=units[big.pk][0], role=Role.INTAKE_OFFICER)
    leader = User.objects.create(username="lanhdao", full_name="Lãnh đạo Sở")
    StaffRole.objects.create(user=leader, agency=big, unit=None, role=Role.LEADER)
    sector = upsert_sector(code="BENCH", name="Thử tải")
    versions = []
    for p in range(PROCEDURES):
        agency = agencies[p % 3]
        steps = [
            {
                "name": "Tiếp nhận",
                "unit": units[agency.pk][0],
                "role": Role.INTAKE_OFFICER,
                "allotted_time": 4,
            },
            {"name": "Thẩm định", "unit": units[agency.pk][1], "role": Role.SPECIALIST, "allotted_time": 16},
            {"name": "Xác minh", "unit": units[agency.pk][2], "role": Role.SPECIALIST, "allotted_time": 16},
            {"name": "Phê duyệt", "unit": units[agency.pk][1], "role": Role.LEADER, "allotted_time": 4},
        ]
        versions.append(
            publish_procedure_version(
                code=f"9.{p:06d}",
                sector=sector,
                name=f"Thủ tục thử tải số {p}",
                competent_agency=agency,
                receiving_agencies=[agency],
                processing_time=10,
                workflow_steps=[{**s, "allotted_unit": "hour"} for s in steps],
            )
        )
    return {
        "agencies": agencies,
        "units": units,
        "officers": officers,
        "versions": versions,
        "big": big,
        "specialist": officers[big.pk][0],
        "intake": intake,
        "leader": leader,
    }


def rows(count: int, world: dict, now: datetime):  # type: ignore[no-untyped-def]
    """Dossier rows as tuples in the column order of `dossier_columns()`."""
    rng = random.Random(20261128)
    agencies = world["agencies"]
    weights = [1 / (i + 1) ** 0.9 for i in range(len(agencies))]
    states = [s for s, _ in STATES]
    shares = [w for _, w in STATES]
    versions = world["versions"]
    for n in range(count):
        agency = rng.choices(agencies, weights)[0]
        state = rng.choices(states, shares)[0]
        units = world["units"][agency.pk]
        active = state in ACTIVE
        if active or state in ("submitted", "resolved"):
            submitted = now - timedelta(days=rng.uniform(0, 30), minutes=rng.randint(0, 600))
        else:
            submitted = now - timedelta(days=rng.uniform(30, 3 * 365))
        received = (
            None if state in ("submitted", "refused") else submitted + timedelta(hours=rng.uniform(0, 30))
        )
        due = None
        if received is not None:
            due = received + timedelta(days=rng.choice([3, 5, 7, 10, 15, 20]))
            if active or state == "resolved":
                roll = rng.random()
                if roll < 0.08:
                    due = now - timedelta(days=rng.uniform(0, 60))  # overdue
                elif roll < 0.12:
                    due = now + timedelta(hours=rng.uniform(0, 8))  # due within the working day
                else:
                    due = now + timedelta(days=rng.uniform(0.5, 25))
        finished = None
        if state in ("returned", "resolved") and due:
            finished = due - timedelta(hours=rng.uniform(-48, 72)) if state == "returned" else now
        unit = units[0] if state in ("submitted", "received") else rng.choice(units[1:])
        assignee = None
        if state == "processing" and rng.random() < 0.6:
            index = (units.index(unit) - 1) * OFFICERS_PER_UNIT + rng.randrange(OFFICERS_PER_UNIT)
            assignee = world["officers"][agency.pk][index].pk
        step = None if state == "submitted" else (1 if state == "received" else rng.randint(2, 4))
        paused = submitted + timedelta(days=1) if state == "supplement_requested" else None
        yield (
            n + 1,
            f"{agency.code}-{submitted:%Y%m%d}-B{n + 1:07d}",  # B: never a code the services give
            "ABC234",
            versions[n % len(versions)].pk,
            agency.pk,
            "online" if n % 3 else "counter",
            None,
            None,
            "citizen",
            f"Người nộp {n}",
            f"0451{n:08d}",
            f"09{n:08d}",
            "",
            "Phường Đông Hà, tỉnh Quảng Trị",
            "",
            "",
            f"nguoi nop {n}",  # the search copies (dossiers.search)
            f"09{n:08d}",
            "{}",
            state,
            submitted,
            received,
            due,
            None,
            finished,
            finished + timedelta(hours=2) if finished and state == "returned" else None,
            paused,
            agency.pk,
            unit.pk,
            assignee,
            step,
            due,
            1 if paused else 0,
            0,
            "{}",
            3,
            "",
            now,
            False,
            False,
            "",
        )


DOSSIER_COLUMNS = (
    "id, code, lookup_secret, procedure_version_id, receiving_agency_id, channel, owner_id, "
    "idempotency_key, applicant_kind, applicant_name, applicant_id_number, applicant_phone, "
    "applicant_email, applicant_address, "
    "organisation_name, organisation_tax_code, applicant_folded, applicant_phone_digits, "
    "form_data, state, submitted_at, received_at, due_at, "
    "appointment_at, finished_at, returned_at, paused_at, current_agency_id, current_unit_id, assignee_id, "
    "current_step, step_due_at, supplement_count, apology_count, clock, version, last_event_hash, "
    "updated_at, vneid_verified, population_data_used, fee_exemption_status"
)
EVENT_COLUMNS = (
    "dossier_id, seq, kind, at, actor_id, actor_name, from_state, to_state, note, payload, prev_hash, hash, "
    "recorded_at"
)


def _sqlite_value(value):  # type: ignore[no-untyped-def]
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def secondary_indexes() -> list[tuple[str, str]]:
    """(name, CREATE statement) of the dossier table's indexes that no constraint needs."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'dossiers_dossier' "
                "AND indexname NOT IN (SELECT conname FROM pg_constraint)"
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = 'dossiers_dossier' AND sql IS NOT NULL"
            )
        return list(cursor.fetchall())


def load(count: int, world: dict, now: datetime) -> tuple[int, int]:
    """Bulk-load: drop the secondary indexes, stream the rows in, build the indexes once at the end."""
    indexes = secondary_indexes()
    with connection.cursor() as cursor:
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {name}")
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA synchronous = OFF")
    loaded = _load(count, world, now)
    with connection.cursor() as cursor:
        for _name, sql in indexes:
            cursor.execute(sql)
        # Every dossier's holders, set-based: the receiving and the current agency (as the services
        # write them); the API's list and the permission checks read this table.
        cursor.execute(
            "INSERT INTO dossiers_dossierholder (dossier_id, agency_id, since) SELECT * FROM ("
            "SELECT id, receiving_agency_id, submitted_at FROM dossiers_dossier "
            "UNION SELECT id, current_agency_id, submitted_at FROM dossiers_dossier) AS held "
            "WHERE true ON CONFLICT DO NOTHING"
        )
        cursor.execute("ANALYZE")
    return loaded


def _load(count: int, world: dict, now: datetime) -> tuple[int, int]:
    """Insert the dossiers and, for every assigned active one, its assignment event."""
    events = 0
    batch: list[tuple] = []
    event_batch: list[tuple] = []
    leader_id = world["leader"].pk

    def event_for(row: tuple) -> tuple:
        return (
            row[0],
            3,
            "assigned",
            row[20] + timedelta(days=1),
            leader_id,
            "Lãnh đạo Sở",
            row[19],
            row[19],
            "",
            f'{{"assignee_id": {row[29]}}}',
            "",
            "0" * 64,
            now,
        )

    if connection.vendor == "postgresql":
        raw = connection.connection
        with raw.cursor() as cursor:
            with cursor.copy(f"COPY dossiers_dossier ({DOSSIER_COLUMNS}) FROM STDIN") as copy:
                for row in rows(count, world, now):
                    copy.write_row(row)
                    if row[29] is not None:
                        event_batch.append(event_for(row))
            with cursor.copy(f"COPY dossiers_dossierevent ({EVENT_COLUMNS}) FROM STDIN") as copy:
                for event in event_batch:
                    copy.write_row(event)
            events = len(event_batch)
            cursor.execute("SELECT setval(pg_get_serial_sequence('dossiers_dossier', 'id'), %s)", [count])
        raw.commit()
        return count, events
    placeholders = ", ".join(["%s"] * len(DOSSIER_COLUMNS.split(",")))
    event_placeholders = ", ".join(["%s"] * len(EVENT_COLUMNS.split(",")))
    with connection.cursor() as cursor:
        for row in rows(count, world, now):
            batch.append(tuple(_sqlite_value(v) for v in row))
            if row[29] is not None:
                event_batch.append(tuple(_sqlite_value(v) for v in event_for(row)))
            if len(batch) == 50_000:
                cursor.executemany(
                    f"INSERT INTO dossiers_dossier ({DOSSIER_COLUMNS}) VALUES ({placeholders})", batch
                )
                batch.clear()
        if batch:
            cursor.executemany(
                f"INSERT INTO dossiers_dossier ({DOSSIER_COLUMNS}) VALUES ({placeholders})", batch
            )
        cursor.executemany(
            f"INSERT INTO dossiers_dossierevent ({EVENT_COLUMNS}) VALUES ({event_placeholders})", event_batch
        )
    return count, len(event_batch)


def client_for(user):  # type: ignore[no-untyped-def]
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from motcua.backoffice.auth import LAST_SEEN
    from motcua.backoffice.management.commands.staff_totp import provision

    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = provision(user).persistent_id
    session[LAST_SEEN] = 1e12
    session.save()
    return client


def measure(client, url: str, runs: int = 60, fresh_counts: bool = False) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    """Median and 95th percentile in milliseconds, and the number of rows on the page.

    With `fresh_counts`, every request recounts the tabs and the bell (as the first request of each
    minute does) instead of finding them in the session.
    """
    from motcua.backoffice.views.common import COUNTS

    for _ in range(5):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(runs):
        if fresh_counts:
            session = client.session
            session.pop(COUNTS, None)
            session.save()
        began = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - began) * 1000)
    timings.sort()
    rows_on_page = response.content.decode().count("data-row-link")
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], rows_on_page


def deep_cursor(client, url: str, pages: int) -> str:  # type: ignore[no-untyped-def]
    import re

    next_url = url
    for _ in range(pages):
        page = client.get(next_url).content.decode()
        match = re.search(r'href="([^"]*sau=[^"]+)" hx-get', page)
        assert match, "ran out of pages"
        next_url = match.group(1).replace("&amp;", "&")
    return next_url


def one_query_page(scope, worklist) -> float:  # type: ignore[no-untyped-def]
    """Baseline: the first page as one ORM query (OR of the branches, rows joined, sorted), query only."""
    from django.db.models import F

    from motcua.backoffice.queries import worklist_queryset

    qs = (
        worklist_queryset(scope, worklist)
        .select_related(
            "procedure_version__procedure", "receiving_agency", "current_agency", "current_unit", "assignee"
        )
        .order_by(F("due_at").asc(nulls_last=True), "pk")
    )
    timings = []
    for _ in range(15):
        began = time.perf_counter()
        list(qs[:51])
        timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings)


def first_page_query(scope, worklist) -> float:  # type: ignore[no-untyped-def]
    """The back office's first page (keys by branch, then rows, count and step names), query only."""
    from motcua.backoffice.queries import worklist_page
    from motcua.core.time import now as current

    timings = []
    for _ in range(15):
        began = time.perf_counter()
        worklist_page(scope, worklist, at=current())
        timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings)


def offset_page(scope, worklist, offset: int) -> float:  # type: ignore[no-untyped-def]
    """The naive alternative: ORDER BY due_at OFFSET n LIMIT 50, timed as a bare query."""
    from django.db.models import F

    from motcua.backoffice.queries import worklist_queryset

    qs = (
        worklist_queryset(scope, worklist)
        .select_related(
            "procedure_version__procedure", "receiving_agency", "current_agency", "current_unit", "assignee"
        )
        .order_by(F("due_at").asc(nulls_last=True), "pk")
    )
    timings = []
    for _ in range(15):
        began = time.perf_counter()
        list(qs[offset : offset + 50])
        timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings)


def keyset_page(scope, worklist, url: str) -> float:  # type: ignore[no-untyped-def]
    """The back office's own page query at the same depth, without rendering, for a fair comparison."""
    from urllib.parse import parse_qs, urlparse

    from motcua.backoffice.queries import worklist_page
    from motcua.core.time import now as current

    cursor = parse_qs(urlparse(url).query)["sau"][0]
    timings = []
    for _ in range(15):
        began = time.perf_counter()
        worklist_page(scope, worklist, at=current(), after=cursor, known_total=0)
        timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings)


def run(count: int) -> None:
    from motcua.backoffice.queries import Worklist, staff_scope
    from motcua.core.time import now as current

    began = time.perf_counter()
    world = build_world()
    now = current()
    dossiers, events = load(count, world, now)
    built = time.perf_counter() - began
    specialist, intake, leader = world["specialist"], world["intake"], world["leader"]
    pages = [
        ("Cần xử lý (chuyên viên)", specialist, "/can-bo/danh-sach/can-xu-ly/"),
        ("Chờ tiếp nhận (một cửa)", intake, "/can-bo/danh-sach/cho-tiep-nhan/"),
        ("Chờ trả kết quả (một cửa)", intake, "/can-bo/danh-sach/tra-ket-qua/"),
        ("Chờ công dân (một cửa)", intake, "/can-bo/danh-sach/cho-cong-dan/"),
        ("Chờ phê duyệt (lãnh đạo)", leader, "/can-bo/danh-sach/cho-phe-duyet/"),
        ("Toàn cơ quan (lãnh đạo)", leader, "/can-bo/danh-sach/toan-co-quan/"),
        ("Toàn cơ quan, lọc quá hạn", leader, "/can-bo/danh-sach/toan-co-quan/?muc-do=qua-han"),
        ("Điều hành (lãnh đạo)", leader, "/can-bo/dieu-hanh/"),
        # Finding an applicant (dossiers.search) in the largest lists: a name without accents (a
        # word that begins few names), a phone number, an ID number.
        ("Toàn cơ quan, tìm tên", leader, "/can-bo/danh-sach/toan-co-quan/?tim=nguoi+nop+4242"),
        ("Toàn cơ quan, tìm số điện thoại", leader, "/can-bo/danh-sach/toan-co-quan/?tim=0900004242"),
        ("Toàn cơ quan, tìm số định danh", leader, "/can-bo/danh-sach/toan-co-quan/?tim=045100004242"),
        ("Cần xử lý (chuyên viên), tìm tên", specialist, "/can-bo/danh-sach/can-xu-ly/?tim=nop+4242"),
    ]
    clients = {u.pk: client_for(u) for u in (specialist, intake, leader)}
    from motcua.dossiers.models import Dossier

    big_active = Dossier.objects.filter(current_agency=world["big"], state__in=ACTIVE).count()
    print(
        f"database: {connection.vendor}; dossiers: {dossiers:,}; events: {events:,}; built in {built:.0f} s"
    )
    print(
        f"largest agency: {Dossier.objects.filter(receiving_agency=world['big']).count():,} dossiers, "
        f"{big_active:,} active"
    )
    print(f"{'page (50 rows)':<44} {'median':>8} {'p95':>8} {'rows':>5}")
    results = {}
    for label, user, url in pages:
        median, p95, shown = measure(clients[user.pk], url)
        results[label] = (median, p95)
        print(f"{label:<44} {median:7.1f}ms {p95:7.1f}ms {shown:>5}")

    for label, user, url in pages[:1] + pages[4:6]:
        median, p95, shown = measure(clients[user.pk], url, runs=30, fresh_counts=True)
        print(f"{label + ', đếm lại các tab':<44} {median:7.1f}ms {p95:7.1f}ms {shown:>5}")

    agency_url = "/can-bo/danh-sach/toan-co-quan/"
    depth = max(1, min(100, big_active // 50 - 2))
    deep = deep_cursor(clients[leader.pk], agency_url, depth)
    median, p95, shown = measure(clients[leader.pk], deep, runs=30)
    print(f"{f'Toàn cơ quan, trang {depth + 1} (keyset)':<44} {median:7.1f}ms {p95:7.1f}ms {shown:>5}")
    naive = offset_page(staff_scope(leader), Worklist.AGENCY, depth * 50)
    keyset = keyset_page(staff_scope(leader), Worklist.AGENCY, deep)
    print(f"{'  same page, query only: keyset':<44} {keyset:7.1f}ms")
    print(f"{f'  baseline: OFFSET {depth * 50}, query only':<44} {naive:7.1f}ms")

    print("baseline: the first page as one query (OR, joined rows, sorted) against the back office's reads")
    for label, user, worklist in (
        ("Cần xử lý (chuyên viên)", specialist, Worklist.TO_PROCESS),
        ("Chờ phê duyệt (lãnh đạo)", leader, Worklist.TO_APPROVE),
        ("Toàn cơ quan (lãnh đạo)", leader, Worklist.AGENCY),
    ):
        naive = one_query_page(staff_scope(user), worklist)
        ours = first_page_query(staff_scope(user), worklist)
        print(f"  {label:<42} {naive:7.1f}ms one query; {ours:.1f}ms by branch + count")

    with connection.cursor() as cursor:
        for name in WORKLIST_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE dossiers_dossier")
    print("baseline: the same pages without the worklist indexes")
    for label, user, url in pages[:1] + pages[4:7]:
        median, p95, _shown = measure(clients[user.pk], url, runs=20)
        print(f"  {label:<42} {median:7.1f}ms {p95:7.1f}ms  (with indexes: {results[label][0]:.1f}ms)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
