"""How long `motcua backup` and `motcua restore --replace` take, on a throw-away database.

Builds the data set itself: the province of bench/worklist.py (41 agencies, ten procedures) and N
dossiers (default 100 000) loaded straight into the tables (COPY on PostgreSQL, executemany on
SQLite), each with a valid hash-chained history of 1 to 7 events according to its state (hashed
exactly as `motcua.dossiers.events` hashes them), a few thousand stored files of about 50 kB
(incompressible, as PDFs and scans are) in file-system storage under a temporary MOTCUA_DATA_DIR,
and two key files.

Then it measures, through the same services the commands call:

  * the backup: time (of which the database snapshot) and archive size;
  * the restore with --replace, split into checking the archive, loading the scratch copy of the
    database, migrate (scratch and live), the check of every dossier's event chain and of the
    checkpoints (none here: the chains against an empty anchor folder), the safety backup, loading
    the live database, and the stored files and keys (no seal here: the archive is unsigned and the
    restore runs with allow_unsigned);
  * chain-check throughput: the bulk check (`verify_chains`, one query per chunk) against the old
    loop of `verify_chain`, one query per dossier (baseline), on the same sample, in the same run.

Usage: .venv/bin/python bench/backup.py [N] [FILES]          (default 100 000 dossiers, 3 000 files)
       MOTCUA_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_backup .venv/bin/python bench/backup.py
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
OWN_DATA_DIR = "MOTCUA_DATA_DIR" not in os.environ  # then removed at the end, archives and all
DATA_DIR = Path(os.environ.setdefault("MOTCUA_DATA_DIR", tempfile.mkdtemp(prefix="motcua-bench-backup-")))
sys.path.insert(0, str(BENCH))

import worklist  # noqa: E402  (sets Django up, with the test settings, on the data folder above)
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import get_runner  # noqa: E402

# Files on disk, as in production, not the test settings' in-memory storage.
settings.STORAGES = {
    **settings.STORAGES,
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
}
SAMPLE = 5_000
FILE_SIZE = 50_000
# The history each state has had: (kind, from, to), a prefix of a full life or a full life's start
# followed by the event that ended it.
LIFE = [
    ("submitted", "", "submitted"),
    ("received", "submitted", "received"),
    ("transferred", "received", "processing"),
    ("assigned", "processing", "processing"),
    ("transferred", "processing", "processing"),
    ("resolved", "processing", "resolved"),
    ("returned", "resolved", "returned"),
]
HISTORY = {
    "submitted": LIFE[:1],
    "refused": [*LIFE[:1], ("refused", "submitted", "refused")],
    "received": LIFE[:2],
    "processing": LIFE[:4],
    "supplement_requested": [*LIFE[:3], ("supplement_requested", "processing", "supplement_requested")],
    "financial_obligation": [
        *LIFE[:4],
        ("financial_obligation_requested", "processing", "financial_obligation"),
    ],
    "withdrawal_requested": [*LIFE[:3], ("withdrawal_requested", "processing", "withdrawal_requested")],
    "stopped": [*LIFE[:4], ("stopped", "processing", "stopped")],
    "resolved": LIFE[:6],
    "returned": LIFE,
}


def main(count: int, files: int) -> None:
    if connection.vendor == "sqlite":
        # A file, not the default in-memory test database: closer to a real deployment.
        connection.settings_dict["TEST"]["NAME"] = str(DATA_DIR / "motcua.sqlite3")
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        run(count, files)
    finally:
        runner.teardown_databases(old)
        if OWN_DATA_DIR:
            shutil.rmtree(DATA_DIR, ignore_errors=True)


def chain(row: tuple, leader_id: int, recorded: datetime) -> Iterator[tuple]:
    """The event rows of one dossier row (bench/worklist.py's column order), hashed as append_event does."""
    dossier_id, state, submitted, unit_id = row[0], row[17], row[18], row[26]
    prev = ""
    for seq, (kind, from_state, to_state) in enumerate(HISTORY[state], start=1):
        at = (submitted + timedelta(hours=seq - 1, microseconds=dossier_id % 997)).astimezone(UTC)
        payload = {"unit_id": unit_id} if kind == "transferred" else {}
        note = "Chuyển phòng chuyên môn thẩm định" if kind == "transferred" else ""
        body = {
            "dossier": dossier_id,
            "seq": seq,
            "kind": kind,
            "at": at.isoformat(timespec="microseconds"),
            "actor": leader_id,
            "actor_name": "Lãnh đạo Sở",
            "from": from_state,
            "to": to_state,
            "note": note,
            "payload": payload,
            "prev": prev,
        }
        canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
        digest = hashlib.sha256(canonical).hexdigest()
        yield (
            dossier_id,
            seq,
            kind,
            at,
            leader_id,
            "Lãnh đạo Sở",
            from_state,
            to_state,
            note,
            json.dumps(payload),
            prev,
            digest,
            recorded,
        )
        prev = digest


def dossiers_with_chains(count: int, world: dict, now: datetime) -> Iterator[tuple[tuple, list[tuple]]]:
    leader_id = world["leader"].pk
    for row in worklist.rows(count, world, now):
        events = list(chain(row, leader_id, now))
        # version and last_event_hash (columns 33 and 34) describe the head of that chain
        yield (*row[:33], len(events), events[-1][11], *row[35:]), events


def load(count: int, world: dict, now: datetime) -> int:
    """Dossiers and their events; the dossier table's secondary indexes are built once at the end."""
    indexes = worklist.secondary_indexes()
    with connection.cursor() as cursor:
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {name}")
    events = 0
    if connection.vendor == "postgresql":
        raw = connection.connection
        with raw.cursor() as cursor:
            pending: list[tuple] = []
            with cursor.copy(f"COPY dossiers_dossier ({worklist.DOSSIER_COLUMNS}) FROM STDIN") as copy:
                for row, chain_rows in dossiers_with_chains(count, world, now):
                    copy.write_row(row)
                    pending.extend(chain_rows)
            with cursor.copy(f"COPY dossiers_dossierevent ({worklist.EVENT_COLUMNS}) FROM STDIN") as copy:
                for event in pending:
                    copy.write_row(event)
            events = len(pending)
            cursor.execute("SELECT setval(pg_get_serial_sequence('dossiers_dossier', 'id'), %s)", [count])
        raw.commit()
    else:
        value = worklist._sqlite_value
        dossier_sql = (
            f"INSERT INTO dossiers_dossier ({worklist.DOSSIER_COLUMNS}) "
            f"VALUES ({', '.join(['%s'] * len(worklist.DOSSIER_COLUMNS.split(',')))})"
        )
        event_sql = (
            f"INSERT INTO dossiers_dossierevent ({worklist.EVENT_COLUMNS}) "
            f"VALUES ({', '.join(['%s'] * len(worklist.EVENT_COLUMNS.split(',')))})"
        )
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")
            batch: list[tuple] = []
            event_batch: list[tuple] = []
            for row, chain_rows in dossiers_with_chains(count, world, now):
                batch.append(tuple(value(v) for v in row))
                event_batch.extend(tuple(value(v) for v in event) for event in chain_rows)
                if len(batch) == 20_000:
                    cursor.executemany(dossier_sql, batch)
                    cursor.executemany(event_sql, event_batch)
                    events += len(event_batch)
                    batch.clear()
                    event_batch.clear()
            if batch:
                cursor.executemany(dossier_sql, batch)
                cursor.executemany(event_sql, event_batch)
                events += len(event_batch)
            cursor.execute("PRAGMA synchronous = FULL")
    with connection.cursor() as cursor:
        for _name, sql in indexes:
            cursor.execute(sql)
        cursor.execute("ANALYZE")
    return events


def store_files(files: int) -> int:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    total = 0
    for n in range(files):
        content = os.urandom(FILE_SIZE + n % 2000)
        name = default_storage.save(f"ho-so/{n // 500:03d}/giay-to-{n:05d}.pdf", ContentFile(content))
        assert name.endswith(f"{n:05d}.pdf"), name
        total += len(content)
    keys = Path(settings.MOTCUA_SIGNATURE_KEY_DIR)
    keys.mkdir(parents=True, exist_ok=True)
    for name in ("so-tu-phap.p12", "ubnd-tinh.p12"):
        (keys / name).write_bytes(os.urandom(4_000))
    return total


class Stopwatch:
    """Wraps module functions so that the time spent in each is summed under a label."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}

    def wrap(self, module: Any, name: str, label: str) -> None:
        inner: Callable[..., Any] = getattr(module, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.spent[label] = self.spent.get(label, 0.0) + time.perf_counter() - began

        setattr(module, name, timed)


def mb(size: int) -> str:
    return f"{size / 1e6:,.0f} MB"


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f} dossiers/s"


def chain_rates() -> tuple[int, float, float, float]:
    """(sample size, seconds one by one, seconds in bulk, seconds for one chunk of the sample in bulk)."""
    from motcua.dossiers.events import verify_chain, verify_chains
    from motcua.dossiers.models import Dossier

    sample = list(Dossier.objects.order_by("pk").only("pk", "code", "version", "last_event_hash")[:SAMPLE])
    began = time.perf_counter()
    one_by_one = {dossier.pk: verify_chain(dossier) for dossier in sample}
    old = time.perf_counter() - began
    began = time.perf_counter()
    bulk: dict[int, Any] = {}
    for start in range(0, len(sample), 2000):
        bulk.update(verify_chains(sample[start : start + 2000]))
    new = time.perf_counter() - began
    assert bulk == one_by_one, "the bulk check disagrees with verify_chain"
    assert all(report.ok for report in bulk.values())
    began = time.perf_counter()
    verify_chains(sample)
    whole = time.perf_counter() - began
    return len(sample), old, new, whole


def run(count: int, files: int) -> None:
    from motcua.backups import databases
    from motcua.backups import services as backups
    from motcua.core.time import now as current

    load_before = os.getloadavg()
    began = time.perf_counter()
    world = worklist.build_world()
    now = current()
    events = load(count, world, now)
    stored = store_files(files)
    built = time.perf_counter() - began
    print(
        f"database: {connection.vendor}; dossiers: {count:,}; events: {events:,}; "
        f"stored files: {files:,} ({mb(stored)}); built in {built:.0f} s"
    )
    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average before: {load_before[0]:.2f}"
    )

    watch = Stopwatch()
    watch.wrap(databases, "dump_sqlite", "database snapshot")
    watch.wrap(databases, "dump_postgres", "database snapshot")
    out = DATA_DIR / "out"
    began = time.perf_counter()
    backup = backups.create_backup(output_dir=out)
    backup_time = time.perf_counter() - began
    print(
        f"backup: {backup_time:.1f} s (database snapshot {watch.spent['database snapshot']:.1f} s, "
        f"compressing and files the rest); archive {mb(backup.size)}"
    )

    watch = Stopwatch()
    watch.wrap(backups, "open_checked", "checking the archive (unpack, sha256 of every member)")
    watch.wrap(databases, "load_scratch_postgres", "scratch copy (pg_restore into a scratch database)")
    watch.wrap(databases, "_drop_postgres", "dropping the scratch database")
    watch.wrap(databases, "migrate", "migrate (scratch copy, then live)")
    watch.wrap(backups, "check_all_chains", "chain check on the scratch copy (bulk, chunks of 2 000)")
    watch.wrap(backups, "_check_anchors", "checkpoint check (no checkpoint here)")
    watch.wrap(backups, "create_backup", "safety backup")
    watch.wrap(databases, "load_sqlite", "loading the live database")
    watch.wrap(databases, "load_postgres", "loading the live database")
    watch.wrap(backups, "_restore_files", "stored files")
    watch.wrap(backups, "_restore_keys", "key files")
    began = time.perf_counter()
    result = backups.restore_backup(
        backup.path, replace=True, safety_dir=DATA_DIR / "safety", allow_unsigned=True
    )
    restore_time = time.perf_counter() - began
    assert result.ok, (result.counts, result.broken[:3])
    assert result.chains_checked == count
    print(f"restore --replace: {restore_time:.1f} s, of which")
    for label, seconds in watch.spent.items():
        print(f"  {label:<58} {seconds:7.1f} s")
    print(f"  {'the rest (counts, cleaning up)':<58} {restore_time - sum(watch.spent.values()):7.1f} s")
    chain_seconds = watch.spent["chain check on the scratch copy (bulk, chunks of 2 000)"]
    print(f"chain check of all {count:,} dossiers: {rate(count, chain_seconds)} (bulk)")

    sample, old, new, whole = chain_rates()
    print(f"chain check, same {sample:,} dossiers, same run:")
    print(f"  baseline: verify_chain one by one (one query each)  {rate(sample, old):>20}  {old:6.2f} s")
    print(f"  verify_chains, chunks of 2 000 (one query each)    {rate(sample, new):>20}  {new:6.2f} s")
    print(f"  {f'verify_chains, all {sample:,} in one chunk':<51}{rate(sample, whole):>20}  {whole:6.2f} s")
    print(f"  speed-up: {old / new:.1f}x; reports identical for all {sample:,}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 100_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 3_000,
    )
