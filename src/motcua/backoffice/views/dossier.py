"""The dossier page: form data and documents side by side, history, Form 06, and every action.

The actions offered, their forms and what each does come from the table of actions
(`dossiers.actions.TABLE`): a panel per action the officer may take now (`allowed_actions`), its
form built from the declared inputs (`action_forms`), and one view (`act`) that hands the inputs to
the action's service. An action is a POST with the dossier version the officer was looking at
(`version`); the service takes the row lock and refuses a stale version, so two officers acting at
once never both win, and the loser is told plainly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.files.base import ContentFile
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from motcua.agencies.models import Role
from motcua.backoffice.queries import current_step_name, processing_control_rows, urgency_of
from motcua.core.errors import DomainError, NotFound, PermissionDenied
from motcua.documents.selectors import possible_signers
from motcua.documents.services import result_for_signing
from motcua.dossiers.actions import BY_PAGE_SLUG, TABLE, Action, ActionSpec, perform
from motcua.dossiers.errors import IllegalTransition, StaleDossier
from motcua.dossiers.models import Dossier
from motcua.dossiers.permissions import allowed_actions
from motcua.dossiers.selectors import (
    Reading,
    dossier_for,
    history,
    latest_event,
    next_step_target,
    officers_of,
    reading_for,
    results_newest_first,
    send_back_target,
)
from motcua.dossiers.states import State
from motcua.dvcqg.selectors import sync_history
from motcua.payments.selectors import fee_summary
from motcua.printing.forms import FORM_EVENT, available_forms
from motcua.signatures.services import result_signing_enabled
from motcua.web import schema_form
from motcua.web.files import file_response

from ..action_forms import ActionForm, action_form
from ..auth import staff_required
from .common import error_page, forget_counts, now, page

PRINT_AFTER = "backoffice_print"


@dataclass
class ActionFailure:
    slug: str
    message: str
    status: int


def _status(error: DomainError) -> int:
    if isinstance(error, StaleDossier | IllegalTransition):
        return 409
    return error.http_status


def _conflict_message(error: StaleDossier, seen: int | None) -> str:
    return _(
        "Hồ sơ vừa được người khác cập nhật trong lúc bạn đang xem (bạn xem phiên bản %(seen)s, hiện là "
        "phiên bản %(now)s). Thao tác của bạn CHƯA được thực hiện. Trang đã tải lại dữ liệu mới nhất: "
        "vui lòng kiểm tra rồi thao tác lại nếu vẫn cần."
    ) % {"seen": seen if seen is not None else "?", "now": error.details.get("current_version", "?")}


# --- the attach-result panel also drafts the PDF from the procedure's text --------------------------


class ProposeResultForm(forms.Form):
    """Page-only inputs of 'Đề xuất kết quả': write the result here, or upload the PDF written elsewhere."""

    MODES = [
        ("generate", gettext_lazy("Tạo từ mẫu văn bản của thủ tục")),
        ("upload", gettext_lazy("Tải lên tệp PDF đã soạn")),
    ]
    mode = forms.ChoiceField(
        label=gettext_lazy("Cách lập văn bản kết quả"),
        choices=MODES,
        initial="generate",
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=gettext_lazy("Trích yếu"), max_length=300, required=False)
    text = forms.CharField(
        label=gettext_lazy("Nội dung văn bản kết quả"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


def _propose_form(spec: ActionSpec, dossier: Dossier) -> type[ActionForm]:
    base = action_form(spec, dossier)
    signers = {str(user.pk): user for user in possible_signers(dossier.current_agency_id)}

    class Form(ProposeResultForm, base):  # type: ignore[valid-type,misc]
        field_order = ["mode", "title", "text", "signer", "file", "forward"]

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.fields["file"].required = False
            self.fields["forward"].initial = True  # most results go straight on to be approved
            # The name printed under the signature: the leader who will sign it (checked against the
            # certificate when the clerk issues it).
            self.fields["signer"] = forms.ChoiceField(
                label=gettext_lazy("Người ký"),
                choices=[(pk, user.display_name) for pk, user in signers.items()],
                required=False,
            )

        def clean_signer(self) -> Any:
            chosen = self.cleaned_data.get("signer") or ""
            if not chosen and len(signers) == 1:  # the agency's only possible signer
                return next(iter(signers.values()))
            return signers.get(chosen)

        def clean(self) -> dict[str, Any]:
            data = super().clean() or {}
            if data.get("mode") == "generate" and not (data.get("text") or "").strip():
                self.add_error("text", _("Vui lòng nhập nội dung văn bản kết quả."))
            if data.get("mode") == "generate" and data.get("signer") is None:
                self.add_error("signer", _("Vui lòng chọn người ký văn bản kết quả."))
            if data.get("mode") == "upload" and not data.get("file"):
                self.add_error("file", _("Vui lòng chọn tệp PDF."))
            return data

    return Form


def form_class(spec: ActionSpec, dossier: Dossier) -> type[ActionForm]:
    if spec.action == Action.ATTACH_RESULT:
        return _propose_form(spec, dossier)
    return action_form(spec, dossier)


@dataclass
class Panel:
    """One action the officer may take now, as the page shows it."""

    spec: ActionSpec
    form: ActionForm
    notes: list[str]

    title: str
    submit: str

    @property
    def slug(self) -> str:
        return self.spec.page_slug

    @property
    def multipart(self) -> bool:
        return self.form.is_multipart() or any(f.kind.value == "document_files" for f in self.spec.inputs)


def _notes(spec: ActionSpec, dossier: Dossier, context: dict[str, Any]) -> list[str]:
    """What the officer should see above an action's form (where it goes, what it concerns)."""
    if spec.action == Action.FORWARD and context["next_target"] is not None:
        t = context["next_target"]
        return [
            _("Bước %(step)s: %(name)s – %(unit)s")
            % {"step": t.step, "name": t.step_name, "unit": t.place, "agency": t.agency.name}
        ]
    if spec.action == Action.SEND_BACK and context["back_target"] is not None:
        t = context["back_target"]
        return [
            _("Trả về: %(who)s – %(unit)s, bước %(step)s %(name)s")
            % {
                "who": t.assignee_name or t.place,
                "unit": t.place,
                "step": t.step or "",
                "name": t.step_name,
            }
        ]
    if spec.action in (Action.RESOLVE, Action.RETURN_RESULT):
        result = context["result"]
        if result is None:
            return [_("Chưa có văn bản kết quả đính kèm.")]
        signed = _("đã ký số") if result.is_signed else _("chưa ký số")
        return [_("Văn bản kết quả: %(name)s (%(signed)s)") % {"name": result.name, "signed": signed}]
    if spec.action == Action.SUPPLEMENT and context["supplement_request"] is not None:
        missing = context["supplement_request"].payload.get("missing", [])
        return [_("Đã yêu cầu: %(items)s") % {"items": "; ".join(missing)}]
    if spec.action == Action.APOLOGISE and dossier.due_at is not None:
        from motcua.core.time import local

        return [
            _("Hạn giải quyết ban đầu: %(due)s") % {"due": local(dossier.due_at).strftime("%H:%M %d/%m/%Y")}
        ]
    return []


