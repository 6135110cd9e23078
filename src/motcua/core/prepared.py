"""Querysets of a fixed shape, compiled once per database connection and then only executed.

Building and compiling a queryset costs Django more CPU than the database takes to answer a read by
a unique key: a dossier with its five joined rows is about 150 columns to resolve, alias and quote
on every request, for a statement PostgreSQL answers in 0.05 ms. A `Prepared` read builds its
queryset once per connection, with a marker in place of each value; keeps the SQL, the places its
markers went among the parameters, and Django's own recipe for turning rows into objects (the
compiler's columns, converters and related populators); and from then on executes that SQL with the
values it is given and builds the same objects the queryset would have.

A read whose shape depends on its arguments (which filters, which direction, a page's size) is one
prepared read per shape: `shaped()` keeps them by a key the caller gives. An `IN` list becomes a
fixed shape by padding it to a fixed length with one of its own values (`padded()`; `with_ids()`
does both for a read whose only values are the ids of its `IN`).

What a prepared read may not hold, because its SQL would then depend on more than its values: a
lookup that reads the active time zone (`__date`, `__year`...), `prefetch_related`, or a value
that Django rewrites before binding, such as a LIKE pattern (a marker not found whole among the
parameters is refused when the read is first compiled). `select_for_update` is kept, with Django's
rule that it runs inside a transaction checked on every run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from itertools import count
from types import SimpleNamespace
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import (  # type: ignore[attr-defined]
    FlatValuesListIterable,
    ModelIterable,
    QuerySet,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.db.transaction import TransactionManagementError

T = TypeVar("T")

# The querysets a prepared read can be: objects, `values()`, `values_list()`, `values_list(flat=True)`.
_ITERABLES = {
    ModelIterable: "objects",
    ValuesIterable: "dicts",
    ValuesListIterable: "tuples",
    FlatValuesListIterable: "flat",
}

_serial = count(1)


def _marker(kind: type, position: int, variant: int) -> Any:
    """A value that survives Django's preparation as itself (or as the database's form of it).

    Each read is compiled twice, with two variants of every marker: a parameter that differs between
    the two is a value's place; one that does not is a constant of the query, even if it happens to
    equal a marker.
    """
    if kind is str:
        return f"\x1fmotcua-prepared-{position}-{variant}\x1f"
    if kind is int:
        # Within every integer column's range (a small integer's too): Django refuses a lookup
        # beyond the column's range.
        return 20_000 + 2 * position + variant
    if kind is datetime:
        return datetime(2199, 12, 30 + variant, 23, 59, 58, position, tzinfo=UTC)
    raise TypeError(f"a prepared read takes str, int or datetime values, not {kind.__name__}")


@dataclass(frozen=True)
class _Slot:
    """Parameter `index` takes the value called `name`, through `adapt` as Django would have."""

    index: int
    name: str
    adapt: Callable[[Any], Any] | None = None


class _Plan:
    """One connection's compiled statement and its recipe for rows."""

    def __init__(
        self,
        queryset: QuerySet[Any],
        markers: dict[str, Any],
        other: tuple[str, list[Any]],
        alias: str,
    ) -> None:
        unsupported = (
            queryset._prefetch_related_lookups  # type: ignore[attr-defined]
            or queryset._known_related_objects  # type: ignore[attr-defined]
            or queryset._iterable_class not in _ITERABLES
        )
        if unsupported:
            raise ValueError("a prepared read is a plain queryset of objects or of values")
        self.alias = alias
        self.compiler = queryset.query.get_compiler(using=alias)
        features = self.compiler.connection.features
        self.locks = queryset.query.select_for_update and features.has_select_for_update
        try:
            self.sql, params = self.compiler.as_sql()
        except EmptyResultSet as exc:
            raise ValueError("a prepared value is outside its column's range") from exc
        self.params = list(params)
        other_sql, other_params = other
        if other_sql != self.sql or len(other_params) != len(self.params):
            raise ValueError("the prepared read's shape depends on its values")
        self.slots = self._slots(markers, other_params)
        select = self.compiler.select
        columns = [s[0] for s in select[0 : self.compiler.col_count]]
        if self.compiler.has_composite_fields(columns):
            raise ValueError("a prepared read does not take composite keys")
        self.converters = self.compiler.get_converters(columns)
        self.shape = _ITERABLES[queryset._iterable_class]
        query = queryset.query
        self.names = list(
            query.selected or [*query.extra_select, *query.values_select, *query.annotation_select]
        )
        if self.shape == "objects":
            klass_info = self.compiler.klass_info
            self.model = klass_info["model"]
            fields = klass_info["select_fields"]
            self.start, self.end = fields[0], fields[-1] + 1
            self.init_list = [f[0].target.attname for f in select[self.start : self.end]]
            self.populators = get_related_populators(klass_info, select, alias)
            self.annotations = tuple(self.compiler.annotation_col_map.items())

    def _slots(self, markers: dict[str, Any], other_params: list[Any]) -> tuple[_Slot, ...]:
        # Only whole parameters: a value inside a LIKE pattern would need Django's escaping again.
        slots = []
        # A datetime column's value is bound in the database's form (SQLite: UTC text).
        as_datetime = self.compiler.connection.ops.adapt_datetimefield_value
        for index, (param, other) in enumerate(zip(self.params, other_params, strict=True)):
            if param == other:
                continue  # a constant of the query
            for name, marker in markers.items():
                if isinstance(marker, datetime):
                    if param == marker or param == as_datetime(marker):
                        slots.append(_Slot(index, name, as_datetime))
                elif param == marker and isinstance(param, type(marker)):
                    # PostgreSQL's small integers come wrapped (psycopg's Int2): wrapped again.
                    slots.append(_Slot(index, name, None if type(param) is type(marker) else type(param)))
        missing = set(markers) - {slot.name for slot in slots}
        if missing or len(slots) != sum(1 for p, o in zip(self.params, other_params, strict=True) if p != o):
            raise ValueError(f"Django rewrote the prepared values {sorted(missing)}: not a fixed shape")
        return tuple(slots)

    def bind(self, values: dict[str, Any]) -> list[Any]:
        params = list(self.params)
        for slot in self.slots:
            value = values[slot.name]
            params[slot.index] = slot.adapt(value) if slot.adapt is not None else value
        return params

    def check_transaction(self) -> None:
        if self.locks and self.compiler.connection.get_autocommit():
            # Django's own rule for select_for_update, which compiling checked only the first time.
            raise TransactionManagementError("select_for_update cannot be used outside of a transaction.")

    def rows(self, values: dict[str, Any]) -> Iterable[Any]:
        self.check_transaction()
        with _cursor(self.compiler.connection) as cursor:
            cursor.execute(self.sql, self.bind(values))
            return self.converted(cursor.fetchall())

    def converted(self, rows: Iterable[Any]) -> Iterable[Any]:
        if self.converters:
            return self.compiler.apply_converters(rows, self.converters)
        return rows

    def build(self, row: Any) -> Any:
        obj = self.model.from_db(self.alias, self.init_list, row[self.start : self.end])
        for populator in self.populators:
            populator.populate(row, obj)
        for name, position in self.annotations:
            setattr(obj, name, row[position])
        return obj


