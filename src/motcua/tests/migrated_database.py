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

`motcua migrate` from an empty database keeps being checked: by the template's own subprocess, and
by the tests of migrate and collectstatic in production settings (web/tests/test_motcua_serve_...).
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

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


def _migrate_into(path: Path) -> None:
    with tempfile.TemporaryDirectory(dir=path.parent) as scratch:
        partial = Path(scratch) / "partial.sqlite3"
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("MOTCUA_", "DJANGO_")) or key == "MOTCUA_TASKS_BACKEND"
        } | {
            "DJANGO_SETTINGS_MODULE": "motcua.settings.test",
            "MOTCUA_DATA_DIR": scratch,
            "MOTCUA_DATABASE_URL": f"sqlite:///{partial}",
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
        # The settings open SQLite in WAL mode: fold the log into the file, so that one file is all
        # of it and a plain copy is a whole database.
        with sqlite3.connect(partial) as database:
            database.execute("PRAGMA journal_mode=DELETE")
        database.close()
        partial.rename(path)
