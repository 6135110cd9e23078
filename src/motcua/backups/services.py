"""Backing up and restoring the whole installation: database, stored files, signature key files.

The services always work on Django's default database and default storage, as the web processes
and the task worker do. What is restored is checked afterwards: counts against the manifest, and
every dossier's hash-chained history (`verify_chain`).
"""

from __future__ import annotations

import os
import posixpath
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader

from motcua.accounts.models import User
from motcua.core.time import iso_local, local, now
from motcua.dossiers.events import verify_chains
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.signatures import conf as signature_conf

from .archive import (
    DATABASE,
    FORMAT_VERSION,
    KEYS,
    MEDIA,
    ArchiveWriter,
    Manifest,
    members_under,
    open_checked,
)
from .errors import BackupError, RestoreFailed, RestoreRefused

ENGINES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
DATABASE_MEMBER = {"sqlite": f"{DATABASE}motcua.sqlite3", "postgresql": f"{DATABASE}motcua.pgdump"}
COUNTED = {"dossiers": Dossier, "dossier_events": DossierEvent, "users": User}
CHAIN_CHUNK = 2000
PROGRESS_EVERY = 10_000

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    engine: str
    counts: dict[str, int]
    files: int
    keys: int


@dataclass(frozen=True)
class BrokenChain:
    dossier_id: int
    code: str
    broken_at: int | None
    reason: str


@dataclass(frozen=True)
class RestoreResult:
    archive: Path
    manifest: Manifest
    safety_backup: BackupResult | None
    counts: dict[str, int]
    files: int
    keys: int
    migrations_applied: int
    chains_checked: int | None  # None: --skip-chain-check
    broken: list[BrokenChain] = field(default_factory=list)

    @property
    def counts_match(self) -> bool:
        return self.counts == self.manifest.counts

    @property
    def ok(self) -> bool:
        return self.counts_match and not self.broken


# --- backup -------------------------------------------------------------------------------------


def default_output_dir() -> Path:
    return Path(settings.DATA_DIR) / "backups"


def create_backup(
    *,
    output_dir: Path | None = None,
    storage: Storage | None = None,
    key_folder: Path | None = None,
    at: datetime | None = None,
) -> BackupResult:
    """Write one archive of the database, the default storage's files and the key folder's files."""
    connection = connections[DEFAULT_DB_ALIAS]
    engine = _engine(connection)
    storage = storage or default_storage
    key_folder = key_folder or signature_conf.key_dir()
    output_dir = Path(output_dir or default_output_dir())
    output_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    moment = at or now()
    writer = ArchiveWriter(_free_name(output_dir, moment), mtime=moment.timestamp())
    try:
        with tempfile.TemporaryDirectory(dir=output_dir, prefix=".motcua-backup-") as scratch:
            dump = Path(scratch) / "database"
            if engine == "sqlite":
                counts, migrations = _dump_sqlite(connection, dump)
            else:
                counts, migrations = _dump_postgres(connection, dump)
            writer.add_path(DATABASE_MEMBER[engine], dump)
        files = 0
        for name in storage_files(storage):
            with storage.open(name, "rb") as stream:
                writer.add_stream(MEDIA + name, stream, storage.size(name))
            files += 1
        keys = 0
        for relative, path in key_files(key_folder):
            writer.add_path(KEYS + relative, path)
            keys += 1
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            created_at=iso_local(moment) or "",
            motcua_version=_motcua_version(),
            engine=engine,
            migrations=migrations,
            counts=counts,
            members=dict(writer.members),
        )
        path = writer.finish(manifest)
    except BaseException:
        writer.abort()
        raise
    return BackupResult(
        path=path, size=path.stat().st_size, engine=engine, counts=counts, files=files, keys=keys
    )


