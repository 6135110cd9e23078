"""Fixtures for the whole suite."""

import os
import shutil
import tempfile
from pathlib import Path
from unittest import mock

import pytest

from motcua.core.testing import object_storage, redis_url, s3_server  # noqa: F401  (fixtures)
from motcua.demo.testing import demo_province_with_pki  # noqa: F401  (fixture)
from motcua.signatures.testing.fixtures import pki, signing  # noqa: F401  (fixtures)
from motcua.web.testing import accessibility, browser, page, phone_page, shoot  # noqa: F401  (fixtures)

SESSION_DIRECTORY = "MOTCUA_TEST_SESSION_DIR"
_own_session_directory = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """A folder for the whole session, shared by xdist's workers (they inherit the environment of
    the process that starts them): the migrated template database lives there."""
    if not hasattr(config, "workerinput") and SESSION_DIRECTORY not in os.environ:
        os.environ[SESSION_DIRECTORY] = tempfile.mkdtemp(prefix="motcua-test-session-")
        config.stash[_own_session_directory] = os.environ[SESSION_DIRECTORY]
    _test_databases_start_from_the_template()
    _postgres_flush_deletes_what_holds_rows()


def pytest_unconfigure(config: pytest.Config) -> None:
    if (directory := config.stash.get(_own_session_directory, None)) is not None:
        from django.conf import settings
        from django.db import connections

        from motcua.tests.migrated_database import drop_postgres_template

        if settings.configured and connections["default"].vendor == "postgresql":
            drop_postgres_template(connections["default"].settings_dict, Path(directory))
        shutil.rmtree(directory, ignore_errors=True)
        del os.environ[SESSION_DIRECTORY]


