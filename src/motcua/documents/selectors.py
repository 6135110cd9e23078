"""Reads of the clerk's registers: each register is its columns (Decree 30/2020 App. IV) and its rows.

One declaration per register (`REGISTERS`): the page, the PDF and the xlsx are all made from it.
Each list is one query (joins, no per-row reads), capped at `limit` rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Q, QuerySet

from motcua.core.text import fold
from motcua.core.time import local, now

from .models import ArchiveCopyUse, IncomingDocument, OutgoingDocument, OutgoingPost


def _d(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return local(value).strftime("%d/%m/%Y")
    return value.strftime("%d/%m/%Y")


class Linked(str):
    """A cell's text that also names the outgoing document it belongs to, so that the register's page can
    link it to the document's page while the exports print it as plain text."""

    pk: int

    def __new__(cls, text: str, pk: int) -> Linked:
        cell = super().__new__(cls, text)
        cell.pk = pk
        return cell


@dataclass(frozen=True)
class RegisterSpec:
    slug: str
    title: str
    columns: tuple[str, ...]
    rows: Callable[[int, int, str, int], list[tuple[Any, ...]]]


def outgoing_rows(agency_id: int, year: int, q: str, limit: int) -> list[tuple[Any, ...]]:
    qs: QuerySet[OutgoingDocument] = OutgoingDocument.objects.filter(
        register__agency_id=agency_id, register__year=year
    ).order_by("number")
    if q:
        qs = qs.filter(search_folded__contains=fold(q))
    return [
        (
            Linked(d.notation, d.pk),
            _d(d.issued_on),
            f"{d.type_name}: {d.subject}",
            d.signer_name,
            d.recipients,
            d.archive_holder,
            d.copies,
            "",
            "",
            "; ".join(x for x in (d.note, f"Đã thu hồi: {d.recall_reason}" if d.recalled_at else "") if x),
        )
        for d in qs[:limit]
    ]


def post_rows(agency_id: int, year: int, q: str, limit: int) -> list[tuple[Any, ...]]:
    qs = (
        OutgoingPost.objects.filter(document__register__agency_id=agency_id, sent_on__year=year)
        .select_related("document")
        .order_by("sent_on", "pk")
    )
    if q:
        qs = qs.filter(Q(recipient__icontains=q) | Q(document__search_folded__contains=fold(q)))
    return [
        (_d(p.sent_on), p.document.notation, p.recipient, p.envelopes, p.postmark, p.note) for p in qs[:limit]
    ]


def archive_rows(agency_id: int, year: int, q: str, limit: int) -> list[tuple[Any, ...]]:
    qs = (
        ArchiveCopyUse.objects.filter(document__register__agency_id=agency_id, used_on__year=year)
        .select_related("document")
        .order_by("used_on", "pk")
    )
    if q:
        qs = qs.filter(Q(user_name__icontains=q) | Q(document__search_folded__contains=fold(q)))
    return [
        (
            _d(u.used_on),
            u.user_name,
            f"{u.document.notation}, {_d(u.document.issued_on)}",
            f"{u.document.type_name}: {u.document.subject}",
            u.case_file,
            "",
            _d(u.returned_on),
            u.authorised_by,
            u.note,
        )
        for u in qs[:limit]
    ]


def incoming_queryset(agency_id: int, year: int, q: str) -> QuerySet[IncomingDocument]:
    qs = IncomingDocument.objects.filter(register__agency_id=agency_id, register__year=year).select_related(
        "presented_to", "lead_unit", "assignee"
    )
    if q:
        qs = qs.filter(search_folded__contains=fold(q))
    return qs.order_by("arrival_number")


def incoming_rows(agency_id: int, year: int, q: str, limit: int) -> list[tuple[Any, ...]]:
    return [
        (
            _d(d.arrived_at),
            d.arrival_number,
            d.author,
            d.notation,
            _d(d.document_date),
            f"{d.type_name}: {d.subject}",
            (d.lead_unit.name if d.lead_unit else "")
            or (d.presented_to.display_name if d.presented_to else ""),
            _d(d.presented_at),
            "",
            "; ".join(x for x in (d.get_channel_display(), "Khẩn" if d.urgent else "", d.note) if x),
        )
        for d in incoming_queryset(agency_id, year, q)[:limit]
    ]


def is_overdue(document: IncomingDocument, at: datetime | None = None) -> bool:
    """Past its handling deadline and not completed: the deadline is the moment the leader's working days
    run out on the agency's working calendar (`due_at`); an older record with only a day is due at its end."""
    if document.status == IncomingDocument.Status.COMPLETED:
        return False
    moment = at or now()
    if document.due_at is not None:
        return moment >= document.due_at
    return document.deadline is not None and document.deadline < local(moment).date()


def follow_up_rows(agency_id: int, year: int, q: str, limit: int) -> list[tuple[Any, ...]]:
    moment = now()
    qs = incoming_queryset(agency_id, year, q).exclude(deadline__isnull=True)
    return [
        (
            d.arrival_number,
            f"{d.type_name} {d.notation}, {_d(d.document_date)}, {d.author}",
            (d.assignee.display_name if d.assignee else "") or (d.lead_unit.name if d.lead_unit else ""),
            _d(d.deadline),
            d.get_status_display() + (" – QUÁ HẠN" if is_overdue(d, moment) else ""),
            d.reply_notation,
            d.progress.splitlines()[-1] if d.progress else "",
        )
        for d in qs[:limit]
    ]