def _cursor(connection: Any) -> Any:
    """A cursor for a prepared read: on PostgreSQL, one that binds its values on the server.

    Django's cursors bind values into the SQL text on the client (psycopg's ClientCursor), so the
    server parses and plans every statement anew: about 1 ms for the dossier with its five joined
    rows, several times what running it takes. Bound on the server, each statement is prepared there
    the first time a connection runs it and from then on only executed. The cursor is wrapped as
    Django wraps its own (query log, execute wrappers, errors).
    """
    if not (connection.vendor == "postgresql" and settings.MOTCUA_DATABASE_PREPARE):
        return connection.cursor()
    connection.ensure_connection()
    if connection.connection.prepare_threshold is None:
        # Django turns psycopg's preparing off, for poolers (see MOTCUA_DATABASE_PREPARE); Django's
        # own cursors bind on the client and are never prepared whatever this says. Nothing is
        # prepared yet on this connection, so its bookkeeping can be swapped for ours.
        connection.connection._prepared = _kept_across_rollbacks()
        connection.connection.prepare_threshold = 0
    with connection.wrap_database_errors:
        cursor = _server_cursor_class()(connection.connection)
        cursor.logged_by = connection if connection.queries_logged else None
        return connection._prepare_cursor(cursor)


def _kept_across_rollbacks() -> Any:
    """psycopg's record of what a connection prepared, not forgotten at each rollback.

    psycopg deallocates every prepared statement at any ROLLBACK, savepoints' included, in case the
    transaction had dropped or changed what a statement reads. PostgreSQL itself keeps prepared
    statements across rollbacks, and motcua changes its schema only in migrations, which never run
    on a connection serving requests. Forgetting them cost every refused action (its transaction
    rolls back) a re-preparing and some re-planning of each read of the next requests on that
    connection: the dossier with its joined rows is 1.5-2 ms to plan. DROP, ALTER, DISCARD ALL and
    DEALLOCATE ALL still clear the record, as psycopg does.
    """
    from psycopg import pq
    from psycopg._preparing import Prepare, PrepareManager

    # psycopg's list of the commands after which it clears, less ROLLBACK.
    clears = re.compile(rb"^(?:DROP|ALTER|DISCARD ALL|DEALLOCATE ALL)\b").match

    class KeptAcrossRollbacks(PrepareManager):
        def _should_discard(self, prep: Prepare, results: Any, *_: Any) -> bool:
            if self._names or prep == Prepare.SHOULD:
                for result in results:
                    status = result.command_status
                    if result.status == pq.ExecStatus.COMMAND_OK and status and clears(status):
                        return PrepareManager.clear(self)
            return False

        def clear(self) -> bool:
            # Called by psycopg's `rollback()` alone (the check above calls psycopg's own).
            return False

    return KeptAcrossRollbacks()


