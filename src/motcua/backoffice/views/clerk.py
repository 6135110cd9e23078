"""The clerk's pages (văn thư): the registers, registering an incoming document, its handling slip, and an
outgoing document's post, archive-copy use and recall."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from motcua.agencies.models import Agency, Role, StaffRole, Unit
from motcua.core.errors import DomainError
from motcua.core.time import local
from motcua.documents import exports
from motcua.documents.models import IncomingDocument, OutgoingDocument
from motcua.documents.permissions import clerk_agencies, is_clerk, may_read_registers
from motcua.documents.selectors import (
    REGISTERS,
    is_overdue,
    issuing_agencies,
    results_to_issue,
    waiting_incoming,
)
from motcua.documents.services import (
    assign_incoming,
    complete_incoming,
    decide_handling,
    present_incoming,
    recall_outgoing,
    record_archive_use,
    record_post,
    record_progress,
    register_incoming,
)
from motcua.web.files import file_response

from ..auth import staff_required
from .common import error_page, now, page

SCREEN_ROWS = 500
EXPORT_ROWS = 10000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _agency(request: HttpRequest) -> tuple[Agency | None, list[Agency]]:
    agencies = list(Agency.objects.filter(pk__in=clerk_agencies(request.user)).order_by("name"))
    wanted = request.GET.get("co-quan") or request.POST.get("co-quan")
    chosen = next((a for a in agencies if str(a.pk) == wanted), agencies[0] if agencies else None)
    return chosen, agencies


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        year = local(now()).year
    return min(max(year, 2000), 2100)


@staff_required
@require_http_methods(["GET"])
def register(request: HttpRequest, slug: str) -> HttpResponse:
    """One of the registers (Decree 30/2020 App. IV) with search; ?xuat=pdf or ?xuat=xlsx exports it."""
    spec = REGISTERS.get(slug)
    if spec is None:
        raise Http404
    agency, agencies = _agency(request)
    if agency is None or not may_read_registers(request.user, agency.pk):
        return error_page(request, DomainError(_("Chỉ văn thư và lãnh đạo cơ quan mới xem được sổ văn bản.")))
    year = _year(request)
    q = request.GET.get("q", "").strip()[:100]
    export = request.GET.get("xuat", "")
    if export in ("pdf", "xlsx"):
        rows = spec.rows(agency.pk, year, q, EXPORT_ROWS)
        name = f"{slug}-{agency.code}-{year}.{export}"
        if export == "pdf":
            content = exports.pdf(spec.title, agency, year, spec.columns, rows)
            return file_response(content, filename=name, content_type="application/pdf")
        content = exports.xlsx(spec.title, agency.name, year, spec.columns, rows)
        return file_response(content, filename=name, content_type=XLSX)
    rows = spec.rows(agency.pk, year, q, SCREEN_ROWS + 1)
    return page(
        request,
        "backoffice/clerk/register.html",
        {
            "spec": spec,
            "registers": REGISTERS.values(),
            "agency": agency,
            "agencies": agencies,
            "year": year,
            "q": q,
            "rows": rows[:SCREEN_ROWS],
            "truncated": len(rows) > SCREEN_ROWS,
            "incoming_form": IncomingForm()
            if slug == "van-ban-den" and is_clerk(request.user, agency.pk)
            else None,
        },
    )


class IncomingForm(forms.Form):
    author = forms.CharField(label=gettext_lazy("Cơ quan ban hành (tác giả)"), max_length=200)
    notation = forms.CharField(label=gettext_lazy("Số, ký hiệu"), max_length=60)
    document_date = forms.DateField(
        label=gettext_lazy("Ngày văn bản (dd/mm/yyyy)"), input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )
    type_name = forms.CharField(label=gettext_lazy("Tên loại"), max_length=100, initial="Công văn")
    subject = forms.CharField(
        label=gettext_lazy("Trích yếu nội dung"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    urgent = forms.BooleanField(label=gettext_lazy("Văn bản khẩn (trình ngay)"), required=False)


@staff_required
@require_http_methods(["POST"])
def register_paper(request: HttpRequest) -> HttpResponse:
    """The clerk enters a paper document that arrived: its arrival number and "ĐẾN" stamp data."""
    agency, _agencies = _agency(request)
    form = IncomingForm(request.POST)
    if agency is None or not form.is_valid():
        return error_page(request, DomainError(_("Thông tin văn bản đến chưa đầy đủ hoặc không hợp lệ.")))
    try:
        document = register_incoming(
            actor=request.user, agency_id=agency.pk, channel="paper", **form.cleaned_data
        )
    except DomainError as exc:
        return error_page(request, exc)
    return redirect("backoffice:incoming", pk=document.pk)


def _visible(request: HttpRequest, pk: int) -> IncomingDocument:
    document = (
        IncomingDocument.objects.select_related(
            "register__agency", "lead_unit", "assignee", "presented_to", "decided_by"
        )
        .filter(pk=pk, register__agency_id__in=_reading_agencies(request.user))
        .first()
    )
    if document is None:
        raise Http404
    return document


def _reading_agencies(user: Any) -> list[int]:
    return list(
        StaffRole.objects.filter(user=user, role__in=(Role.CLERK, Role.LEADER, Role.SPECIALIST)).values_list(
            "agency_id", flat=True
        )
    )


@staff_required
@require_http_methods(["GET", "POST"])
def incoming(request: HttpRequest, pk: int) -> HttpResponse:
    """An incoming document: its "ĐẾN" stamp, presentation, the leader's handling slip, follow-up."""
    document = _visible(request, pk)
    agency = document.register.agency
    if request.method == "POST":
        step = request.POST.get("buoc", "")
        try:
            _act(request, document, step)
        except (DomainError, ValueError) as exc:
            message = exc.message if isinstance(exc, DomainError) else _("Dữ liệu không hợp lệ.")
            return error_page(request, DomainError(message))
        return redirect("backoffice:incoming", pk=document.pk)
    document.refresh_from_db()
    leaders = StaffRole.objects.filter(agency=agency, role=Role.LEADER).select_related("user", "unit")
    lead_staff = (
        StaffRole.objects.filter(agency=agency, unit_id=document.lead_unit_id).select_related("user")
        if document.lead_unit_id
        else []
    )
    return page(
        request,
        "backoffice/clerk/incoming.html",
        {
            "document": document,
            "agency": agency,
            "supporting": list(document.supporting_units.all()),
            "units": Unit.objects.filter(agency=agency).order_by("code"),
            "leaders": leaders,
            "lead_staff": lead_staff,
            "is_clerk": is_clerk(request.user, agency.pk),
            "is_leader": StaffRole.objects.filter(
                user_id=request.user.pk or 0, agency=agency, role=Role.LEADER
            ).exists(),
            "is_handler": document.assignee_id == request.user.pk,
            "overdue": is_overdue(document),
        },
    )


