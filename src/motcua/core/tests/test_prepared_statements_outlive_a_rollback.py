"""On PostgreSQL, what a connection prepared for its reads stays prepared after a rolled-back
transaction or savepoint (PostgreSQL keeps it; psycopg alone would forget it), so a refused action
does not cost the next requests a preparing and planning of every read; a change of the schema
still makes the connection forget them."""

from __future__ import annotations

from contextlib import suppress

import pytest
from django.db import connection, transaction

from motcua.agencies.models import Unit
from motcua.core.prepared import Prepared

# Real transactions: a rollback is a ROLLBACK. SQLite has no statements prepared on a server.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

UNIT_BY_CODE: Prepared[Unit] = Prepared(lambda code: Unit.objects.filter(code=code)[:1], code=str)


class Refused(Exception):
    pass


def _prepared_reads() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements WHERE statement LIKE '%agencies_unit%'")
        return {row[0] for row in cursor.fetchall()}


def test_a_rolled_back_transaction_or_savepoint_keeps_the_reads_prepared():
    assert UNIT_BY_CODE.first(code="KHONG-CO") is None
    prepared = _prepared_reads()
    assert prepared  # the read is prepared on the server, under a name of the connection's

    with suppress(Refused), transaction.atomic():  # the whole transaction rolls back
        UNIT_BY_CODE.first(code="A")
        raise Refused
    with transaction.atomic():
        with suppress(Refused), transaction.atomic():  # a savepoint rolls back
            UNIT_BY_CODE.first(code="B")
            raise Refused
        assert UNIT_BY_CODE.first(code="C") is None

    # The same statement, under the same name: never deallocated and prepared again.
    assert _prepared_reads() == prepared


def test_a_change_of_the_schema_forgets_what_was_prepared():
    assert UNIT_BY_CODE.first(code="KHONG-CO") is None
    assert _prepared_reads()
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE agencies_unit SET (fillfactor = 100)")  # the default: changes nothing
    assert _prepared_reads() == set()  # psycopg's DEALLOCATE ALL went first
    assert UNIT_BY_CODE.first(code="KHONG-CO") is None  # and the read is prepared again
    assert len(_prepared_reads()) == 1
