"""On PostgreSQL each worker's test database is created from the session's migrated template (one
migration per session, not one per worker); a template whose session is gone is dropped."""

from __future__ import annotations

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
    assert _databases()[template] == str(session_directory())  # this session's, named as such
    assert postgres_template(connection.settings_dict) == template  # made once, then reused
    with connection.cursor() as cursor:  # what migrate made is here: the clone has the template's tables
        cursor.execute("SELECT count(*) FROM django_migrations")
        assert cursor.fetchone()[0] > 100


def test_a_template_whose_session_is_gone_is_dropped(tmp_path: Path):
    gone, live = f"{POSTGRES_PREFIX}gone_{tmp_path.name[-8:]}", f"{POSTGRES_PREFIX}live_{tmp_path.name[-8:]}"
    with _server() as server:
        for name, folder in ((gone, tmp_path / "ended"), (live, tmp_path)):
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            server.execute(
                sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(name), sql.Literal(str(folder)))
            )
    try:
        drop_stale_postgres_templates(connection.settings_dict)
        found = _databases()
        assert gone not in found
        assert live in found
        assert connection.settings_dict["TEST"]["TEMPLATE"] in found  # the running session's stays
    finally:
        with _server() as server:
            for name in (gone, live):
                server.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
