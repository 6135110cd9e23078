"""Applying online, step by step: the form, the documents, review and submission."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core.errors import DomainError, NotFound, ValidationFailed
from motcua.core.net import client_address
from motcua.core.time import local, now
from motcua.dossiers import applicant as applicant_fields
from motcua.dossiers.errors import InvalidApplication
from motcua.dossiers.submission_limits import SubmissionLimitReached
from motcua.payments.selectors import version_quote
from motcua.web import schema_form

from .. import drafts
from ..models import ApplicationDraft
from .common import error_list, grant

Step = ApplicationDraft.Step
STEP_URLS: dict[str, str] = {
    Step.FORM: "portal:apply_details",
    Step.DOCUMENTS: "portal:apply_documents",
    Step.REVIEW: "portal:apply_review",
}


@dataclass(frozen=True)
class ApplicantInput:
    spec: applicant_fields.ApplicantField
    value: str
    error: str
    locked: bool = False  # vouched for by VNeID: shown read-only


def _applicant_inputs(
    applicant: dict[str, Any], errors: dict[str, str], locked: Collection[str] = ()
) -> dict[str, list[ApplicantInput]]:
    """The applicant's inputs as declared once, in two groups: the person, and their organisation."""
    groups: dict[str, list[ApplicantInput]] = {"person": [], "organisation": []}
    for spec in applicant_fields.FIELDS:
        field = ApplicantInput(
            spec, str(applicant.get(spec.name, "") or ""), errors.get(spec.name, ""), spec.name in locked
        )
        groups["organisation" if spec.organisation else "person"].append(field)
    return groups


def _step_url(draft: ApplicationDraft, step: str | None = None) -> str:
    return reverse(STEP_URLS[step or draft.step], args=[draft.pk])


def _open_draft(request: HttpRequest, draft_id: Any) -> ApplicationDraft:
    return drafts.rebase(drafts.draft_for(request.user, draft_id))


def _submitted(draft: ApplicationDraft) -> HttpResponse:
    return redirect("portal:submitted", draft.dossier.code)  # type: ignore[union-attr]


def _context(draft: ApplicationDraft, current: str, **extra: Any) -> dict[str, Any]:
    version = draft.procedure_version
    steps = [(value, label, reverse(STEP_URLS[value], args=[draft.pk])) for value, label in Step.choices]
    return {
        "draft": draft,
        "version": version,
        "procedure": version.procedure,
        "steps": steps,
        "current": current,
        **extra,
    }


