"""Citizens' feedback (phản ánh, kiến nghị) on the portal: the published answers, anyone may read;
filing, following, answering a request for information and rating, for the logged-in citizen."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.agencies.models import Agency
from motcua.catalog.models import Procedure
from motcua.core.errors import DomainError, NotFound
from motcua.core.net import client_address
from motcua.dossiers.models import Dossier
from motcua.feedback import services
from motcua.feedback.actions import ACTIONS, Action
from motcua.feedback.models import MAX_TEXT, MAX_TITLE, Rating
from motcua.feedback.permissions import allowed_actions
from motcua.feedback.selectors import authors_feedback, feedback_for, published_feedback
from motcua.feedback.states import Subject
from motcua.feedback.uploads import MAX_FILES
from motcua.web.files import file_response

PAGE_SIZE = 20
MY_DOSSIERS = 100


def published(request: HttpRequest) -> HttpResponse:
    page = Paginator(published_feedback(), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "portal/feedback/published.html", {"page": page})


def _choices(user: Any, procedure_code: str) -> dict[str, Any]:
    procedure = None
    if procedure_code:
        procedure = (
            Procedure.objects.filter(code=procedure_code, is_active=True, current_version__isnull=False)
            .only("code", "name")
            .first()
        )
    return {
        "procedure": procedure,
        "procedures": []
        if procedure
        else Procedure.objects.filter(is_active=True, current_version__isnull=False)
        .only("code", "name")
        .order_by("name"),
        "dossiers": Dossier.objects.filter(owner=user)
        .select_related("procedure_version")
        .only("code", "procedure_version__name")
        .order_by("-submitted_at")[:MY_DOSSIERS],
        "agencies": Agency.objects.filter(is_active=True).only("pk", "name").order_by("name"),
        "subjects": Subject.choices,
        "max_title": MAX_TITLE,
        "max_text": MAX_TEXT,
        "max_files": MAX_FILES,
    }


@login_required
def file(request: HttpRequest) -> HttpResponse:
    """The form, and filing it; errors are said next to their fields, and the text typed is kept."""
    procedure_code = (request.POST.get("procedure") or request.GET.get("thu-tuc") or "")[:30]
    values: dict[str, Any] = {
        "subject": request.GET.get("ve", Subject.PROCEDURE if procedure_code else ""),
        "dossier": (request.GET.get("ho-so") or "")[:40],
    }
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        values = {
            key: request.POST.get(key, "")
            for key in ("subject", "dossier", "agency", "officer_name", "title", "content")
        }
        values["consent"] = bool(request.POST.get("consent"))
        try:
            feedback = services.file_feedback(
                author=request.user,
                subject=values["subject"],
                title=values["title"],
                content=values["content"],
                procedure_code=procedure_code,
                dossier_code=values["dossier"],
                agency_id=values["agency"],
                officer_name=values["officer_name"],
                consent_to_publish=values["consent"],
                files=request.FILES.getlist("files"),
                address=client_address(request),
            )
        except DomainError as exc:
            errors = dict(exc.details.get("fields") or {})
            if exc.details.get("file") is not None:
                errors["files"] = exc.message
            if not errors:
                errors["form"] = exc.message
            status = exc.http_status if exc.http_status in (403, 429) else 400
        else:
            messages.success(
                request,
                _("Đã gửi phản ánh, kiến nghị %(code)s. Cơ quan sẽ trả lời trong thời hạn quy định.")
                % {"code": feedback.code},
            )
            return redirect("portal:feedback", code=feedback.code)
    context = {
        **_choices(request.user, procedure_code),
        "values": values,
        "errors": errors,
        "summary": [
            {"anchor": f"fb-{key}" if key != "form" else "", "message": message}
            for key, message in errors.items()
        ],
    }
    return render(request, "portal/feedback/form.html", context, status=status)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    page = Paginator(authors_feedback(request.user), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "portal/feedback/mine.html", {"page": page})


def detail(request: HttpRequest, code: str) -> HttpResponse:
    """Anyone reads a published answer; the author reads everything about their own feedback."""
    try:
        reading = feedback_for(request.user, code)
    except NotFound as exc:
        raise Http404 from exc
    feedback = reading.feedback
    allowed = {spec.action for spec in allowed_actions(request.user, feedback)} if reading.private else set()
    return render(
        request,
        "portal/feedback/detail.html",
        {
            "feedback": feedback,
            "private": reading.private,
            "attachments": feedback.attachments.all() if reading.private else [],
            "events": feedback.events.all() if reading.private else [],
            "may_reply": Action.REPLY_INFO in allowed,
            "may_rate": Action.RATE in allowed,
            "scores": Rating.choices,
            "rating_label": Rating(feedback.rating).label if feedback.rating else "",
        },
    )


@login_required
@require_POST
def act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """The citizen's two actions (reply with information, rate), through the same table and services."""
    if action not in (Action.REPLY_INFO, Action.RATE):
        raise Http404
    try:
        reading = feedback_for(request.user, code)
    except NotFound as exc:
        raise Http404 from exc
    inputs: dict[str, Any] = {key: request.POST.get(key, "") for key in ("reply", "score", "comment")}
    inputs["files"] = request.FILES.getlist("files")
    try:
        services.perform(Action(action), feedback_id=reading.feedback.pk, actor=request.user, inputs=inputs)
    except DomainError as exc:
        fields = exc.details.get("fields") or {}
        messages.error(request, next(iter(fields.values()), exc.message))
    else:
        messages.success(request, str(ACTIONS[Action(action)].done))
    return redirect("portal:feedback", code=reading.feedback.code)


@login_required
def attachment(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """A file of the citizen's own feedback (never public)."""
    try:
        reading = feedback_for(request.user, code)
    except NotFound as exc:
        raise Http404 from exc
    if not reading.private:
        raise Http404
    item = reading.feedback.attachments.filter(pk=pk).first()
    if item is None:
        raise Http404
    return file_response(item.file.open("rb"), filename=item.original_name, content_type=item.content_type)
