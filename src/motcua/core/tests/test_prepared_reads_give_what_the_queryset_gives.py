"""A prepared read gives the objects and tuples its queryset gives, in one statement, for any value."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.db.transaction import TransactionManagementError
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.agencies.models import StaffRole, Unit
from motcua.catalog.models import WorkflowStep
from motcua.core.prepared import Prepared, padded, with_ids
from motcua.core.time import VN_TZ
from motcua.dossiers.models import Dossier, DossierHolder
from motcua.dossiers.tests.factories import build_world, submitted, vn

pytestmark = pytest.mark.django_db


def _dossier_by_code(code: str) -> Any:
    return Dossier.objects.select_related(
        "procedure_version__procedure", "receiving_agency", "current_agency", "current_unit", "assignee"
    ).filter(code=code)[:1]


BY_CODE: Prepared[Dossier] = Prepared(_dossier_by_code, code=str)


def _posts(user_id: int, dossier_id: int) -> Any:
    held = DossierHolder.objects.filter(dossier_id=dossier_id, agency_id=OuterRef("agency_id"))
    return (
        StaffRole.objects.filter(user_id=user_id)
        .annotate(holds=Exists(held))
        .order_by("pk")
        .values_list("agency_id", "unit_id", "role", "holds")
    )


POSTS: Prepared[tuple[Any, ...]] = Prepared(_posts, user_id=int, dossier_id=int)


def _fields(obj: Any) -> dict[str, Any]:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


@pytest.fixture
def dossier() -> Dossier:
    return submitted(build_world(), at=vn(2025, 3, 3, 9, 0))


def test_objects_with_their_joined_rows_as_the_queryset_builds_them(dossier):
    expected = next(iter(_dossier_by_code(dossier.code)))
    BY_CODE.first(code=dossier.code)  # compiled on this connection
    with CaptureQueriesContext(connection) as queries:
        found = BY_CODE.first(code=dossier.code)
        # The joined rows came with it: reading them asks nothing more.
        version_name = found.procedure_version.procedure.name
        agency = found.receiving_agency.code
    assert len(queries) == 1
    assert _fields(found) == _fields(expected)  # datetimes, JSON and decimals converted alike
    assert version_name == expected.procedure_version.procedure.name
    assert agency == expected.receiving_agency.code
    assert found.assignee is None
    assert found._state.adding is False
    assert found._state.db == "default"


def _prepared_on_server() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.postgres  # SQLite has no statements prepared on a server
def test_on_postgresql_the_statement_is_prepared_on_the_server_and_logged_with_its_value(dossier):
    with CaptureQueriesContext(connection) as queries:
        assert BY_CODE.first(code=dossier.code).pk == dossier.pk
    assert any('"dossiers_dossier"."code" = $1' in statement for statement in _prepared_on_server())
    # The query log (tests, debugging) shows the statement as Django's own cursors show it.
    assert f'"dossiers_dossier"."code" = \'{dossier.code}\'' in queries[0]["sql"]


@pytest.mark.postgres
def test_with_preparing_off_nothing_is_prepared_on_the_server(dossier):
    before = _prepared_on_server()
    read = Prepared(_dossier_by_code, code=str)
    with override_settings(MOTCUA_DATABASE_PREPARE=False):
        assert read.first(code=dossier.code).pk == dossier.pk
    assert _prepared_on_server() == before


def test_value_tuples_with_an_annotation(dossier):
    specialist = StaffRole.objects.filter(agency=dossier.receiving_agency).first()
    assert specialist is not None
    expected = list(_posts(specialist.user_id, dossier.pk))
    assert expected
    assert all(row[3] for row in expected)
    assert POSTS.all(user_id=specialist.user_id, dossier_id=dossier.pk) == expected
    assert POSTS.all(user_id=specialist.user_id, dossier_id=dossier.pk + 1000) == list(
        _posts(specialist.user_id, dossier.pk + 1000)
    )


def test_nothing_found_is_an_empty_list(dossier):
    assert BY_CODE.all(code="KHONG-CO") == []
    assert BY_CODE.first(code="KHONG-CO") is None


@settings(max_examples=40, deadline=None)
@given(code=st.text(max_size=40))
def test_any_text_is_a_bound_value_never_sql(code):
    # Quotes, percent signs, backslashes, NULs: bound as a parameter, the answer is "none".
    if "\x00" in code and connection.vendor == "postgresql":
        code = code.replace("\x00", "")  # PostgreSQL's text cannot hold NUL at all
    assert BY_CODE.all(code=code) == list(_dossier_by_code(code))


def test_a_value_of_the_wrong_type_or_name_is_refused():
    with pytest.raises(TypeError):
        BY_CODE.all(code=12)
    with pytest.raises(TypeError):
        BY_CODE.all(ma="H99")


def test_a_read_whose_values_django_rewrites_is_refused():
    # A LIKE pattern carries the value escaped and wrapped: not a fixed shape.
    starting = Prepared(lambda name: Unit.objects.filter(name__startswith=name), name=str)
    with pytest.raises(ValueError, match="rewrote"):
        starting.all(name="Phòng")
    prefetching = Prepared(lambda code: Unit.objects.prefetch_related("agency").filter(code=code), code=str)
    with pytest.raises(ValueError, match="plain queryset"):
        prefetching.all(code="VP")


@pytest.mark.django_db(transaction=True)
def test_a_locking_read_keeps_djangos_rule_on_every_run():
    locked = Prepared(lambda code: Unit.objects.select_for_update().filter(code=code), code=str)
    with transaction.atomic():
        assert locked.all(code="VP") == []  # compiled inside a transaction
    if connection.features.has_select_for_update:
        with pytest.raises(TransactionManagementError):
            locked.all(code="VP")
    else:  # SQLite locks the whole database instead: Django lets it run anywhere
        assert locked.all(code="VP") == []


def test_a_moment_and_a_padded_in_list(dossier):
    def build(since: datetime, first: int, second: int) -> Any:
        return Dossier.objects.filter(submitted_at__gte=since, pk__in=[first, second]).values("pk", "code")

    read = Prepared(build, since=datetime, first=int, second=int)
    first, second = padded([dossier.pk], 2)
    at = dossier.submitted_at
    assert read.all(since=at, first=first, second=second) == [{"pk": dossier.pk, "code": dossier.code}]
    # The moment is compared as Django compares it (SQLite: UTC text, to the microsecond).
    assert read.all(since=at + timedelta(microseconds=1), first=first, second=second) == []
    assert read.all(since=at.astimezone(VN_TZ), first=first, second=second) != []
    with pytest.raises(ValueError, match="IN list"):
        padded([], 2)
    with pytest.raises(ValueError, match="IN list"):
        padded([1, 2, 3], 2)


def test_a_small_integer_column_and_a_constant_equal_to_a_marker(dossier):
    # `position` is a small integer; 20 000 is what the first value's marker is: still a constant.
    def build(version_id: int, after: int) -> Any:
        return (
            WorkflowStep.objects.filter(version_id=version_id, position__gt=after)
            .exclude(position=20_000)
            .order_by("position")
            .values_list("position", flat=True)
        )

    read = Prepared(build, version_id=int, after=int)
    version_id = dossier.procedure_version_id
    assert read.all(version_id=version_id, after=1) == list(build(version_id, 1))
    assert read.all(version_id=version_id, after=1) == [2, 3, 4]


def test_an_in_list_of_ids_padded_to_its_length(dossier):
    def build(pks: list[int]) -> Any:
        return Dossier.objects.filter(pk__in=pks).values_list("code", flat=True)

    assert with_ids(("test ids",), build, [dossier.pk], 3) == [dossier.code]
    assert with_ids(("test ids",), build, [dossier.pk + 1, dossier.pk], 3) == [dossier.code]
    assert with_ids(("test ids",), build, [], 3) == []