def storage_files(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name of a storage, through its API (local disk, memory, object storage alike)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return  # a storage nothing was ever written to
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for name in sorted(folders):
        yield from storage_files(storage, posixpath.join(folder, name) if folder else name)


def key_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """(relative POSIX name, path) of each regular file in the key folder; links are left out."""
    if not folder.is_dir():
        return
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(folder).as_posix(), path


def _free_name(folder: Path, moment: datetime) -> Path:
    stem = f"motcua-backup-{local(moment):%Y%m%d-%H%M%S}"
    candidate = folder / f"{stem}.tar.gz"
    number = 2
    while candidate.exists():  # two backups in the same second (a restore's safety backup, tests)
        candidate = folder / f"{stem}-{number}.tar.gz"
        number += 1
    return candidate


def _motcua_version() -> str | None:
    try:
        return metadata.version("motcua")
    except metadata.PackageNotFoundError:
        return None


def _engine(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in ENGINES:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")
    return str(connection.vendor)


def _facts(cursor: Any, quote: Callable[[str], str]) -> tuple[dict[str, int], dict[str, str]]:
    """Counts and the latest applied migration per app, read through a DB-API cursor."""
    counts = {}
    for key, model in COUNTED.items():
        cursor.execute(f"SELECT COUNT(*) FROM {quote(model._meta.db_table)}")  # noqa: S608
        counts[key] = int(cursor.fetchone()[0])
    cursor.execute("SELECT app, name FROM django_migrations")
    migrations: dict[str, str] = {}
    for app, name in cursor.fetchall():
        migrations[app] = max(migrations.get(app, ""), name)
    return counts, dict(sorted(migrations.items()))


def _dump_sqlite(connection: BaseDatabaseWrapper, target: Path) -> tuple[dict[str, int], dict[str, str]]:
    """sqlite3's online backup: a consistent copy while the web processes keep writing."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        return _facts(copy.cursor(), connection.ops.quote_name)
    finally:
        copy.close()


def _dump_postgres(connection: BaseDatabaseWrapper, target: Path) -> tuple[dict[str, int], dict[str, str]]:
    """pg_dump of the snapshot in which the counts are taken, so the manifest describes the dump."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts, migrations = _facts(cursor, connection.ops.quote_name)
        args, env = _pg_connection(connection.settings_dict)
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-password",
                f"--snapshot={snapshot}",
                f"--file={target}",
                *args,
            ],
            env=env,
            error=BackupError,
        )
    return counts, migrations


def _pg_connection(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Command-line options naming the database; the password goes in PGPASSWORD, never in argv."""
    args = []
    if settings_dict.get("HOST"):
        args.append(f"--host={settings_dict['HOST']}")
    if settings_dict.get("PORT"):
        args.append(f"--port={settings_dict['PORT']}")
    if settings_dict.get("USER"):
        args.append(f"--username={settings_dict['USER']}")
    args.append(f"--dbname={settings_dict['NAME']}")
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    sslmode = (settings_dict.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return args, env


def _run(command: list[str], *, env: dict[str, str], error: type[Exception]) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as exc:
        raise error(f"Không tìm thấy lệnh {command[0]}: cài gói postgresql-client.") from exc
    if done.returncode != 0:
        raise error(f"{command[0]} thất bại (mã {done.returncode}): {done.stderr.strip()[-2000:]}")


# --- restore ------------------------------------------------------------------------------------


def restore_backup(
    archive: Path,
    *,
    replace: bool = False,
    safety_backup: bool = True,
    check_chains: bool = True,
    storage: Storage | None = None,
    key_folder: Path | None = None,
    safety_dir: Path | None = None,
    scratch_dir: Path | None = None,
    progress: Progress | None = None,
) -> RestoreResult:
    """Check the archive whole, then restore database, files and keys, migrate and verify.

    RestoreRefused (nothing changed): a damaged or unsafe archive, another database engine, a
    backup from a newer motcua, or a database that already holds dossiers or users without
    `replace`. With `replace`, a safety backup of what is replaced is written first.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    engine = _engine(connection)
    storage = storage or default_storage
    key_folder = key_folder or signature_conf.key_dir()
    scratch_parent = Path(scratch_dir or settings.DATA_DIR)
    scratch_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=scratch_parent, prefix=".motcua-restore-") as scratch:
        work = Path(scratch)
        manifest = open_checked(Path(archive), work)
        _check_fits(manifest, engine)
        present = current_counts()
        if (present["dossiers"] or present["users"]) and not replace:
            raise RestoreRefused(
                f"Cơ sở dữ liệu đích đang có {present['dossiers']} hồ sơ và {present['users']} người dùng: "
                "từ chối ghi đè. Dùng --replace nếu thật sự muốn thay thế (một bản sao lưu an toàn "
                "sẽ được tạo trước)."
            )
        safety = create_backup(output_dir=safety_dir, storage=storage) if replace and safety_backup else None
        try:
            if engine == "sqlite":
                _load_sqlite(connection, work / DATABASE_MEMBER[engine])
            else:
                _load_postgres(connection, work / DATABASE_MEMBER[engine])
            applied_before = _applied_now()
            files = _restore_files(storage, work, manifest)
            keys = _restore_keys(key_folder, work, manifest)
            call_command("migrate", interactive=False, verbosity=0)
        except Exception as exc:
            hint = f" Bản sao lưu an toàn: {safety.path}." if safety else ""
            raise RestoreFailed(f"Phục hồi thất bại giữa chừng: {exc}.{hint}") from exc
    migrations_applied = len(_applied_now() - applied_before)
    counts = current_counts()
    checked, broken = check_all_chains(progress=progress) if check_chains else (None, [])
    return RestoreResult(
        archive=Path(archive),
        manifest=manifest,
        safety_backup=safety,
        counts=counts,
        files=files,
        keys=keys,
        migrations_applied=migrations_applied,
        chains_checked=checked,
        broken=broken,
    )


