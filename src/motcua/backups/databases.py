"""The database side of backup and restore, per engine: dump, load, and a scratch copy to check.

SQLite: the online backup API copies page by page, consistently while the server writes. PostgreSQL:
`pg_dump --format=custom` of one exported snapshot, `pg_restore` in one transaction.

A restore first loads the archive into a *scratch* database, registered as a second Django
connection (`SCRATCH_ALIAS`), migrates and checks it there, and only then touches the configured
one. SQLite's scratch is the archived file itself, unpacked in the restore's scratch folder;
PostgreSQL's is a database created beside the configured one and dropped afterwards (the
database user needs the CREATEDB privilege).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier, DossierEvent

from .errors import BackupError, RestoreFailed, RestoreRefused

ENGINES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
DATABASE_MEMBER = {"sqlite": "database/motcua.sqlite3", "postgresql": "database/motcua.pgdump"}
COUNTED = {"dossiers": Dossier, "dossier_events": DossierEvent, "users": User}
SCRATCH_ALIAS = "motcua_restore_check"


def engine_of(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in ENGINES:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")
    return str(connection.vendor)


def facts(cursor: Any, quote: Callable[[str], str]) -> tuple[dict[str, int], dict[str, str]]:
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


def current_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Counts of a database; zeros for a database without tables yet."""
    tables = set(connections[using].introspection.table_names())
    return {
        key: model._default_manager.using(using).count() if model._meta.db_table in tables else 0
        for key, model in COUNTED.items()
    }


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> set[tuple[str, str]]:
    connection = connections[using]
    if "django_migrations" not in connection.introspection.table_names():
        return set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        return {(app, name) for app, name in cursor.fetchall()}


def migrate(using: str = DEFAULT_DB_ALIAS) -> int:
    """Bring a database up to this motcua's migrations; how many were applied."""
    before = applied_migrations(using)
    call_command("migrate", database=using, interactive=False, verbosity=0)
    return len(applied_migrations(using) - before)


# --- dumping ------------------------------------------------------------------------------------


def dump_sqlite(connection: BaseDatabaseWrapper, target: Path) -> tuple[dict[str, int], dict[str, str]]:
    """sqlite3's online backup: a consistent copy while the web processes keep writing."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        return facts(copy.cursor(), connection.ops.quote_name)
    finally:
        copy.close()


def dump_postgres(connection: BaseDatabaseWrapper, target: Path) -> tuple[dict[str, int], dict[str, str]]:
    """pg_dump of the snapshot in which the counts are taken, so the manifest describes the dump."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts, migrations = facts(cursor, connection.ops.quote_name)
        args, env = pg_connection(connection.settings_dict)
        run(
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


def pg_connection(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
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


def run(command: list[str], *, env: dict[str, str], error: type[Exception]) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as exc:
        raise error(f"Không tìm thấy lệnh {command[0]}: cài gói postgresql-client.") from exc
    if done.returncode != 0:
        raise error(f"{command[0]} thất bại (mã {done.returncode}): {done.stderr.strip()[-2000:]}")


# --- loading ------------------------------------------------------------------------------------


def load_sqlite(connection: BaseDatabaseWrapper, source: Path) -> None:
    """Copy a database file, page by page, into the configured one (file or, in tests, memory)."""
    connections.close_all()
    connection.ensure_connection()
    copy = sqlite3.connect(source)
    try:
        copy.backup(connection.connection)
    finally:
        copy.close()
    connection.close()  # the next query reconnects with the usual pragmas


def load_postgres(connection: BaseDatabaseWrapper, source: Path) -> None:
    connections.close_all()
    args, env = pg_connection(connection.settings_dict)
    run(
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


# --- the scratch copy ---------------------------------------------------------------------------


@contextlib.contextmanager
def scratch_database(engine: str, dump: Path) -> Iterator[str]:
    """The archived database loaded apart from the configured one; yields its connection alias.

    SQLite: `dump` (an unpacked copy in the restore's scratch folder) is opened in place, and
    changed by the checks' migrations: it is the file the restore then copies in. PostgreSQL: a
    database named after the configured one plus `_restore_check`, created, loaded, and dropped
    when the block ends, whatever happens.
    """
    live = connections[DEFAULT_DB_ALIAS]
    settings_dict = {**live.settings_dict, "TEST": dict(live.settings_dict.get("TEST") or {})}
    if engine == "sqlite":
        settings_dict["NAME"] = str(dump)
        with _registered(settings_dict):
            yield SCRATCH_ALIAS
        return
    name = f"{live.settings_dict['NAME']}_restore_check"[:63]
    _create_postgres(live, name)
    try:
        settings_dict["NAME"] = name
        load_scratch_postgres(settings_dict, dump)
        with _registered(settings_dict):
            yield SCRATCH_ALIAS
    finally:
        _drop_postgres(live, name)


def load_scratch_postgres(settings_dict: dict[str, Any], dump: Path) -> None:
    """pg_restore into the new, empty scratch database."""
    args, env = pg_connection(settings_dict)
    run(
        ["pg_restore", "--no-owner", "--no-acl", "--single-transaction", "--no-password", *args, str(dump)],
        env=env,
        error=RestoreFailed,
    )


@contextlib.contextmanager
def _registered(settings_dict: dict[str, Any]) -> Iterator[None]:
    connections.settings[SCRATCH_ALIAS] = settings_dict
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            connections[SCRATCH_ALIAS].close()
        with contextlib.suppress(AttributeError, KeyError):
            del connections[SCRATCH_ALIAS]
        connections.settings.pop(SCRATCH_ALIAS, None)


def _create_postgres(live: BaseDatabaseWrapper, name: str) -> None:
    quoted = live.ops.quote_name(name)
    try:
        with live.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")  # a leftover of a crash
            cursor.execute(f"CREATE DATABASE {quoted}")
    except Exception as exc:
        raise RestoreRefused(
            f"Không tạo được cơ sở dữ liệu tạm {name} để kiểm tra bản sao lưu trước khi phục hồi ({exc}). "
            "Người dùng cơ sở dữ liệu cần quyền CREATEDB."
        ) from exc


def _drop_postgres(live: BaseDatabaseWrapper, name: str) -> None:
    with live.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {live.ops.quote_name(name)} WITH (FORCE)")
