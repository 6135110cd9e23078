"""The moderators' pages (inside the Wagtail admin, so behind the staff login with TOTP)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from motcua.core.errors import DomainError

from . import selectors, services
from .models import CommentStatus
from .permissions import may_moderate_comments

# (action, target state, button, message after); the buttons offered derive from services.MODERATION.
ACTIONS = {
    "approve": (CommentStatus.APPROVED, _("Duyệt (hiển thị)"), _("Đã duyệt bình luận.")),
    "reject": (CommentStatus.REJECTED, _("Từ chối"), _("Đã từ chối bình luận.")),
    "hide": (CommentStatus.HIDDEN, _("Ẩn"), _("Đã ẩn bình luận.")),
}


def comment_list(request: HttpRequest) -> HttpResponse:
    if not may_moderate_comments(request.user):
        raise PermissionDenied
    status = request.GET.get("trang-thai") or CommentStatus.PENDING
    if status not in CommentStatus.values:
        status = CommentStatus.PENDING
    listing = Paginator(selectors.comments_for_moderation(status), 25).get_page(request.GET.get("p"))
    counts = selectors.moderation_counts()
    allowed = services.MODERATION.get(status, frozenset())
    context = {
        "status": status,
        "statuses": [(value, label, counts[value]) for value, label in CommentStatus.choices],
        "listing": listing,
        "actions": [(name, button) for name, (to, button, _done) in ACTIONS.items() if to in allowed],
    }
    return render(request, "news/admin/comments.html", context)


@require_POST
def comment_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        return HttpResponse(status=400)
    to, _button, done = ACTIONS[action]
    try:
        comment = services.moderate_comment(
            comment_id=pk, actor=request.user, to=to, reason=request.POST.get("reason", "")
        )
    except DomainError as exc:
        if exc.http_status == 403:
            raise PermissionDenied from exc
        messages.error(request, exc.message)
        return redirect("news_comments")
    messages.success(request, str(done))
    back = request.POST.get("from", "")
    back = back if back in CommentStatus.values else comment.status
    return redirect(reverse("news_comments") + f"?trang-thai={back}")