def _check_fits(manifest: Manifest, engine: str) -> None:
    if manifest.engine != engine:
        theirs = ENGINES.get(manifest.engine, manifest.engine)
        raise RestoreRefused(
            f"Bản sao lưu lấy từ cơ sở dữ liệu {theirs}, không phục hồi được vào {ENGINES[engine]}: "
            "hãy phục hồi vào cùng loại cơ sở dữ liệu."
        )
    if DATABASE_MEMBER[engine] not in manifest.members:
        raise RestoreRefused(f"Bản sao lưu thiếu tệp cơ sở dữ liệu {DATABASE_MEMBER[engine]!r}.")
    loader = MigrationLoader(None, ignore_no_migrations=True)
    unknown = sorted(
        f"{app}.{name}"
        for app, name in manifest.migrations.items()
        if app in loader.migrated_apps and (app, name) not in loader.disk_migrations
    )
    if unknown:
        raise RestoreRefused(
            "Bản sao lưu được tạo bởi phiên bản motcua mới hơn (có migration chưa biết: "
            f"{', '.join(unknown[:5])}): hãy cập nhật motcua trước khi phục hồi."
        )


def current_counts() -> dict[str, int]:
    """Counts of the default database; zeros for a database without tables yet."""
    connection = connections[DEFAULT_DB_ALIAS]
    tables = set(connection.introspection.table_names())
    return {
        key: model._default_manager.count() if model._meta.db_table in tables else 0
        for key, model in COUNTED.items()
    }


def _applied_now() -> set[tuple[str, str]]:
    connection = connections[DEFAULT_DB_ALIAS]
    if "django_migrations" not in connection.introspection.table_names():
        return set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        return {(app, name) for app, name in cursor.fetchall()}


def _load_sqlite(connection: BaseDatabaseWrapper, source: Path) -> None:
    """Copy the archived database, page by page, into the configured one (file or, in tests, memory)."""
    connections.close_all()
    connection.ensure_connection()
    copy = sqlite3.connect(source)
    try:
        copy.backup(connection.connection)
    finally:
        copy.close()
    connection.close()  # the next query reconnects with the usual pragmas


def _load_postgres(connection: BaseDatabaseWrapper, source: Path) -> None:
    connections.close_all()
    args, env = _pg_connection(connection.settings_dict)
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-acl",  # roles and grants belong to the server being restored to, not the dump
            "--single-transaction",
            "--no-password",
            *args,
            str(source),
        ],
        env=env,
        error=RestoreFailed,
    )


def _restore_files(storage: Storage, work: Path, manifest: Manifest) -> int:
    count = 0
    for member in members_under(manifest, MEDIA):
        name = member[len(MEDIA) :]
        if storage.exists(name):
            storage.delete(name)  # otherwise the storage would pick another name
        with (work / member).open("rb") as stream:
            stored = storage.save(name, File(stream, name=name))
        if stored != name:
            raise RestoreFailed(f"Tệp {name!r} được lưu dưới tên khác: {stored!r}.")
        count += 1
    return count


def _restore_keys(folder: Path, work: Path, manifest: Manifest) -> int:
    count = 0
    for member in members_under(manifest, KEYS):
        target = folder / member[len(KEYS) :]
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = target.with_name(f".{target.name}.restoring")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out, (work / member).open("rb") as stream:
            shutil.copyfileobj(stream, out)
        os.chmod(partial, 0o600)
        os.replace(partial, target)
        count += 1
    if count:
        os.chmod(folder, 0o700)
    return count


def check_all_chains(*, progress: Progress | None = None) -> tuple[int, list[BrokenChain]]:
    """Verify every dossier's event chain, in chunks; progress(checked, total) every 10,000."""
    total = Dossier.objects.count()
    checked = 0
    broken: list[BrokenChain] = []
    last_pk = 0
    while True:
        chunk = list(
            Dossier.objects.filter(pk__gt=last_pk)
            .order_by("pk")
            .only("pk", "code", "version", "last_event_hash")[:CHAIN_CHUNK]
        )
        if not chunk:
            break
        reports = verify_chains(chunk)  # one query for the events of the whole chunk
        for dossier in chunk:
            report = reports[dossier.pk]
            if not report.ok:
                broken.append(BrokenChain(dossier.pk, dossier.code, report.broken_at, report.reason))
            checked += 1
            if progress and checked % PROGRESS_EVERY == 0:
                progress(checked, total)
        last_pk = chunk[-1].pk
    return checked, broken