def _split(errors: dict[str, str]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    applicant, form, other = {}, {}, {}
    for key, message in errors.items():
        if key.startswith("applicant."):
            applicant[key.removeprefix("applicant.")] = message
        elif key.startswith("form."):
            form[key.removeprefix("form.")] = message
        else:
            other[key] = message
    return applicant, form, other


def _anchors(errors: dict[str, str]) -> dict[str, str]:
    anchors = {}
    for key in errors:
        if key.startswith("applicant."):
            anchors[key] = "applicant-" + key.removeprefix("applicant.")
        elif key.startswith("form."):
            anchors[key] = schema_form.PREFIX + key.removeprefix("form.")
        elif key.startswith("documents."):
            anchors[key] = "doc-" + key.removeprefix("documents.")
    return anchors


@login_required
def start(request: HttpRequest, code: str) -> HttpResponse:
    try:
        draft = drafts.start_or_resume(owner=request.user, procedure_code=code)
    except NotFound as exc:
        raise Http404 from exc
    except ValidationFailed as exc:
        messages.error(request, exc.message)
        return redirect("portal:procedure", code)
    return redirect(_step_url(draft))


@login_required
def resume(request: HttpRequest, draft_id: Any) -> HttpResponse:
    draft = _open_draft(request, draft_id)
    if draft.dossier_id:
        return _submitted(draft)
    return redirect(_step_url(draft))


def _read_details(draft: ApplicationDraft, request: HttpRequest) -> None:
    applicant = {k: request.POST.get(f"applicant-{k}", "") for k in drafts.APPLICANT_FIELDS}
    if applicant["kind"] not in ("citizen", "organisation"):
        applicant["kind"] = "citizen"
    form_input = schema_form.raw_from_post(draft.procedure_version.form_schema, request.POST)
    drafts.save_input(draft, applicant=applicant, form_input=form_input)


@login_required
def details(request: HttpRequest, draft_id: Any) -> HttpResponse:
    """Step 1: the applicant and the procedure's form, generated from its JSON Schema."""
    draft = _open_draft(request, draft_id)
    if draft.dossier_id:
        return _submitted(draft)
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        _read_details(draft, request)  # kept before any check: nothing typed is ever lost
        if request.POST.get("action") == "save":
            messages.success(request, _("Đã lưu nháp. Bạn có thể quay lại hoàn thiện bất cứ lúc nào."))
            return redirect(_step_url(draft, Step.FORM))
        errors = drafts.check_details(draft)[1]
        if not errors:
            drafts.save_input(draft, step=Step.DOCUMENTS)
            return redirect(_step_url(draft, Step.DOCUMENTS))
        status = 400
    elif request.GET.get("kiem-tra"):
        errors = drafts.check_details(draft)[1]
    applicant_errors, form_errors, other = _split(errors)
    locked_form = drafts.locked_form(draft)
    fields = schema_form.fields_for(
        draft.procedure_version.form_schema, draft.form_input, form_errors, locked=locked_form
    )
    locked_applicant = (
        drafts.locked_applicant(request.user) if draft.applicant.get("kind") != "organisation" else {}
    )
    return render(
        request,
        "portal/apply/details.html",
        _context(
            draft,
            Step.FORM,
            applicant=draft.applicant,
            applicant_inputs=_applicant_inputs(draft.applicant, applicant_errors, locked_applicant),
            vneid_verified=bool(locked_applicant),
            applicant_errors=applicant_errors,
            form_level_errors=list(other.values()),
            fields=fields,
            summary=error_list(errors, _anchors(errors)),
        ),
        status=status,
    )


@login_required
@require_POST
def autosave(request: HttpRequest, draft_id: Any) -> HttpResponse:
    """Saves what is being typed (htmx, on change), so closing the browser loses nothing."""
    draft = drafts.draft_for(request.user, draft_id)
    if draft.dossier_id:
        return HttpResponse(status=409)
    _read_details(draft, request)
    return HttpResponse(_("Đã tự động lưu lúc %(time)s") % {"time": f"{local(now()):%H:%M}"})


@login_required
def documents(request: HttpRequest, draft_id: Any) -> HttpResponse:
    """Step 2: one upload slot per required document."""
    draft = _open_draft(request, draft_id)
    if draft.dossier_id:
        return _submitted(draft)
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        missing = drafts.missing_documents(draft)
        if not missing:
            drafts.save_input(draft, step=Step.REVIEW)
            return redirect(_step_url(draft, Step.REVIEW))
        errors = _missing_errors(missing)
        status = 400
    return _documents_page(request, draft, errors, status)


def _missing_errors(missing: Any) -> dict[str, str]:
    return {f"documents.{d.pk}": _("Vui lòng đính kèm: %(name)s.") % {"name": d.name} for d in missing}


def _documents_page(
    request: HttpRequest, draft: ApplicationDraft, errors: dict[str, str], status: int
) -> HttpResponse:
    replaced = drafts.from_population_data(draft)
    slots = [
        {
            "document": document,
            "file": given,
            "error": errors.get(f"documents.{document.pk}", ""),
            "population_data": document.pk in replaced and given is None,
        }
        for document, given in drafts.slots(draft)
    ]
    return render(
        request,
        "portal/apply/documents.html",
        _context(draft, Step.DOCUMENTS, slots=slots, summary=error_list(errors, _anchors(errors))),
        status=status,
    )


@login_required
@require_POST
def document_slot(request: HttpRequest, draft_id: Any, document_id: int) -> HttpResponse:
    """Upload (or remove) the file of one slot. A refused file leaves the slot as it was."""
    draft = _open_draft(request, draft_id)
    if draft.dossier_id:
        return _submitted(draft)
    error = ""
    if request.POST.get("action") == "remove":
        drafts.remove_file(draft, required_document_id=document_id)
    else:
        upload = request.FILES.get("file")
        if upload is None:
            error = _("Vui lòng chọn tệp để tải lên.")
        else:
            try:
                drafts.store_file(draft, required_document_id=document_id, upload=upload)
            except DomainError as exc:
                error = exc.message
    if getattr(request, "htmx", False):
        slot = next((s for s in drafts.slots(draft) if s[0].pk == document_id), None)
        if slot is None:
            raise Http404
        context: dict[str, Any] = {
            "draft": draft,
            "slot": {"document": slot[0], "file": slot[1], "error": error},
        }
        if request.POST.get("summary_shown"):
            # The summary on screen listed what was missing at "Tiếp tục": it now lists what still is.
            context["refresh_summary"] = True
            errors = _missing_errors(drafts.missing_documents(draft))
            context["summary"] = error_list(errors, _anchors(errors))
        return render(request, "portal/apply/_slot_response.html", context)
    if error:
        return _documents_page(request, draft, {f"documents.{document_id}": error}, 400)
    return redirect(_step_url(draft, Step.DOCUMENTS) + f"#slot-{document_id}")


@login_required
def review(request: HttpRequest, draft_id: Any) -> HttpResponse:
    """Step 3: everything at a glance, then submission (once, whatever the number of clicks)."""
    draft = _open_draft(request, draft_id)
    if draft.dossier_id:
        return _submitted(draft)
    data, errors = drafts.check_details(draft)
    for document in drafts.missing_documents(draft):
        errors[f"documents.{document.pk}"] = _("Vui lòng đính kèm: %(name)s.") % {"name": document.name}
    declaration_error = ""
    exemption_error = ""
    status = 200
    if request.method == "POST" and "fee_exemption" in request.POST:
        # The fee block's own form: claim an exemption (or none), then see the quote it leaves.
        try:
            drafts.claim_exemption(draft, request.POST.get("fee_exemption", ""))
        except ValidationFailed as exc:
            exemption_error, status = exc.message, 400
        else:
            return redirect(_step_url(draft, Step.REVIEW) + "#fees")
    elif request.method == "POST":
        if not request.POST.get("declaration"):
            declaration_error = _("Vui lòng xác nhận lời cam đoan trước khi nộp hồ sơ.")
            status = 400
        elif errors:
            status = 400
        else:
            try:
                dossier = drafts.submit(draft, address=client_address(request))
            except InvalidApplication as exc:
                errors, status = dict(exc.errors), 400
            except SubmissionLimitReached as exc:
                # The draft and its files stay as they are: the citizen submits it later.
                messages.error(request, exc.message)
                status = 429
            except DomainError as exc:
                messages.error(request, exc.message)
                status = 400
            else:
                grant(request, dossier)
                return redirect("portal:submitted", dossier.code)
    fields = schema_form.fields_for(draft.procedure_version.form_schema, draft.form_input)
    answers = [(f.title, schema_form.display_value(f, data)) for f in fields]
    applicant = drafts.applicant_data(draft)
    shown = [
        (spec.label, applicant[spec.name]) for spec in applicant_fields.FIELDS if applicant.get(spec.name)
    ]
    summary = []
    for key, message in errors.items():
        if key == "fee_exemption":
            summary.append({"href": "#fee-exemption-none", "message": message})
            continue
        step = Step.DOCUMENTS if key.startswith("documents.") else Step.FORM
        anchor = _anchors({key: ""}).get(key, "")
        target = (
            _step_url(draft, step)
            + ("?kiem-tra=1" if step == Step.FORM else "")
            + (f"#{anchor}" if anchor else "")
        )
        summary.append({"href": target, "message": message})
    if declaration_error:
        summary.append({"href": "#declaration", "message": declaration_error})
    if exemption_error:
        summary.append({"href": "#fee-exemption-none", "message": exemption_error})
    return render(
        request,
        "portal/apply/review.html",
        _context(
            draft,
            Step.REVIEW,
            applicant_rows=shown,
            answers=answers,
            slots=drafts.slots(draft),
            summary=summary,
            declaration_error=declaration_error,
            ready=not errors,
            fee_quote=version_quote(draft.procedure_version, exemption_id=draft.fee_exemption_id),
            fee_exemptions=list(draft.procedure_version.fee_exemptions.all()),
            claimed_id=draft.fee_exemption_id,
            exemption_error=exemption_error,
        ),
        status=status,
    )


@login_required
@require_POST
def discard(request: HttpRequest, draft_id: Any) -> HttpResponse:
    draft = drafts.draft_for(request.user, draft_id)
    drafts.discard(draft)
    messages.success(request, _("Đã xóa hồ sơ nháp."))
    return redirect("portal:my_dossiers")