@cache
def _server_cursor_class() -> type:
    from django.db.backends.postgresql.base import ServerBindingCursor  # type: ignore[attr-defined]

    class ServerPreparedCursor(ServerBindingCursor):  # type: ignore[misc, valid-type]
        """Django's server-binding cursor that shows its statement, values in place, in the query
        log: Django reads it from `_query`, which psycopg keeps only for client-side binding."""

        logged_by: Any = None

        def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
            try:
                return super().execute(query, params, **kwargs)
            finally:
                if self.logged_by is not None:
                    logged = self.logged_by.ops.compose_sql(query, params)
                    self._query = SimpleNamespace(query=logged.encode())

    return ServerPreparedCursor


class Prepared(Generic[T]):
    """A read whose queryset `build(**markers)` has the same shape whatever the values.

    `values` names each value and its type (str, int or datetime): `Prepared(lambda code:
    Dossier.objects.filter(code=code)[:1], code=str).all(code="H99...")`. Results are what the
    queryset would give: model instances with their `select_related` rows and annotations, or the
    dicts, tuples or values of `values()` and `values_list()`.
    """

    def __init__(self, build: Callable[..., QuerySet[Any]], *, using: str = DEFAULT_DB_ALIAS, **values: Any):
        self.build = build
        self.using = using
        self.kinds = values
        self.markers = {name: _marker(kind, i, 0) for i, (name, kind) in enumerate(values.items())}
        self.other_markers = {name: _marker(kind, i, 1) for i, (name, kind) in enumerate(values.items())}
        self.key = f"_motcua_prepared_{next(_serial)}"

    def _plan(self) -> _Plan:
        # Each thread has its own connection object: the plan lives on it, with no lock.
        connection = connections[self.using]
        plan: _Plan | None = connection.__dict__.get(self.key)
        if plan is None:
            other = self.build(**self.other_markers).query.get_compiler(using=self.using)
            try:
                other_sql, other_params = other.as_sql()
            except EmptyResultSet as exc:
                raise ValueError("a prepared value is outside its column's range") from exc
            plan = _Plan(
                self.build(**self.markers), self.markers, (other_sql, list(other_params)), self.using
            )
            connection.__dict__[self.key] = plan
        return plan

    def _checked_plan(self, values: dict[str, Any]) -> _Plan:
        if values.keys() != self.kinds.keys():
            raise TypeError(f"a prepared read takes {sorted(self.kinds)}, not {sorted(values)}")
        for name, value in values.items():
            # SQLite compares a text column with an integer as unequal: the type is part of the shape.
            if not isinstance(value, self.kinds[name]):
                raise TypeError(f"{name} must be {self.kinds[name].__name__}, not {type(value).__name__}")
        return self._plan()

    def all(self, **values: Any) -> list[T]:
        plan = self._checked_plan(values)
        return self._results(plan, plan.rows(values))

    def _results(self, plan: _Plan, rows: Iterable[Any]) -> list[T]:
        if plan.shape == "objects":
            return [plan.build(row) for row in rows]
        if plan.shape == "flat":
            return [row[0] for row in rows]
        if plan.shape == "dicts":
            names = plan.names
            return [dict(zip(names, row, strict=False)) for row in rows]  # type: ignore[misc]
        return [tuple(row) for row in rows]  # type: ignore[misc]

    def first(self, **values: Any) -> T | None:
        found = self.all(**values)
        return found[0] if found else None


