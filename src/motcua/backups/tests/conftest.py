"""Backups run against the real default database and storage, so every test commits (transaction=True).

SQLite: the test database is a shared in-memory SQLite. The services read and write it through
Django's own connection with sqlite3's backup API, which is the same code path as with the file in
`var/` in production (there, the connection is opened on the configured file), so the round trip
needs no second database. PostgreSQL: see test_round_trip_postgres.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from motcua.dossiers.anchors.tests.fixtures import seal  # noqa: F401  (fixture: the province's seal)
from motcua.dossiers.tests.factories import World, build_world
from motcua.signatures import conf

from .support import put_key


@pytest.fixture
def key_folder(tmp_path: Path, settings) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """The signature key folder, and DATA_DIR (backups/, restore scratch) in tmp_path.

    Set as a run-time override too: an override wins over the setting (the demo PKI uses one).
    """
    settings.DATA_DIR = tmp_path / "data"
    settings.MOTCUA_SIGNATURE_KEY_DIR = str(tmp_path / "keys")
    folder = tmp_path / "keys"
    put_key(folder)
    with conf.overrides_kept():
        conf.override(key_dir=str(folder))
        yield folder


@pytest.fixture(autouse=True)
def _second_connections_allowed(monkeypatch, django_db_blocker) -> None:  # type: ignore[no-untyped-def]
    """The restore checks a scratch copy through a second connection (`databases.SCRATCH_ALIAS`), and
    the tests forge archives through another one (`support.FORGE_ALIAS`). Django's test case refuses
    connections to aliases it was not told about; these two are allowed through."""
    from django.db.backends.base.base import BaseDatabaseWrapper

    from motcua.backups.databases import SCRATCH_ALIAS

    from .support import FORGE_ALIAS

    real = django_db_blocker._real_ensure_connection
    guarded = BaseDatabaseWrapper.ensure_connection

    def ensure_connection(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.alias in (SCRATCH_ALIAS, FORGE_ALIAS):
            return real(self, *args, **kwargs)
        return guarded(self, *args, **kwargs)

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", ensure_connection)


@pytest.fixture
def world(transactional_db) -> World:  # type: ignore[no-untyped-def]
    return build_world()


@pytest.fixture
def sqlite_only() -> None:
    """For tests that restore into the test database itself: on PostgreSQL that database is shared
    with the rest of the pass, so there the scratch-database tests (test_round_trip_postgres) cover it."""
    if connection.vendor != "sqlite":
        pytest.skip("restores into the test database: SQLite only; PostgreSQL uses a scratch database")