REGISTERS: dict[str, RegisterSpec] = {
    spec.slug: spec
    for spec in (
        RegisterSpec(
            "van-ban-di",
            "Sổ đăng ký văn bản đi",
            (
                "Số, ký hiệu",
                "Ngày tháng",
                "Tên loại và trích yếu nội dung",
                "Người ký",
                "Nơi nhận",
                "Đơn vị, người nhận bản lưu",
                "Số lượng bản",
                "Ngày chuyển",
                "Ký nhận",
                "Ghi chú",
            ),
            outgoing_rows,
        ),
        RegisterSpec(
            "chuyen-phat",
            "Sổ chuyển giao văn bản đi qua bưu chính",
            (
                "Ngày chuyển",
                "Số, ký hiệu văn bản",
                "Nơi nhận",
                "Số lượng bì",
                "Ký nhận và dấu bưu điện",
                "Ghi chú",
            ),
            post_rows,
        ),
        RegisterSpec(
            "ban-luu",
            "Sổ sử dụng bản lưu",
            (
                "Ngày tháng",
                "Họ tên người sử dụng",
                "Số, ký hiệu, ngày văn bản",
                "Tên loại và trích yếu",
                "Số, ký hiệu hồ sơ",
                "Ký nhận",
                "Ngày trả",
                "Người duyệt",
                "Ghi chú",
            ),
            archive_rows,
        ),
        RegisterSpec(
            "van-ban-den",
            "Sổ đăng ký văn bản đến",
            (
                "Ngày đến",
                "Số đến",
                "Tác giả",
                "Số, ký hiệu",
                "Ngày tháng",
                "Tên loại và trích yếu nội dung",
                "Đơn vị hoặc người nhận",
                "Ngày chuyển",
                "Ký nhận",
                "Ghi chú",
            ),
            incoming_rows,
        ),
        RegisterSpec(
            "theo-doi",
            "Sổ theo dõi giải quyết văn bản đến",
            (
                "Số đến",
                "Tên loại, số, ký hiệu, ngày tháng, tác giả",
                "Người nhận",
                "Thời hạn giải quyết",
                "Tiến độ giải quyết",
                "Số, ký hiệu văn bản trả lời",
                "Ghi chú",
            ),
            follow_up_rows,
        ),
    )
}


def waiting_incoming(agency_ids: list[int]) -> QuerySet[IncomingDocument]:
    """Incoming documents not yet completed, the urgent and earliest due first."""
    return (
        IncomingDocument.objects.filter(register__agency_id__in=agency_ids)
        .exclude(status=IncomingDocument.Status.COMPLETED)
        .select_related("register__agency", "lead_unit", "assignee", "presented_to")
        .order_by("-urgent", "present_due_at")
    )


def issuing_agencies(user: Any) -> list[int]:
    """The agencies whose approved results the user numbers and issues (the table's ISSUE_RESULT):
    where they are a clerk, and where they lead an agency that has no active clerk."""
    from motcua.agencies.models import Role, StaffRole
    from motcua.dossiers.permissions import agency_has_clerk

    if not getattr(user, "is_authenticated", False):
        return []
    posts = set(StaffRole.objects.filter(user=user).values_list("agency_id", "role"))
    clerk = {a for a, r in posts if r == Role.CLERK}
    standing_in = {a for a, r in posts if r == Role.LEADER and a not in clerk and not agency_has_clerk(a)}
    return sorted(clerk | standing_in)


def results_to_issue(agency_ids: list[int]) -> QuerySet[Any]:
    """Approved dossiers at these agencies whose result has no number yet, the oldest due first.

    A list to work from; each dossier's page asks the table whether this user may issue it.
    """
    from django.db.models import Exists, OuterRef

    from motcua.dossiers.models import Dossier, ResultDocument
    from motcua.dossiers.states import State

    numbered = ResultDocument.objects.filter(dossier=OuterRef("pk")).exclude(notation="")
    return (
        Dossier.objects.filter(state=State.RESOLVED, current_agency_id__in=agency_ids)
        .exclude(Exists(numbered))
        .select_related("procedure_version__procedure", "current_agency")
        .order_by("due_at", "pk")
    )


def possible_signers(agency_id: int) -> list[Any]:
    """Who may sign the agency's results: holders of a personal signing rule, else its leaders."""
    from motcua.accounts.models import User
    from motcua.agencies.models import Role
    from motcua.signatures.models import SigningRule

    with_rule = User.objects.filter(
        is_active=True,
        signing_rules__agency_id=agency_id,
        signing_rules__kind=SigningRule.Kind.PERSONAL,
        signing_rules__is_active=True,
    )
    found = list(with_rule.distinct().order_by("full_name", "pk"))
    if found:
        return found
    leaders = User.objects.filter(
        is_active=True, staff_roles__agency_id=agency_id, staff_roles__role=Role.LEADER
    )
    return list(leaders.distinct().order_by("full_name", "pk"))