def all_together(*reads: tuple[Prepared[Any], dict[str, Any]]) -> list[list[Any]]:
    """`read.all(**values)` of each `(read, values)`, in order, sent in one round trip where the
    database can take them so.

    On PostgreSQL with reads prepared on the server, the statements go out together in psycopg's
    pipeline mode and their answers come back together: a page that needs four small reads waits
    for the database once, not four times, and both sides make one exchange of messages instead of
    four. Elsewhere the reads run one after another. The reads, their rows and the objects built
    from them are each read's own; an error in one is raised as it would be alone, and the reads
    after it in the pipeline are not run.
    """
    if not reads:
        return []
    aliases = {read.using for read, _ in reads}
    if len(aliases) != 1:
        raise ValueError("reads sent together go to one database")
    connection = connections[aliases.pop()]
    plans = [read._checked_plan(values) for read, values in reads]
    if not _pipelined(connection) or len(reads) == 1:
        return [
            read._results(plan, plan.rows(values)) for (read, values), plan in zip(reads, plans, strict=True)
        ]
    for plan in plans:
        plan.check_transaction()
    with ExitStack() as cursors:
        opened = [cursors.enter_context(_cursor(connection)) for _ in plans]
        # The pipeline's end sends them and reads every answer: one round trip.
        with connection.wrap_database_errors, connection.connection.pipeline():
            for cursor, plan, (_read, values) in zip(opened, plans, reads, strict=True):
                cursor.execute(plan.sql, plan.bind(values))
        fetched = [cursor.fetchall() for cursor in opened]
    return [
        read._results(plan, plan.converted(rows))
        for (read, _values), plan, rows in zip(reads, plans, fetched, strict=True)
    ]


def _pipelined(connection: Any) -> bool:
    """Whether reads on `connection` go out in psycopg's pipeline mode: only those prepared on the
    server (`_cursor`), with a libpq that has it (14 and later)."""
    if not (connection.vendor == "postgresql" and settings.MOTCUA_DATABASE_PREPARE):
        return False
    from psycopg import Pipeline

    return bool(Pipeline.is_supported())


# At most this many shapes are kept; a caller that makes more (a bug) gets correct, unprepared speed.
MAX_SHAPES = 1024
_SHAPES: dict[Hashable, Prepared[Any]] = {}


def shaped(key: Hashable, build: Callable[..., QuerySet[Any]], **values: type) -> Prepared[Any]:
    """The prepared read kept under `key`, made from `build` the first time: one per shape of a read
    whose shape depends on its arguments. `key` must say everything about the shape, and start
    with a name unique to the caller (`("dossier list", "own", filters, size)`)."""
    found = _SHAPES.get(key)
    if found is None:
        found = Prepared(build, **values)  # type: ignore[arg-type]
        if len(_SHAPES) < MAX_SHAPES:
            _SHAPES[key] = found
    return found


def padded(values: list[int], length: int) -> list[int]:
    """`values` (at least one, at most `length`) repeated at the end to `length` items: the same
    rows for an `IN`, in a statement of one shape."""
    if not values or len(values) > length:
        raise ValueError(f"an IN list of 1 to {length} values, not {len(values)}")
    return values + [values[-1]] * (length - len(values))


def with_ids(
    key: tuple[Hashable, ...], build: Callable[[list[int]], QuerySet[Any]], ids: list[int], length: int
) -> list[Any]:
    """What `build(ids)` gives, for a queryset whose only values are the ids of an `IN`: one prepared
    read per `length` (`key` says the rest of the shape), `ids` padded to it (`padded`)."""
    if not ids:
        return []
    slots = [f"id{i}" for i in range(length)]
    read = shaped(
        (*key, length),
        lambda **values: build([values[slot] for slot in slots]),
        **dict.fromkeys(slots, int),
    )
    return read.all(**dict(zip(slots, padded(ids, length), strict=True)))
