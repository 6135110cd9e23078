"""The moderators' desk inside the Wagtail admin: comments waiting, approved, hidden, rejected."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import moderation_views
from .permissions import MODERATE_COMMENTS


@hooks.register("register_admin_urls")
def comment_moderation_urls() -> list:
    return [
        path("binh-luan/", moderation_views.comment_list, name="news_comments"),
        path("binh-luan/<int:pk>/", moderation_views.comment_moderate, name="news_comment_moderate"),
    ]


class _ModeratorsOnly(MenuItem):
    def is_shown(self, request) -> bool:  # type: ignore[no-untyped-def]
        return bool(request.user.has_perm(MODERATE_COMMENTS))


@hooks.register("register_admin_menu_item")
def comment_moderation_menu() -> MenuItem:
    return _ModeratorsOnly(_("Duyệt bình luận"), reverse("news_comments"), icon_name="comment", order=250)