def _test_databases_start_from_the_template() -> None:
    """Each worker's test database starts as a copy of the session's migrated template
    (motcua/tests/migrated_database.py) instead of migrating from nothing; Django's `migrate` still
    runs on the copy (and finds nothing to do), post_migrate signals included. SQLite's in-memory
    database is restored from the template file; PostgreSQL's is created from the template database."""
    from django.db.backends.postgresql.creation import DatabaseCreation as PostgresCreation
    from django.db.backends.sqlite3.creation import DatabaseCreation

    create_postgres = PostgresCreation.create_test_db
    if not getattr(create_postgres, "from_template", False):

        def create_from_postgres_template(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            from motcua.tests.migrated_database import postgres_template

            settings_dict = self.connection.settings_dict
            if not settings_dict["TEST"].get("TEMPLATE"):
                settings_dict["TEST"]["TEMPLATE"] = postgres_template(settings_dict)
            return create_postgres(self, *args, **kwargs)

        create_from_postgres_template.from_template = True  # type: ignore[attr-defined]
        PostgresCreation.create_test_db = create_from_postgres_template  # type: ignore[method-assign]

    create_test_db = DatabaseCreation.create_test_db
    if getattr(create_test_db, "from_template", False):
        return

    def create_from_template(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        from django.core import management

        from motcua.tests.migrated_database import restore_into

        call_command = management.call_command

        def migrate_from_template(name, *arguments, **options):  # type: ignore[no-untyped-def]
            if name == "migrate" and self.is_in_memory_db(self.connection.settings_dict["NAME"]):
                self.connection.ensure_connection()
                restore_into(self.connection.connection)
            return call_command(name, *arguments, **options)

        with mock.patch.object(management, "call_command", migrate_from_template):
            return create_test_db(self, *args, **kwargs)

    create_from_template.from_template = True  # type: ignore[attr-defined]
    DatabaseCreation.create_test_db = create_from_template  # type: ignore[method-assign]


def _postgres_flush_deletes_what_holds_rows() -> None:
    """After each test that commits (`transaction=True`, live servers), Django empties every table.
    On PostgreSQL it truncates all of them (some 300) in one statement, which makes new files for each
    table and index: 0.6 s a test alone, several seconds with the other pass beside it. Deleting the
    rows of the tables that hold any leaves the same empty tables in a few milliseconds; Django's
    foreign keys are deferrable, so the order of the deletes does not matter within the flush's
    transaction. A flush that resets sequences is left to Django."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush
    if getattr(truncate, "deletes_rows", False):
        return

    def delete_rows(self, style, tables, *, reset_sequences=False, allow_cascade=False):  # type: ignore[no-untyped-def]
        if reset_sequences or not tables:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        # Django's own table names, quoted by the backend: nothing here comes from a request.
        quoted = [self.quote_name(table) for table in tables]
        probe = " UNION ALL ".join(
            f"SELECT {number} WHERE EXISTS (SELECT 1 FROM {name})"  # noqa: S608
            for number, name in enumerate(quoted)
        )
        with self.connection.cursor() as cursor:
            cursor.execute(probe)
            holding = [quoted[number] for (number,) in cursor.fetchall()]
        return ["SET CONSTRAINTS ALL DEFERRED"] + [f"DELETE FROM {name}" for name in holding]  # noqa: S608

    delete_rows.deletes_rows = True  # type: ignore[attr-defined]
    DatabaseOperations.sql_flush = delete_rows  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def migrated_sqlite() -> Path:
    """The session's migrated SQLite template: copy it (migrated_database.copy_template) for each
    instance a test starts as processes, rather than running `motcua migrate` there again."""
    from motcua.tests.migrated_database import template

    return template()


@pytest.fixture(autouse=True)
def _postgres_mark_needs_postgresql(request: pytest.FixtureRequest) -> None:
    """A test marked `postgres` (left out of the SQLite pass) is skipped, not failed, when run on
    another database: it tests what only PostgreSQL has (locks, prepared statements, pg_dump)."""
    from django.db import connection

    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with MOTCUA_DATABASE_URL (make test-postgres)")


@pytest.fixture(autouse=True)
def _vietnamese_first():
    """Every test starts in the default language: one that switched to English (a request, a
    translation.activate) must not leave messages raised by the next test in English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """A rolled-back test sends no delete signal, so calendars built in it must not outlive it."""
    from motcua.workcalendar.selectors import clear_cache

    clear_cache()
    yield
    clear_cache()


@pytest.fixture(autouse=True)
def _fresh_catalogue_stamp():
    """A rolled-back test sends no signal either: the catalogue's cached reads start afresh."""
    from motcua.catalog.cache import new_stamp

    new_stamp()


@pytest.fixture(autouse=True)
def _no_reserved_requests():
    """Requests reserved from a rate limit's row (accounts.throttling.Reservations) must not outlive
    the rolled-back test whose row counted them."""
    from motcua.accounts.throttling import RESERVATIONS

    RESERVATIONS.clear()


BROWSER_FIXTURES = {"browser", "page", "phone_page"}
# pytest-django refuses database access to a test that asks for none of these (directly or through
# another fixture, or by its django_db mark): such a test behaves the same on every engine.
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


# Marks of the tests that take tens of seconds each in CI (whole instances as processes, the per-caller
# API contract run): they are started first, so that no pass ends with one worker running one of
# them alone while the other has finished (`make test` distributes with xdist's worksteal).
LONG_MARKS = ("processes", "long")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests that drive Chromium, and those that touch no database, so that a pass can leave
    them out (the PostgreSQL pass does: the SQLite pass runs them, and they do not depend on the
    database engine). Then put the long tests first (a stable sort: the rest keep their order)."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if BROWSER_FIXTURES & fixtures:
            item.add_marker(pytest.mark.browser)
        if not DATABASE_FIXTURES & fixtures and item.get_closest_marker("django_db") is None:
            item.add_marker(pytest.mark.no_database)
    items.sort(key=lambda item: not any(item.get_closest_marker(mark) for mark in LONG_MARKS))
