"""Prepared reads sent together (`all_together`) give what each gives alone, in order; on
PostgreSQL they go out in one pipeline (one round trip); an error in one is raised as it would be
alone and leaves the connection usable."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import IntegerField, Value
from django.db.models.functions import Cast
from django.db.transaction import TransactionManagementError

from motcua.agencies.models import Agency, Unit
from motcua.core.prepared import Prepared, all_together
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.tests.factories import build_world, submitted, vn

pytestmark = pytest.mark.django_db

EVENTS: Prepared[DossierEvent] = Prepared(
    lambda dossier_id: DossierEvent.objects.filter(dossier_id=dossier_id).order_by("seq"), dossier_id=int
)
UNITS: Prepared[tuple[Any, ...]] = Prepared(
    lambda agency_id: (
        Unit.objects.filter(agency_id=agency_id).order_by("id").values_list("id", "code", "name")
    ),
    agency_id=int,
)
DOSSIER: Prepared[Dossier] = Prepared(
    lambda code: Dossier.objects.select_related("receiving_agency").filter(code=code)[:1], code=str
)
CODES: Prepared[str] = Prepared(
    lambda agency_id: Agency.objects.filter(id=agency_id).values_list("code", flat=True), agency_id=int
)
AS_NUMBER: Prepared[int] = Prepared(
    lambda text: Agency.objects.annotate(number=Cast(Value(text), output_field=IntegerField())).values_list(
        "number", flat=True
    )[:1],
    text=str,
)
LOCKED: Prepared[Unit] = Prepared(
    lambda agency_id: Unit.objects.filter(agency_id=agency_id).select_for_update(), agency_id=int
)


@pytest.fixture
def dossier() -> Dossier:
    return submitted(build_world(), at=vn(2025, 3, 3, 9, 0))


def _fields(obj: Any) -> dict[str, Any]:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _in_pipeline(statements: list[bool]) -> Any:
    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
        raw = context["connection"].connection
        statements.append(getattr(raw, "_pipeline", None) is not None)
        return execute(sql, params, many, context)

    return wrapper


def test_each_read_gives_what_it_gives_alone_in_order(dossier):
    agency_id = dossier.receiving_agency_id
    alone = [
        EVENTS.all(dossier_id=dossier.pk),
        UNITS.all(agency_id=agency_id),
        DOSSIER.all(code=dossier.code),
        CODES.all(agency_id=agency_id),
        EVENTS.all(dossier_id=dossier.pk + 10_000),  # no rows
    ]
    statements: list[bool] = []
    with connection.execute_wrapper(_in_pipeline(statements)):
        together = all_together(
            (EVENTS, {"dossier_id": dossier.pk}),
            (UNITS, {"agency_id": agency_id}),
            (DOSSIER, {"code": dossier.code}),
            (CODES, {"agency_id": agency_id}),
            (EVENTS, {"dossier_id": dossier.pk + 10_000}),
        )
    assert [[_fields(e) for e in events] for events in (together[0], alone[0])] == [
        [_fields(e) for e in alone[0]]
    ] * 2
    assert together[0][0].payload == alone[0][0].payload
    assert together[0][0].at == alone[0][0].at
    assert together[1] == alone[1]
    assert together[1]
    (found,) = together[2]
    assert _fields(found) == _fields(alone[2][0])
    assert found.receiving_agency.code == alone[2][0].receiving_agency.code  # the joined row came along
    assert together[3] == alone[3] == [dossier.receiving_agency.code]
    assert together[4] == [] == alone[4]
    assert len(statements) == 5
    # One round trip on PostgreSQL: every statement went out in psycopg's pipeline.
    assert all(statements) is (connection.vendor == "postgresql")
    assert all_together() == []


def test_an_error_in_one_read_is_raised_and_the_connection_goes_on(dossier):
    reads = [(UNITS, {"agency_id": dossier.receiving_agency_id}), (AS_NUMBER, {"text": "không phải số"})]
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError, match="integer"), transaction.atomic():
            all_together(*reads)
    else:  # SQLite casts any text to a number: no error to raise
        assert all_together(*reads)[1] == [0]
    assert CODES.all(agency_id=dossier.receiving_agency_id) == [dossier.receiving_agency.code]


@pytest.mark.django_db(transaction=True)
def test_a_locking_read_keeps_its_rule_about_transactions():
    reads = [(CODES, {"agency_id": 1}), (LOCKED, {"agency_id": 1})]
    with transaction.atomic():
        assert all_together(*reads) == [[], []]  # compiled inside a transaction
    if connection.features.has_select_for_update:
        with pytest.raises(TransactionManagementError):
            all_together(*reads)


def test_reads_on_two_databases_are_not_sent_together():
    other = Prepared(lambda agency_id: Agency.objects.filter(id=agency_id), agency_id=int, using="other")
    with pytest.raises(ValueError, match="one database"):
        all_together((CODES, {"agency_id": 1}), (other, {"agency_id": 1}))


def test_reads_first_compiled_and_prepared_together_then_again(dossier):
    # New reads: nothing of theirs compiled or prepared on this connection yet.
    events = Prepared(lambda dossier_id: DossierEvent.objects.filter(dossier_id=dossier_id), dossier_id=int)
    codes = Prepared(
        lambda agency_id: Agency.objects.filter(id=agency_id).values_list("code", flat=True), agency_id=int
    )
    reads = [(events, {"dossier_id": dossier.pk}), (codes, {"agency_id": dossier.receiving_agency_id})]
    first = all_together(*reads)
    again = all_together(*reads)
    assert [[e.pk for e in first[0]], first[1]] == [[e.pk for e in again[0]], again[1]]
    assert first[1] == [dossier.receiving_agency.code]
    assert [e.pk for e in first[0]] == [e.pk for e in DossierEvent.objects.filter(dossier_id=dossier.pk)]
