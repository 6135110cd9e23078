"""On PostgreSQL, moments are read by psycopg's compiled loader (core.pgtime), and every moment reads
exactly as Django's own loader reads it: the same instant, the same `datetime.timezone.utc`."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st
from psycopg.postgres import types
from psycopg.pq import Format

from motcua.core.pgtime import UTC_LOADER

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

MOMENTS = st.datetimes(
    min_value=datetime.datetime(1, 1, 2),
    max_value=datetime.datetime(9999, 12, 30),
    timezones=st.sampled_from(
        [
            datetime.UTC,
            datetime.timezone(datetime.timedelta(hours=7)),
            datetime.timezone(-datetime.timedelta(hours=9, minutes=30)),
        ]
    ),
)


def _read_by_django(text: str) -> datetime.datetime:
    from django.db.backends.postgresql.psycopg_any import BaseTzLoader

    class Django(BaseTzLoader):
        timezone = datetime.UTC

    return Django(types["timestamptz"].oid, connection.connection).load(text.encode())


def test_the_compiled_loader_is_the_connections() -> None:
    # psycopg[binary] is pinned: a psycopg without its compiled part is a regression, not a skip.
    assert UTC_LOADER is not None
    connection.ensure_connection()
    loader = connection.connection.adapters.get_loader(types["timestamptz"].oid, Format.TEXT)
    assert loader is UTC_LOADER


@settings(max_examples=200, deadline=None)
@given(moment=MOMENTS)
def test_every_moment_reads_as_django_reads_it(moment: datetime.datetime) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::timestamptz, %s::timestamptz::text", [moment, moment])
        read, text = cursor.fetchone()
    assert read == moment
    assert read.tzinfo is datetime.UTC
    expected = _read_by_django(text)
    assert (read, read.tzinfo, read.utcoffset()) == (expected, expected.tzinfo, expected.utcoffset())


def test_null_and_the_servers_clock_read_as_before() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT NULL::timestamptz, now()")
        empty, current = cursor.fetchone()
    assert empty is None
    assert current.tzinfo is datetime.UTC
