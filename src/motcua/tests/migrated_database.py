"""One migrated SQLite database per test session, copied wherever a test needs a fresh one.

Migrating an empty database runs every migration of motcua and of Wagtail (more than 200, and SQLite
rebuilds a table for most changes of a column): 45 s of CPU on the CI machine. The suite did it once
per xdist worker for its own test database and once more in each test that starts motcua as
processes (the server, the exchange's two instances, the DVCQG worker, the demo). Now the first
process of the session that needs a database migrates a template, in a subprocess running `motcua
migrate` itself (under a file lock, so the other worker waits and reuses it), and each user copies
it (a plain file copy: the `migrated_sqlite` fixture of src/conftest.py gives its path). The
test databases' copies still go through `migrate`, which then finds nothing to do: a template that
missed a migration is completed, never silently used.

On PostgreSQL the same holds for each worker's test database: the first worker migrates a template
database in a subprocess (`postgres_template`), and every test database is created from it
(`CREATE DATABASE ... TEMPLATE`, Django's TEST["TEMPLATE"]), then still goes through `migrate`.

`motcua migrate` from an empty database keeps being checked: by the templates' own subprocesses, and
by the tests of migrate and collectstatic in production settings (web/tests/test_motcua_serve_...).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from psycopg import sql

TEMPLATE_NAME = "migrated-template.sqlite3"


def session_directory() -> Path:
    """A folder shared by every process of this pytest session (xdist's workers included)."""
    shared = os.environ.get("MOTCUA_TEST_SESSION_DIR")
    if not shared:
        raise RuntimeError("MOTCUA_TEST_SESSION_DIR is set by src/conftest.py at the session's start")
    return Path(shared)


def template(directory: Path | None = None) -> Path:
    """The session's migrated SQLite file, made on first use (the other processes wait for it)."""
    directory = directory or session_directory()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / TEMPLATE_NAME
    with (directory / f"{TEMPLATE_NAME}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            _migrate_into(path)
    return path


def restore_into(connection: sqlite3.Connection, directory: Path | None = None) -> None:
    """Fill an open SQLite connection (the in-memory test database) with the template's content."""
    with sqlite3.connect(f"file:{template(directory)}?mode=ro", uri=True) as source:
        source.backup(connection)


POSTGRES_PREFIX = "motcua_template_"


def postgres_template(settings_dict: dict[str, Any], directory: Path | None = None) -> str | None:
    """The name of the session's migrated PostgreSQL database on the server of `settings_dict`, made
    on first use (the other workers wait); None for a server reached by its socket, which the
    subprocess's database URL cannot name: such a session migrates each test database as Django does."""
    if not settings_dict.get("HOST"):
        return None
    directory = directory or session_directory()
    directory.mkdir(parents=True, exist_ok=True)
    name = POSTGRES_PREFIX + hashlib.sha256(str(directory.resolve()).encode()).hexdigest()[:24]
    made = directory / "postgres-template"
    with (directory / "postgres-template.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not made.exists():
            drop_stale_postgres_templates(settings_dict)
            with _server(settings_dict) as server:
                server.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
                server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                # Which session it is for: a later session on this machine drops it if this one ends
                # without doing so.
                server.execute(
                    sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                        sql.Identifier(name), sql.Literal(_owner(directory))
                    )
                )
            with tempfile.TemporaryDirectory(dir=directory) as scratch:
                _run_migrate(postgres_url(settings_dict, name), scratch)
            made.write_text(name)
    return name


def drop_postgres_template(settings_dict: dict[str, Any], directory: Path) -> None:
    """Drop the session's PostgreSQL template, if it made one (at the session's end)."""
    made = directory / "postgres-template"
    if made.exists():
        with _server(settings_dict) as server:
            server.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(made.read_text()))
            )


def drop_stale_postgres_templates(settings_dict: dict[str, Any]) -> None:
    """Templates of this machine's sessions that ended without dropping theirs (killed): their folder
    is gone. Another machine's, or one still in use, is left alone."""
    import psycopg

    with _server(settings_dict) as server:
        rows = server.execute(
            "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database WHERE datname LIKE %s",
            [POSTGRES_PREFIX.replace("_", "\\_") + "%"],
        ).fetchall()
        here = _owner(None)
        for name, owner in rows:
            if owner and owner.startswith(here) and not Path(owner.removeprefix(here)).exists():
                with contextlib.suppress(psycopg.errors.ObjectInUse):
                    server.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def _owner(directory: Path | None) -> str:
    """What a template's comment says: this machine and the session's folder (None: the machine alone)."""
    return f"{socket.gethostname()}:{directory or ''}"


def _server(settings_dict: dict[str, Any]) -> Any:
    import psycopg

    return psycopg.connect(
        dbname=settings_dict["NAME"],
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        host=settings_dict["HOST"],
        port=settings_dict.get("PORT") or None,
        autocommit=True,
    )


def postgres_url(settings_dict: dict[str, Any], name: str) -> str:
    """The address of database `name` on the server of `settings_dict`."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{credentials}{settings_dict['HOST']}{port}/{name}"


def _run_migrate(database_url: str, scratch: str) -> None:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MOTCUA_", "DJANGO_")) or key == "MOTCUA_TASKS_BACKEND"
    } | {
        "DJANGO_SETTINGS_MODULE": "motcua.settings.test",
        "MOTCUA_DATA_DIR": scratch,
        "MOTCUA_DATABASE_URL": database_url,
        "PYTHONWARNINGS": "ignore",
    }
    done = subprocess.run(
        [sys.executable, "-m", "motcua.cli", "migrate", "--run-syncdb", "-v0"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"motcua migrate of the template failed:\n{done.stdout}\n{done.stderr}")


def _migrate_into(path: Path) -> None:
    with tempfile.TemporaryDirectory(dir=path.parent) as scratch:
        partial = Path(scratch) / "partial.sqlite3"
        _run_migrate(f"sqlite:///{partial}", scratch)
        # The settings open SQLite in WAL mode: fold the log into the file, so that one file is all
        # of it and a plain copy is a whole database.
        with sqlite3.connect(partial) as database:
            database.execute("PRAGMA journal_mode=DELETE")
        database.close()
        partial.rename(path)
