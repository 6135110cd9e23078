"""Reading dossiers: who may see which, by code or tracking secret, their history and result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet
from django.db.models.lookups import In
from django.utils.translation import gettext

from motcua.agencies.selectors import staff_agency_ids
from motcua.core.errors import NotFound
from motcua.core.prepared import Prepared, all_together

from .. import clock
from ..codes import secrets_match
from ..deadlines import calendar_of, terms_for
from ..models import Attachment, Dossier, DossierEvent, DossierHolder, ResultDocument
from ..permissions import (
    POSTS_ON_ROWS,
    WORKFLOW_ROWS,
    Post,
    Step,
    can_view,
    posts_from,
    posts_on,
    reads,
    steps_of,
)
from ..states import State

Kind = DossierEvent.Kind


# What the applicant sees of the history: not internal hand-overs and assignments.
APPLICANT_VISIBLE_EVENTS = frozenset(
    {
        Kind.SUBMITTED,
        Kind.RECEIVED,
        Kind.REFUSED,
        Kind.SUPPLEMENT_REQUESTED,
        Kind.SUPPLEMENTED,
        Kind.FINANCIAL_OBLIGATION_REQUESTED,
        Kind.FINANCIAL_OBLIGATION_FULFILLED,
        Kind.RESOLVED,
        Kind.RETURNED,
        Kind.WITHDRAWAL_REQUESTED,
        Kind.WITHDRAWAL_REJECTED,
        Kind.OWNER_LINKED,
        Kind.FEE_PAID,
        Kind.EXEMPTION_CONFIRMED,
        Kind.EXEMPTION_REJECTED,
        Kind.STOPPED,
        Kind.APOLOGISED,
    }
)


def _base() -> QuerySet[Dossier]:
    return Dossier.objects.select_related(
        "procedure_version__procedure", "receiving_agency", "current_agency", "current_unit", "assignee"
    )


class _InArray(In):
    """`pk IN (sub-query)`, written `pk = ANY(ARRAY(sub-query))` on PostgreSQL.

    Under an OR, PostgreSQL answers `IN (sub-query)` by testing every row of the table against the
    sub-query's result; an array read once is looked up in the primary key instead, and that index
    scan combines with those of the other conditions (BitmapOr). Figures in `visible_dossiers`.
    """

    def get_rhs_op(self, connection: Any, rhs: str) -> str:
        if connection.vendor == "postgresql" and not self.rhs_is_direct_value():
            return f"= ANY(ARRAY{rhs})"
        return super().get_rhs_op(connection, rhs)


def visible_dossiers(user: Any) -> QuerySet[Dossier]:
    """Dossiers the user may read: their own, and those an agency where they are staff holds or held.

    One query, each condition answered by an index. The receiving and current agencies are holders
    too, but their own columns find those dossiers cheaply; `DossierHolder` adds the ones handed on.
    Measured on PostgreSQL 15 with a million dossiers, for an agency that holds or held 47 000 of
    them: a page and its count take about 1.5 times what the query without former holders took (on
    40 000 rows); `pk IN (sub-query)` under the OR, or a UNION of ids, took 3 to 5 times.
    """
    if not getattr(user, "is_authenticated", False):
        return Dossier.objects.none()
    agencies = staff_agency_ids(user)
    condition = Q(owner=user)
    if agencies:
        held = DossierHolder.objects.filter(agency_id__in=agencies).values("dossier_id")
        condition |= (
            Q(receiving_agency_id__in=agencies)
            | Q(current_agency_id__in=agencies)
            | Q(_InArray(F("pk"), held))
        )
    return _base().filter(condition).order_by("-submitted_at", "-id")


NOT_FOUND = "Không tìm thấy hồ sơ."


# `code` is unique: no ordering (a `first()` would add one over some 150 joined columns).
_BY_CODE: Prepared[Dossier] = Prepared(lambda code: _base().filter(code=code)[:1], code=str)


def _by_code(code: str) -> Dossier | None:
    """The dossier with `code`, its joined rows with it: every action of every door reads it this
    way, so the statement is prepared (compiling it was most of the read's CPU)."""
    return _BY_CODE.first(code=str(code))


def dossier_for(user: Any, code: str) -> Dossier:
    """The dossier with `code` if the user may read it; otherwise NotFound, never a hint it exists."""
    dossier = _by_code(code)
    if dossier is None or not can_view(user, dossier):
        raise NotFound(NOT_FOUND)
    return dossier


@dataclass(frozen=True)
class Reading:
    """A dossier read by code with what its page needs about the reader, each read once."""

    dossier: Dossier
    posts: tuple[Post, ...]  # the reader's staff posts, each saying whether its agency holds it
    staff: bool  # reads as staff (everything), not as the applicant
    user_id: int | None = None

    @property
    def allowed(self) -> bool:
        return self.staff or (self.dossier.owner_id is not None and self.dossier.owner_id == self.user_id)


def reading_for(user: Any, code: str) -> Reading:
    """`dossier_for` and the reader's posts on it in two queries (the row, the posts).

    The rule is `can_view`'s (the applicant, and staff of every agency that holds or held it), read
    from `posts_on`, which the allowed actions then reuse instead of asking again.
    """
    dossier = _by_code(code)
    if dossier is None:
        raise NotFound(NOT_FOUND)
    posts = posts_on(user, dossier)
    return _allowed(Reading(dossier, posts, reads(posts), _user_id(user)))


def _user_id(user: Any) -> int | None:
    return user.pk if getattr(user, "is_authenticated", False) else None


def _allowed(reading: Reading) -> Reading:
    if not reading.allowed:
        raise NotFound(NOT_FOUND)
    return reading


def dossiers_for(user: Any, codes: list[str]) -> dict[str, Dossier]:
    """Those of `codes` the user may read, by code, in one query; the others are simply absent."""
    return {d.code: d for d in visible_dossiers(user).filter(code__in=codes).order_by()}


def dossier_by_secret(code: str, secret: str) -> Dossier:
    """Anonymous tracking: the code and the lookup secret printed on the receipt."""
    dossier = _by_code(code)
    if dossier is None or not secrets_match(secret, dossier.lookup_secret):
        raise NotFound(gettext("Mã hồ sơ hoặc mã tra cứu không đúng."))
    return dossier


def event_label(event: DossierEvent) -> str:
    """What the history calls an event: a send-back is a transfer in the data, not in words."""
    from ..actions import Action, action_label

    if event.kind == Kind.TRANSFERRED and (event.payload or {}).get("action") == DossierEvent.SENT_BACK:
        return str(action_label(Action.SEND_BACK))
    if event.kind == Kind.PEER_STATUS:
        payload = event.payload or {}
        return gettext("%(organ)s báo trạng thái %(code)s: %(label)s") % {
            "organ": payload.get("organ_name") or payload.get("organ_id", ""),
            "code": payload.get("code", ""),
            "label": payload.get("label", ""),
        }
    return kind_label(event.kind)


def kind_label(kind: str) -> str:
    """An event kind's words; a kind no longer known, as stored.

    Not `get_kind_display()`: that builds a dict of every kind's label, each translated to be
    hashed, at every call (some 200 translations for one dossier page)."""
    try:
        return str(Kind(kind).label)
    except ValueError:
        return str(kind)


def _events_with_actor(dossier_id: int) -> QuerySet[DossierEvent]:
    return DossierEvent.objects.filter(dossier_id=dossier_id).select_related("actor").order_by("seq")


_HISTORY: Prepared[DossierEvent] = Prepared(_events_with_actor, dossier_id=int)
_APPLICANT_HISTORY: Prepared[DossierEvent] = Prepared(
    lambda dossier_id: _events_with_actor(dossier_id).filter(kind__in=sorted(APPLICANT_VISIBLE_EVENTS)),
    dossier_id=int,
)


def history(dossier: Dossier, *, applicant_view: bool) -> list[DossierEvent]:
    """The dossier's events in order, each with its `label` for the history."""
    rows = (_APPLICANT_HISTORY if applicant_view else _HISTORY).all(dossier_id=dossier.pk)
    for event in rows:
        event.label = event_label(event)  # type: ignore[attr-defined]
    return rows


# What the API's detail reads of each event: its history's columns and the send-back rule's.
DETAIL_EVENT_FIELDS = (
    "seq",
    "kind",
    "at",
    "actor_id",
    "actor_name",
    "from_state",
    "to_state",
    "note",
    "payload",
)


_DETAIL_EVENTS: Prepared[DossierEvent] = Prepared(
    lambda dossier_id: (
        DossierEvent.objects.filter(dossier_id=dossier_id).order_by("seq").only(*DETAIL_EVENT_FIELDS)
    ),
    dossier_id=int,
)


def detail_events(dossier: Dossier) -> list[DossierEvent]:
    """The dossier's whole history in order, read once for both the answer and the allowed actions.

    The actor's account is not joined: the answer shows the name recorded on the event.
    """
    return _DETAIL_EVENTS.all(dossier_id=dossier.pk)


def applicant_events(events: list[DossierEvent]) -> list[DossierEvent]:
    """Of a whole history, what the applicant sees (as `history(..., applicant_view=True)`)."""
    return [event for event in events if event.kind in APPLICANT_VISIBLE_EVENTS]


_ATTACHMENT_ROWS: dict[tuple[str, ...], Prepared[tuple[Any, ...]]] = {}


def _attachment_read(columns: tuple[str, ...]) -> Prepared[tuple[Any, ...]]:
    read = _ATTACHMENT_ROWS.get(columns)
    if read is None:
        read = Prepared(
            lambda dossier_id: (
                Attachment.objects.filter(dossier_id=dossier_id).order_by("id").values_list(*columns)
            ),
            dossier_id=int,
        )
        _ATTACHMENT_ROWS[columns] = read
    return read


def attachment_rows(dossier: Dossier, columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """The dossier's attachments in the order they came, as tuples of `columns`."""
    return _attachment_read(columns).all(dossier_id=dossier.pk)


def replayed(dossier: Dossier) -> clock.Snapshot:
    """Recompute the snapshot from the stored events, for audits and tests."""

    events = [
        clock.Event(e.kind, e.at, e.to_state, e.payload)
        for e in DossierEvent.objects.filter(dossier=dossier).order_by("seq")
    ]
    return clock.replay(events, terms_for(dossier.procedure_version), calendar_of(dossier))


def latest_result(dossier: Dossier) -> ResultDocument | None:
    return ResultDocument.objects.filter(dossier=dossier).order_by("-id").first()


_RESULTS: Prepared[ResultDocument] = Prepared(
    lambda dossier_id: ResultDocument.objects.filter(dossier_id=dossier_id).order_by("-id"), dossier_id=int
)


def results_newest_first(dossier: Dossier) -> list[ResultDocument]:
    """Every version of the dossier's result, the latest first (what the allowed actions take)."""
    return _RESULTS.all(dossier_id=dossier.pk)


@dataclass(frozen=True)
class WholeDossier:
    """What a dossier's whole view reads besides its row: each as its own selector gives it."""

    results: list[ResultDocument]  # `results_newest_first`
    events: list[DossierEvent]  # `detail_events`
    attachments: list[tuple[Any, ...]]  # `attachment_rows`
    steps: list[Step]  # `permissions.workflow_of`: the allowed actions' rules read it


def whole_dossier(dossier: Dossier, attachment_columns: tuple[str, ...]) -> WholeDossier:
    """The four reads of a dossier's whole view, sent to the database together (one round trip on
    PostgreSQL: `core.prepared.all_together`)."""
    return _whole(all_together(*_whole_reads(dossier, attachment_columns)))


def whole_reading_for(
    user: Any, code: str, attachment_columns: tuple[str, ...]
) -> tuple[Reading, WholeDossier]:
    """`reading_for` and `whole_dossier` in two round trips: the dossier's row, then the reader's
    posts on it with the four reads of its whole view. What the reader may not see is read and
    dropped: NotFound as from `reading_for`."""
    dossier = _by_code(code)
    if dossier is None:
        raise NotFound(NOT_FOUND)
    user_id = _user_id(user)
    wanted = _whole_reads(dossier, attachment_columns)
    if user_id is not None:
        wanted.append((POSTS_ON_ROWS, {"user_id": user_id, "dossier_id": dossier.pk}))
    found = all_together(*wanted)
    posts = posts_from(dossier, found[4]) if user_id is not None else ()
    return _allowed(Reading(dossier, posts, reads(posts), user_id)), _whole(found)


def _whole_reads(
    dossier: Dossier, attachment_columns: tuple[str, ...]
) -> list[tuple[Prepared[Any], dict[str, Any]]]:
    return [
        (_RESULTS, {"dossier_id": dossier.pk}),
        (_DETAIL_EVENTS, {"dossier_id": dossier.pk}),
        (_attachment_read(attachment_columns), {"dossier_id": dossier.pk}),
        (WORKFLOW_ROWS, {"version_id": dossier.procedure_version_id}),
    ]


def _whole(found: list[list[Any]]) -> WholeDossier:
    return WholeDossier(found[0], found[1], found[2], steps_of(found[3]))


def applicant_may_download_result(dossier: Dossier) -> bool:
    """The applicant gets the result once it has been returned."""
    return dossier.state == State.RETURNED


def latest_event(dossier: Dossier, *kinds: str) -> DossierEvent | None:
    return DossierEvent.objects.filter(dossier=dossier, kind__in=kinds).order_by("-seq").first()
