"""On PostgreSQL each worker's test database is created from the session's migrated template (one
migration per session, not one per worker); a template whose session on this machine is gone is
dropped, another machine's is not."""

from __future__ import annotations

import socket
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from motcua.tests.migrated_database import (
    POSTGRES_PREFIX,
    drop_stale_postgres_templates,
    postgres_template,
    session_directory,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _databases() -> dict[str, str | None]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database WHERE datname LIKE %s",
            [POSTGRES_PREFIX.replace("_", "\\_") + "%"],
        )
        return dict(cursor.fetchall())


def _server() -> psycopg.Connection:
    """Outside the test's transaction: CREATE and DROP DATABASE run alone."""
    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"],
        user=settings.get("USER") or None,
        host=settings["HOST"],
        port=settings.get("PORT") or None,
        autocommit=True,
    )


def test_the_test_database_was_made_from_the_sessions_template():
    template = connection.settings_dict["TEST"]["TEMPLATE"]
    assert template.startswith(POSTGRES_PREFIX)
    # This machine's and this session's, named as such.
    assert _databases()[template] == f"{socket.gethostname()}:{session_directory()}"
    assert postgres_template(connection.settings_dict) == template  # made once, then reused
    with connection.cursor() as cursor:  # what migrate made is here: the clone has the template's tables
        cursor.execute("SELECT count(*) FROM django_migrations")
        assert cursor.fetchone()[0] > 100


def test_a_template_whose_session_is_gone_is_dropped(tmp_path: Path):
    here = socket.gethostname()
    suffix = tmp_path.name[-8:]
    owners = {
        f"{POSTGRES_PREFIX}gone_{suffix}": f"{here}:{tmp_path / 'ended'}",  # a killed session's
        f"{POSTGRES_PREFIX}live_{suffix}": f"{here}:{tmp_path}",  # a running session's
        f"{POSTGRES_PREFIX}away_{suffix}": f"elsewhere-{here}:{tmp_path / 'ended'}",  # another machine's
    }
    with _server() as server:
        for name, owner in owners.items():
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            server.execute(
                sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(name), sql.Literal(owner))
            )
    try:
        drop_stale_postgres_templates(connection.settings_dict)
        found = _databases()
        assert [name for name in owners if name in found] == [
            f"{POSTGRES_PREFIX}live_{suffix}",
            f"{POSTGRES_PREFIX}away_{suffix}",
        ]
        assert connection.settings_dict["TEST"]["TEMPLATE"] in found  # the running session's stays
    finally:
        with _server() as server:
            for name in owners:
                server.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