def _act(request: HttpRequest, document: IncomingDocument, step: str) -> None:
    post = request.POST
    if step == "trinh":
        present_incoming(document_id=document.pk, actor=request.user, leader_id=int(post["leader"]))
    elif step == "chi-dao":
        # The slip asks for working days; a day (yyyy-mm-dd) is still read from older forms and clients.
        deadline = date.fromisoformat(post["deadline"]) if post.get("deadline") else None
        working_days = int(post["working_days"]) if post.get("working_days") else None
        decide_handling(
            document_id=document.pk,
            actor=request.user,
            lead_unit_id=int(post["lead_unit"]),
            supporting_unit_ids=[int(u) for u in post.getlist("supporting_units")],
            deadline=deadline,
            working_days=working_days,
            instructions=post.get("instructions", ""),
        )
    elif step == "phan-cong":
        assign_incoming(document_id=document.pk, actor=request.user, assignee_id=int(post["assignee"]))
    elif step == "tien-do":
        record_progress(document_id=document.pk, actor=request.user, progress=post.get("progress", ""))
    elif step == "hoan-thanh":
        complete_incoming(
            document_id=document.pk, actor=request.user, reply_notation=post.get("reply_notation", "")
        )
    else:
        raise ValueError(step)


@staff_required
@require_http_methods(["GET"])
def desk(request: HttpRequest) -> HttpResponse:
    """The clerk's desk: approved results to number and issue; incoming documents waiting (to present,
    to direct, to follow up)."""
    agencies = clerk_agencies(request.user)
    documents = list(waiting_incoming(agencies)[:200])
    return page(
        request,
        "backoffice/clerk/desk.html",
        {
            "to_issue": list(results_to_issue(issuing_agencies(request.user))[:200]),
            "documents": documents,
            "registers": REGISTERS.values(),
            "overdue": {d.pk for d in documents if is_overdue(d)},
        },
    )