def _title(spec: ActionSpec, context: dict[str, Any]) -> str:
    """The panel's summary: the action, and for forwarding, which step it goes to."""
    target = context.get("next_target")
    if spec.action == Action.FORWARD and target is not None:
        return _("Chuyển bước %(step)s: %(name)s") % {"step": target.step, "name": target.step_name}
    return str(spec.label)


def _submit(spec: ActionSpec) -> str:
    if spec.action == Action.RESOLVE and result_signing_enabled():
        return _("Phê duyệt và ký số")
    return str(spec.submit or spec.label)


def _done(spec: ActionSpec, dossier: Dossier) -> str:
    """What the officer is told once the action is done, with where the dossier is now."""
    step = current_step_name(dossier)
    unit = dossier.current_unit.name if dossier.current_unit else dossier.current_agency.name
    return str(spec.done) % {
        "code": dossier.code,
        "step": dossier.current_step or "",
        "step_name": step,
        "unit": unit,
    }


def _primary(allowed: frozenset[Action], context: dict[str, Any]) -> str:
    """The panel that opens by itself: what most officers do next here."""
    target = context.get("next_target")
    if (
        Action.ATTACH_RESULT in allowed
        and context.get("result") is None
        and target is not None
        and target.role == Role.LEADER
    ):
        return BY_ACTION[Action.ATTACH_RESULT].page_slug
    return next((spec.page_slug for spec in TABLE if spec.action in allowed and spec.tone == "primary"), "")


BY_ACTION = {spec.action: spec for spec in TABLE}


def render_dossier(
    request: HttpRequest, reading: Reading, failure: ActionFailure | None = None, posted: Any = None
) -> HttpResponse:
    """The dossier's page. The history, the results and the reader's posts are read once and handed
    to everything that needs them (the allowed actions, Form 06's rows, the printable forms)."""
    dossier = reading.dossier
    events = history(dossier, applicant_view=False)
    results = results_newest_first(dossier)
    allowed = allowed_actions(request.user, dossier, posts=reading.posts, results=results, events=events)
    at = now()
    context: dict[str, Any] = {
        "dossier": dossier,
        "allowed": {a.value for a in allowed},
        "urgency": urgency_of(dossier, at),
        "step_late": dossier.state in (State.RECEIVED, State.PROCESSING)
        and bool(dossier.step_due_at and dossier.step_due_at < at),
        "events": events,
        "attachments": list(dossier.attachments.select_related("required_document").order_by("pk")),
        "form_rows": schema_form.form_rows(dossier.procedure_version.form_schema or {}, dossier.form_data),
        "control_rows": processing_control_rows(dossier, events),
        "forms": available_forms(dossier, events),
        "result": results[0] if results else None,
        "next_target": next_step_target(dossier) if Action.FORWARD in allowed else None,
        "back_target": send_back_target(dossier, events) if Action.SEND_BACK in allowed else None,
        "supplement_request": (
            latest_event(dossier, "supplement_requested") if Action.SUPPLEMENT in allowed else None
        ),
        "failure": failure,
        "print_after": request.session.pop(PRINT_AFTER, None),
        "at": at,
        "fees": fee_summary(dossier),
        "synced": sync_history(dossier),
    }
    panels = []
    for spec in TABLE:
        if spec.action not in allowed:
            continue
        bound = failure is not None and failure.slug == spec.page_slug and posted is not None
        form = form_class(spec, dossier)(data=posted if bound else None, auto_id=f"{spec.page_slug}-%s")
        panels.append(Panel(spec, form, _notes(spec, dossier, context), _title(spec, context), _submit(spec)))
    context["panels"] = panels
    reopen = failure is not None and failure.status != 409
    context["open"] = failure.slug if reopen and failure else _primary(allowed, context)
    status = failure.status if failure else 200
    return page(request, "backoffice/dossier.html", context, status=status)


