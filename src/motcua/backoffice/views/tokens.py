"""Mã truy cập API: the officer's own API tokens, listed and revoked one by one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from motcua.api.tokens import live_tokens, revoke_own_token
from motcua.core.errors import NotFound

from ..auth import staff_idle_limit, staff_required
from .common import message_page, page


@staff_required
@require_GET
def api_tokens(request: HttpRequest) -> HttpResponse:
    return page(
        request,
        "backoffice/api_tokens.html",
        {
            "tokens": live_tokens(request.user),
            "idle_minutes": int(staff_idle_limit().total_seconds() // 60),
        },
    )


@staff_required
@require_POST
def revoke_api_token(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        revoke_own_token(user=request.user, token_id=token_id)
    except NotFound:
        return message_page(request, _("Không tìm thấy mã truy cập này."), 404)
    messages.success(request, _("Đã thu hồi mã truy cập."))
    return redirect("backoffice:api_tokens")
