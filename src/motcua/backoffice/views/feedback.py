"""Officers handle citizens' feedback (phản ánh, kiến nghị): the list with overdue warnings, one
feedback with the actions the table allows them, suggestions of repeats, its files."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from motcua.core.errors import DomainError, NotFound
from motcua.feedback import services
from motcua.feedback.actions import ACTIONS, Action, Party
from motcua.feedback.permissions import allowed_actions
from motcua.feedback.selectors import feedback_for, officer_feedback, similar_feedback
from motcua.feedback.states import State
from motcua.web.files import file_response

from ..auth import staff_required
from .common import forget_counts, message_page, now, page

PAGE_SIZE = 50
FILTERS = [
    ("open", gettext_lazy("Cần xử lý")),
    (State.RECEIVED, State.RECEIVED.label),
    (State.ACCEPTED, State.ACCEPTED.label),
    (State.AWAITING_INFO, State.AWAITING_INFO.label),
    (State.ANSWERED, State.ANSWERED.label),
    (State.PUBLISHED, State.PUBLISHED.label),
    (State.REFUSED, State.REFUSED.label),
    ("all", gettext_lazy("Tất cả")),
]


@staff_required
@require_GET
def feedback_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("trang-thai", "open")
    if state not in {key for key, _label in FILTERS}:
        state = "open"
    at = now()
    rows = officer_feedback(request.user, state="" if state == "all" else state, at=at)
    listing = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    return page(
        request,
        "backoffice/feedback/list.html",
        {
            "listing": listing,
            "at": at,
            "filters": [(key, str(label)) for key, label in FILTERS],
            "state": state,
            "overdue": officer_feedback(request.user, overdue_only=True, at=at).count(),
        },
    )


def _reading(request: HttpRequest, code: str) -> Any:
    reading = feedback_for(request.user, code)
    if not reading.private:  # a published feedback of another agency: read it on the portal
        raise NotFound()
    return reading.feedback


@staff_required
@require_GET
def feedback_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        feedback = _reading(request, code)
    except NotFound as exc:
        return message_page(request, exc.message, 404)
    officer_actions = [
        spec for spec in allowed_actions(request.user, feedback) if Party.AUTHOR not in spec.parties
    ]
    may_link = any(spec.action == Action.LINK for spec in officer_actions)
    return page(
        request,
        "backoffice/feedback/detail.html",
        {
            "feedback": feedback,
            "actions": officer_actions,
            "attachments": feedback.attachments.all(),
            "events": feedback.events.select_related("actor"),
            "similar": similar_feedback(feedback) if may_link else [],
            "repeats": feedback.repeats.only("code", "title"),
            "overdue": feedback.current_due is not None and feedback.current_due < now(),
        },
    )


@staff_required
@require_POST
def feedback_act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """The one action view: every button of the detail page posts here, to the row's service."""
    if action not in ACTIONS or Party.AUTHOR in ACTIONS[Action(action)].parties:
        raise Http404
    try:
        feedback = _reading(request, code)
        services.perform(
            Action(action),
            feedback_id=feedback.pk,
            actor=request.user,
            inputs={key: request.POST.get(key, "") for key in ("reason", "question", "answer", "target")},
        )
    except NotFound as exc:
        return message_page(request, exc.message, 404)
    except DomainError as exc:
        fields = exc.details.get("fields") or {}
        messages.error(request, next(iter(fields.values()), exc.message))
    else:
        forget_counts(request)
        messages.success(request, str(ACTIONS[Action(action)].done))
    return redirect("backoffice:feedback", code=code)


@staff_required
@require_GET
def feedback_attachment(request: HttpRequest, code: str, pk: int) -> FileResponse | HttpResponse:
    try:
        feedback = _reading(request, code)
    except NotFound as exc:
        return message_page(request, exc.message, 404)
    item = feedback.attachments.filter(pk=pk).first()
    if item is None:
        raise Http404
    return file_response(item.file.open("rb"), filename=item.original_name, content_type=item.content_type)
