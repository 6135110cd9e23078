"""The dossier page: form data and documents side by side, history, Form 06, and every action.

An action is a POST of one small form with the dossier version the officer was looking at
(`expected_version`); the service takes the row lock and refuses a stale version, so two officers
acting at once never both win, and the loser is told plainly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from motcua.core.errors import DomainError, NotFound, PermissionDenied
from motcua.dossiers import services
from motcua.dossiers.errors import IllegalTransition, StaleDossier
from motcua.dossiers.models import Dossier
from motcua.dossiers.permissions import Action, require_permission
from motcua.dossiers.selectors import (
    allowed_actions,
    dossier_for,
    history,
    latest_event,
    latest_result,
    next_step_target,
    officers_of,
    processing_control_rows,
    send_back_target,
    transfer_destinations,
    urgency_of,
)
from motcua.dossiers.states import State
from motcua.signatures.approval import resolve_and_sign

from .. import forms as f
from ..auth import staff_required
from ..documents import available_forms, result_pdf
from .common import error_page, forget_counts, now, page

PRINT_AFTER = "backoffice_print"


def _form_rows(dossier: Dossier) -> list[tuple[str, Any]]:
    """The application form as (title, value) in the order of the schema."""
    schema = dossier.procedure_version.form_schema or {}
    rows = []
    seen = set()
    for key, spec in (schema.get("properties") or {}).items():
        if key in dossier.form_data:
            value = dossier.form_data[key]
            if isinstance(value, bool):
                value = _("Có") if value else _("Không")
            elif spec.get("format") == "date" and isinstance(value, str) and len(value) == 10:
                value = "/".join(reversed(value.split("-")))  # 1988-11-02 -> 02/11/1988
            rows.append((spec.get("title", key), value))
            seen.add(key)
    rows += [(key, value) for key, value in dossier.form_data.items() if key not in seen]
    return rows


@dataclass
class ActionFailure:
    slug: str
    message: str
    status: int


def _status(error: DomainError) -> int:
    if isinstance(error, StaleDossier):
        return 409
    if isinstance(error, IllegalTransition):
        return 409
    return error.http_status


def _conflict_message(error: StaleDossier, seen: int | None) -> str:
    return _(
        "Hồ sơ vừa được người khác cập nhật trong lúc bạn đang xem (bạn xem phiên bản %(seen)s, hiện là "
        "phiên bản %(now)s). Thao tác của bạn CHƯA được thực hiện. Trang đã tải lại dữ liệu mới nhất: "
        "vui lòng kiểm tra rồi thao tác lại nếu vẫn cần."
    ) % {"seen": seen if seen is not None else "?", "now": error.details.get("current_version", "?")}


def render_dossier(
    request: HttpRequest, dossier: Dossier, failure: ActionFailure | None = None, posted: Any = None
) -> HttpResponse:
    user = request.user
    allowed = allowed_actions(user, dossier)
    at = now()
    required_documents = list(dossier.procedure_version.required_documents.all())
    transfer_ok = Action.TRANSFER in allowed
    context = {
        "dossier": dossier,
        "allowed": {a.value for a in allowed},
        "urgency": urgency_of(dossier, at),
        "step_late": dossier.state in (State.RECEIVED, State.PROCESSING)
        and bool(dossier.step_due_at and dossier.step_due_at < at),
        "events": history(dossier, applicant_view=False),
        "attachments": list(dossier.attachments.select_related("required_document").order_by("pk")),
        "form_rows": _form_rows(dossier),
        "control_rows": processing_control_rows(dossier),
        "forms": available_forms(dossier),
        "result": latest_result(dossier),
        "required_documents": required_documents,
        "next_target": next_step_target(dossier) if transfer_ok else None,
        "back_target": (
            send_back_target(dossier) if transfer_ok and dossier.state == State.PROCESSING else None
        ),
        "destinations": transfer_destinations() if transfer_ok else [],
        "officers": officers_of(dossier.current_agency_id)
        if allowed & {Action.ASSIGN, Action.TRANSFER}
        else [],
        "supplement_request": (
            latest_event(dossier, "supplement_requested")
            if dossier.state == State.SUPPLEMENT_REQUESTED
            else None
        ),
        "return_methods": services.RETURN_METHODS,
        "failure": failure,
        "posted": posted,
        "print_after": request.session.pop(PRINT_AFTER, None),
        "at": at,
    }
    reopen = failure is not None and failure.status != 409
    context["open"] = failure.slug if reopen and failure else _primary(dossier, allowed, context)
    status = failure.status if failure else 200
    return page(request, "backoffice/dossier.html", context, status=status)


def _primary(dossier: Dossier, allowed: frozenset[Action], context: dict[str, Any]) -> str:
    """The action most officers take next in this state; its panel opens by itself."""
    state, A = dossier.state, Action
    if state == State.SUBMITTED and A.RECEIVE in allowed:
        return "tiep-nhan"
    if state == State.SUPPLEMENT_REQUESTED and A.SUPPLEMENT in allowed:
        return "nhan-bo-sung"
    if state == State.FINANCIAL_OBLIGATION and A.CONFIRM_FINANCIAL_OBLIGATION in allowed:
        return "xac-nhan-nghia-vu"
    if state == State.WITHDRAWAL_REQUESTED and A.DECIDE_WITHDRAWAL in allowed:
        return "quyet-dinh-rut"
    if state == State.RESOLVED and A.RETURN_RESULT in allowed:
        return "tra-ket-qua"
    if state == State.PROCESSING and A.RESOLVE in allowed:
        return "phe-duyet"
    target = context.get("next_target")
    if state in (State.RECEIVED, State.PROCESSING) and target is not None and target.unit is not None:
        if target.role == "leader" and A.ATTACH_RESULT in allowed and context.get("result") is None:
            return "de-xuat-ket-qua"
        return "chuyen-buoc"
    return ""


@staff_required
@require_GET
def detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        dossier = dossier_for(request.user, code)
    except NotFound as exc:
        return error_page(request, exc)
    return render_dossier(request, dossier)


@staff_required
@require_GET
def find(request: HttpRequest) -> HttpResponse:
    """The code box in the header: straight to the dossier, or a plain 'not found'."""
    code = request.GET.get("ma", "").strip().upper()[:40]
    if not code:
        return redirect("backoffice:home")
    try:
        dossier = dossier_for(request.user, code)
    except NotFound as exc:
        return error_page(request, exc)
    return redirect("backoffice:dossier", code=dossier.code)


# --- actions -------------------------------------------------------------------------------------------

Handler = Callable[[HttpRequest, Dossier, int], str]


class FormInvalid(Exception):
    def __init__(self, form: Any) -> None:
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        super().__init__(" ".join(errors) or _("Dữ liệu nhập chưa hợp lệ."))


def _valid(form: Any) -> Any:
    if not form.is_valid():
        raise FormInvalid(form)
    return form.cleaned_data


def _print(request: HttpRequest, number: str) -> None:
    request.session[PRINT_AFTER] = number


def _receive(request: HttpRequest, d: Dossier, v: int) -> str:
    data = _valid(f.NoteForm(request.POST))
    dossier = services.receive_dossier(
        dossier_id=d.pk, officer=request.user, expected_version=v, note=data["note"]
    )
    _print(request, "01")
    return _("Đã tiếp nhận hồ sơ %(code)s. Hãy in Giấy tiếp nhận và hẹn trả kết quả (Mẫu 01).") % {
        "code": dossier.code
    }


def _refuse(request: HttpRequest, d: Dossier, v: int) -> str:
    data = _valid(f.ReasonForm(request.POST))
    services.refuse_dossier(dossier_id=d.pk, officer=request.user, reason=data["reason"], expected_version=v)
    _print(request, "03")
    return _("Đã từ chối tiếp nhận hồ sơ. Hãy in Phiếu từ chối (Mẫu 03).")


def _request_supplement(request: HttpRequest, d: Dossier, v: int) -> str:
    form = f.SupplementRequestForm(
        request.POST, required_documents=list(d.procedure_version.required_documents.all())
    )
    data = _valid(form)
    services.request_supplement(
        dossier_id=d.pk,
        officer=request.user,
        missing=form.missing(),
        reason=data["reason"],
        expected_version=v,
    )
    _print(request, "02")
    return _("Đã gửi yêu cầu bổ sung, hoàn thiện hồ sơ. Hãy in Phiếu yêu cầu bổ sung (Mẫu 02).")


def _counter_supplement(request: HttpRequest, d: Dossier, v: int) -> str:
    data = _valid(f.CounterSupplementForm(request.POST))
    documents: list[tuple[int | None, Any]] = []
    for key in request.FILES:
        if key.startswith("doc__"):
            doc = key.split("__", 1)[1]
            documents += [(None if doc == "other" else int(doc), u) for u in request.FILES.getlist(key)]
    services.supplement_dossier(
        dossier_id=d.pk, actor=request.user, documents=documents, note=data["note"], expected_version=v
    )
    return _("Đã nhận giấy tờ bổ sung; thời hạn giải quyết tiếp tục được tính.")


def _optional_int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _forward(request: HttpRequest, d: Dossier, v: int) -> str:
    data = _valid(f.ForwardForm(request.POST))
    target = next_step_target(d)
    if target is None or target.unit is None:
        raise IllegalTransition(d.state, "chuyển bước tiếp theo")
    services.transfer_dossier(
        dossier_id=d.pk,
        actor=request.user,
        to_unit_id=target.unit.pk,
        to_assignee_id=data["to_assignee"],
        step=target.step,
        note=data["note"],
        expected_version=v,
    )
    return _("Đã chuyển hồ sơ sang bước %(step)s: %(name)s (%(unit)s).") % {
        "step": target.step,
        "name": target.step_name,
        "unit": target.unit.name,
    }


def _transfer(request: HttpRequest, d: Dossier, v: int) -> str:
    data = _valid(f.TransferForm(request.POST, units=transfer_destinations()))
    services.transfer_dossier(
        dossier_id=d.pk,
        actor=request.user,
        to_unit_id=data["to_unit"],
        to_assignee_id=data["to_assignee"],
        step=data["step"],
        note=data["note"],
        expected_version=v,
    )
    return _("Đã chuyển hồ sơ.")


def _send_back(request: HttpRequest, d: Dossier, v: int) -> str:
    data = _valid(f.ReasonForm(request.POST))
    target = send_back_target(d)
    if target is None or target.unit is None:
        raise IllegalTransition(d.state, "trả lại chuyên viên")
    services.transfer_dossier(
        dossier_id=d.pk,
        actor=request.user,
        to_unit_id=target.unit.pk,
        to_assignee_id=target.assignee_id,
        step=target.step,
        note=data["reason"],
        expected_version=v,
    )
    return _("Đã trả lại hồ sơ cho %(who)s (%(unit)s) để xử lý lại.") % {
        "who": target.assignee_name or target.unit.name,
        "unit": target.unit.name,
    }


def _assign(request: HttpRequest, d: Dossier, v: int) -> str:
    data = _valid(f.AssignForm(request.POST))
    services.assign_dossier(
        dossier_id=d.pk,
        actor=request.user,
        assignee_id=data["assignee"],
        note=data["note"],
        expected_version=v,
    )
    return _("Đã phân công lại hồ sơ %(code)s.") % {"code": d.code}


def _financial(request: HttpRequest, d: Dossier, v: int) -> str:
    data = _valid(f.FinancialForm(request.POST))
    services.request_financial_obligation(
        dossier_id=d.pk,
        actor=request.user,
        amount=data["amount"],
        description=data["description"],
        expected_version=v,
    )
    return _("Đã thông báo nghĩa vụ tài chính cho người nộp.")


def _financial_confirm(request: HttpRequest, d: Dossier, v: int) -> str:
    data = _valid(f.ReceiptForm(request.POST))
    services.confirm_financial_obligation(
        dossier_id=d.pk, actor=request.user, receipt_number=data["receipt_number"], expected_version=v
    )
    return _("Đã xác nhận người nộp hoàn thành nghĩa vụ tài chính.")


def _propose(request: HttpRequest, d: Dossier, v: int) -> str:
    require_permission(request.user, Action.ATTACH_RESULT, d)  # before rendering a PDF for nothing
    form = f.ProposeResultForm(request.POST, request.FILES)
    data = _valid(form)
    if data["mode"] == "upload":
        upload = data["file"]
        content, name = upload.read(), upload.name
    else:
        content = result_pdf(
            d, title=data["title"], text=data["text"], officer=request.user, at=now(), request=request
        )
        name = f"ket-qua-{d.code}.pdf"
    with transaction.atomic():
        services.attach_result(
            dossier_id=d.pk, actor=request.user, content=content, name=name, expected_version=v
        )
        if data["forward"] and d.state == State.PROCESSING:
            target = next_step_target(d)
            if target is None or target.unit is None:
                raise IllegalTransition(d.state, "chuyển lãnh đạo phê duyệt")
            services.transfer_dossier(
                dossier_id=d.pk,
                actor=request.user,
                to_unit_id=target.unit.pk,
                step=target.step,
                note=_("Trình phê duyệt kết quả"),
                expected_version=v + 1,
            )
            return _("Đã lập văn bản kết quả và trình lãnh đạo phê duyệt.")
    return _("Đã lập văn bản kết quả.")


def _resolve(request: HttpRequest, d: Dossier, v: int) -> str:
    """Approve; where signing is set up, the result is signed by the leader and sealed in the same step."""
    data = _valid(f.ResolveForm(request.POST))
    if resolve_and_sign(
        dossier_id=d.pk, leader=request.user, result_summary=data["result_summary"], expected_version=v
    ):
        return _("Đã phê duyệt và ký số văn bản kết quả. Hồ sơ chuyển về Bộ phận Một cửa để trả kết quả.")
    return _("Đã phê duyệt kết quả. Hồ sơ chuyển về Bộ phận Một cửa để trả kết quả.")


def _return(request: HttpRequest, d: Dossier, v: int) -> str:
    data = _valid(f.ReturnForm(request.POST))
    services.return_result(
        dossier_id=d.pk, actor=request.user, method=data["method"], note=data["note"], expected_version=v
    )
    return _("Đã trả kết quả cho người nộp.")


def _apologise(request: HttpRequest, d: Dossier, v: int) -> str:
    data = _valid(f.ApologyForm(request.POST))
    services.apologise_and_extend(
        dossier_id=d.pk,
        actor=request.user,
        new_appointment=data["new_appointment"],
        reason=data["reason"],
        expected_version=v,
    )
    _print(request, "04")
    return _("Đã lập văn bản xin lỗi và hẹn lại ngày trả kết quả. Hãy in Mẫu 04.")


def _stop(request: HttpRequest, d: Dossier, v: int) -> str:
    data = _valid(f.ReasonForm(request.POST))
    services.stop_dossier(dossier_id=d.pk, actor=request.user, reason=data["reason"], expected_version=v)
    _print(request, "05")
    return _("Đã dừng giải quyết hồ sơ. Hãy in Thông báo dừng giải quyết (Mẫu 05).")


def _withdrawal_request(request: HttpRequest, d: Dossier, v: int) -> str:
    data = _valid(f.ReasonForm(request.POST))
    services.request_withdrawal(
        dossier_id=d.pk, actor=request.user, reason=data["reason"], expected_version=v
    )
    return _("Đã ghi nhận yêu cầu rút hồ sơ của người nộp.")


def _withdrawal_decide(request: HttpRequest, d: Dossier, v: int) -> str:
    data = _valid(f.WithdrawalDecisionForm(request.POST))
    services.decide_withdrawal(
        dossier_id=d.pk, actor=request.user, accept=data["accept"], note=data["note"], expected_version=v
    )
    if data["accept"]:
        _print(request, "05")
        return _("Đã chấp nhận cho rút hồ sơ; hồ sơ dừng giải quyết.")
    return _("Đã từ chối yêu cầu rút hồ sơ; hồ sơ tiếp tục được giải quyết.")


ACTIONS: dict[str, Handler] = {
    "tiep-nhan": _receive,
    "tu-choi": _refuse,
    "yeu-cau-bo-sung": _request_supplement,
    "nhan-bo-sung": _counter_supplement,
    "chuyen-buoc": _forward,
    "chuyen": _transfer,
    "tra-lai": _send_back,
    "phan-cong": _assign,
    "nghia-vu-tai-chinh": _financial,
    "xac-nhan-nghia-vu": _financial_confirm,
    "de-xuat-ket-qua": _propose,
    "phe-duyet": _resolve,
    "tra-ket-qua": _return,
    "xin-loi": _apologise,
    "dung": _stop,
    "rut-ho-so": _withdrawal_request,
    "quyet-dinh-rut": _withdrawal_decide,
}


@staff_required
@require_POST
def act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404
    try:
        dossier = dossier_for(request.user, code)
    except NotFound as exc:
        return error_page(request, exc)
    seen = _optional_int(request.POST.get("version"))
    inline = request.POST.get("from") == "list" and getattr(request, "htmx", False)
    try:
        if seen is None:
            raise StaleDossier(
                _("Thiếu phiên bản hồ sơ trong biểu mẫu. Vui lòng tải lại trang."),
                current_version=dossier.version,
            )
        message = handler(request, dossier, seen)
    except PermissionDenied:
        message = _("Bạn không có quyền thực hiện thao tác này đối với hồ sơ %(code)s.") % {
            "code": dossier.code
        }
        failure = ActionFailure(action, message, 403)
        return _failed(request, dossier, failure, inline)
    except StaleDossier as exc:
        failure = ActionFailure(action, _conflict_message(exc, seen), 409)
        return _failed(request, dossier, failure, inline)
    except DomainError as exc:
        return _failed(request, dossier, ActionFailure(action, exc.message, _status(exc)), inline)
    except FormInvalid as exc:
        return _failed(request, dossier, ActionFailure(action, str(exc), 400), inline)
    forget_counts(request)
    if inline:
        fresh = Dossier.objects.select_related("assignee").get(pk=dossier.pk)
        return page(request, "backoffice/partials/reassign_done.html", {"dossier": fresh, "message": message})
    messages.success(request, message)
    return redirect(reverse("backoffice:dossier", kwargs={"code": dossier.code}))


def _failed(request: HttpRequest, dossier: Dossier, failure: ActionFailure, inline: bool) -> HttpResponse:
    if inline:
        return page(
            request, "backoffice/partials/inline_error.html", {"failure": failure}, status=failure.status
        )
    fresh = dossier_for(request.user, dossier.code)
    return render_dossier(request, fresh, failure, posted=request.POST)


# --- files -------------------------------------------------------------------------------------------


def _inline(handle: Any, content_type: str, name: str) -> HttpResponseBase:
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{_ascii(name)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _ascii(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")


@staff_required
@require_GET
@xframe_options_sameorigin
def attachment(request: HttpRequest, code: str, pk: int) -> HttpResponseBase:
    """A document of the dossier, shown inline (in the preview frame) only to who may see the dossier."""
    try:
        dossier = dossier_for(request.user, code)
    except NotFound as exc:
        return error_page(request, exc)
    found = dossier.attachments.filter(pk=pk).first()
    if found is None:
        return error_page(request, NotFound(_("Không tìm thấy tệp.")))
    return _inline(found.file.open("rb"), found.content_type, found.original_name)


@staff_required
@require_GET
@xframe_options_sameorigin
def attachment_preview(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """An image fitted to the preview frame (a PDF opens in the browser's own viewer instead)."""
    try:
        dossier = dossier_for(request.user, code)
    except NotFound as exc:
        return error_page(request, exc)
    found = dossier.attachments.filter(pk=pk).first()
    if found is None:
        return error_page(request, NotFound(_("Không tìm thấy tệp.")))
    from django.shortcuts import render

    response = render(request, "backoffice/preview.html", {"dossier": dossier, "attachment": found})
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_GET
@xframe_options_sameorigin
def result_file(request: HttpRequest, code: str, pk: int) -> HttpResponseBase:
    try:
        dossier = dossier_for(request.user, code)
    except NotFound as exc:
        return error_page(request, exc)
    found = dossier.results.filter(pk=pk).first()
    if found is None:
        return error_page(request, NotFound(_("Không tìm thấy văn bản kết quả.")))
    return _inline(found.file.open("rb"), "application/pdf", found.name)


@staff_required
@require_GET
def officers(request: HttpRequest) -> HttpResponse:
    """Options for the 'officer' select after a unit is chosen (htmx)."""
    from motcua.agencies.models import Unit

    unit_id = _optional_int(request.GET.get("to_unit"))
    unit = Unit.objects.filter(pk=unit_id).first() if unit_id is not None else None
    people = officers_of(unit.agency_id, unit.pk) if unit else []
    return page(request, "backoffice/partials/officer_options.html", {"people": people})