DAY_FIRST = ["%d/%m/%Y", "%Y-%m-%d"]


class PostForm(forms.Form):
    """A line of the register of outgoing post (Decree 30 App. IV)."""

    recipient = forms.CharField(label=gettext_lazy("Nơi nhận"), max_length=300)
    sent_on = forms.DateField(label=gettext_lazy("Ngày chuyển (dd/mm/yyyy)"), input_formats=DAY_FIRST)
    envelopes = forms.IntegerField(label=gettext_lazy("Số lượng bì"), min_value=1, max_value=1000, initial=1)
    postmark = forms.CharField(label=gettext_lazy("Ký nhận và dấu bưu điện"), max_length=200, required=False)
    note = forms.CharField(label=gettext_lazy("Ghi chú"), max_length=500, required=False)


class ArchiveUseForm(forms.Form):
    """A line of the register of archive-copy use (Decree 30 App. IV)."""

    user_name = forms.CharField(label=gettext_lazy("Họ tên người sử dụng"), max_length=200)
    used_on = forms.DateField(label=gettext_lazy("Ngày sử dụng (dd/mm/yyyy)"), input_formats=DAY_FIRST)
    case_file = forms.CharField(label=gettext_lazy("Số, ký hiệu hồ sơ"), max_length=100, required=False)
    authorised_by = forms.CharField(label=gettext_lazy("Người duyệt"), max_length=200, required=False)
    returned_on = forms.DateField(
        label=gettext_lazy("Ngày trả (dd/mm/yyyy)"), input_formats=DAY_FIRST, required=False
    )
    note = forms.CharField(label=gettext_lazy("Ghi chú"), max_length=500, required=False)


class RecallForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do thu hồi"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


# Each step: its form (prefixed by the step, so that field ids are unique on the page) and its service.
OUTGOING_STEPS: dict[str, tuple[type[forms.Form], Any]] = {
    "chuyen-phat": (PostForm, record_post),
    "ban-luu": (ArchiveUseForm, record_archive_use),
    "thu-hoi": (RecallForm, recall_outgoing),
}


def _outgoing_forms() -> dict[str, forms.Form]:
    """The empty forms, keyed for the template (chuyen_phat, ban_luu, thu_hoi)."""
    return {
        name.replace("-", "_"): form_class(prefix=name) for name, (form_class, _s) in OUTGOING_STEPS.items()
    }


@staff_required
@require_http_methods(["GET", "POST"])
def outgoing(request: HttpRequest, pk: int) -> HttpResponse:
    """An outgoing document: its register line, its post and archive-copy lines; the clerk adds a post
    line or an archive-copy use, or recalls it (each through its service, which checks the clerk)."""
    document = (
        OutgoingDocument.objects.select_related("register__agency")
        .filter(pk=pk, register__agency_id__in=clerk_agencies(request.user))
        .first()
    )
    if document is None:
        raise Http404
    agency = document.register.agency
    if request.method == "POST":
        step = request.POST.get("buoc", "")
        if step not in OUTGOING_STEPS:
            return error_page(request, DomainError(_("Dữ liệu không hợp lệ.")))
        form_class, service = OUTGOING_STEPS[step]
        form = form_class(request.POST, prefix=step)
        if not form.is_valid():
            return error_page(request, DomainError(_("Thông tin chưa đầy đủ hoặc không hợp lệ.")))
        try:
            service(document_id=document.pk, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            return error_page(request, exc)
        return redirect("backoffice:outgoing", pk=document.pk)
    clerk = is_clerk(request.user, agency.pk)
    return page(
        request,
        "backoffice/clerk/outgoing.html",
        {
            "document": document,
            "agency": agency,
            "year": document.register.year,
            "registers": REGISTERS.values(),
            "posts": list(document.posts.order_by("sent_on", "pk")),
            "uses": list(document.archive_uses.order_by("used_on", "pk")),
            "forms": _outgoing_forms() if clerk else None,
        },
    )