@staff_required
@require_GET
def detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        reading = reading_for(request.user, code)
    except NotFound as exc:
        return error_page(request, exc)
    return render_dossier(request, reading)


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


class FormInvalid(Exception):
    def __init__(self, form: Any) -> None:
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        super().__init__(" ".join(errors) or _("Dữ liệu nhập chưa hợp lệ."))


def _optional_int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _inputs(request: HttpRequest, spec: ActionSpec, dossier: Dossier) -> dict[str, Any]:
    form = form_class(spec, dossier)(request.POST, request.FILES)
    if not form.is_valid():
        raise FormInvalid(form)
    values = form.values(request.FILES)
    if spec.action == Action.ATTACH_RESULT and form.cleaned_data.get("mode") == "generate":
        content = result_for_signing(
            dossier,
            signer=form.cleaned_data["signer"],
            title=form.cleaned_data["title"],
            summary=form.cleaned_data["text"],  # the template's {{ ket_qua }}
        )
        values["file"] = ContentFile(content, name=f"ket-qua-{dossier.code}.pdf")
    return values


def _printed_after(dossier: Dossier) -> str | None:
    """The printed form the action just issued (Form 01 after receiving, ...), from its event."""
    event = latest_event(dossier, *{kind for kinds in FORM_EVENT.values() if kinds for kind in kinds})
    if event is None or event.seq != dossier.version:
        return None
    return next((number for number, kinds in FORM_EVENT.items() if kinds and event.kind in kinds), None)


@staff_required
@require_POST
def act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    spec = BY_PAGE_SLUG.get(action)
    if spec is None:
        raise Http404
    try:
        dossier = reading_for(request.user, code).dossier
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
        values = _inputs(request, spec, dossier)
        perform(spec.action, dossier_id=dossier.pk, actor=request.user, values=values, expected_version=seen)
    except PermissionDenied:
        message = _("Bạn không có quyền thực hiện thao tác này đối với hồ sơ %(code)s.") % {
            "code": dossier.code
        }
        return _failed(request, dossier, ActionFailure(action, message, 403), inline)
    except StaleDossier as exc:
        return _failed(request, dossier, ActionFailure(action, _conflict_message(exc, seen), 409), inline)
    except DomainError as exc:
        return _failed(request, dossier, ActionFailure(action, exc.message, _status(exc)), inline)
    except FormInvalid as exc:
        return _failed(request, dossier, ActionFailure(action, str(exc), 400), inline)
    forget_counts(request)
    fresh = Dossier.objects.select_related("assignee", "current_unit", "current_agency").get(pk=dossier.pk)
    message = _done(spec, fresh)
    if inline:
        return page(request, "backoffice/partials/reassign_done.html", {"dossier": fresh, "message": message})
    printed = _printed_after(fresh)
    if printed:
        request.session[PRINT_AFTER] = printed
    messages.success(request, message)
    return redirect(reverse("backoffice:dossier", kwargs={"code": dossier.code}))


def _failed(request: HttpRequest, dossier: Dossier, failure: ActionFailure, inline: bool) -> HttpResponse:
    if inline:
        return page(
            request, "backoffice/partials/inline_error.html", {"failure": failure}, status=failure.status
        )
    # Read again: a conflict means someone else changed it, and the page shows it as it is now.
    try:
        fresh = reading_for(request.user, dossier.code)
    except NotFound as exc:  # the change took it out of the reader's sight
        return error_page(request, exc)
    return render_dossier(request, fresh, failure, posted=request.POST)


# --- files -------------------------------------------------------------------------------------------


def _inline(handle: Any, content_type: str, name: str) -> HttpResponseBase:
    """Shown in the preview frame when safe to show; a PDF with scripts or an HTML polyglot is downloaded."""
    return file_response(handle, filename=name, content_type=content_type)


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
