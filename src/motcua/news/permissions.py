"""Who may do what in the news: declared once, checked by the services and the pages alike."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser

MODERATE_COMMENTS = "news.moderate_comment"
# The staff groups that edit and approve the news (created by migration 0002, kept in the demo).
EDITORS_GROUP = "Biên tập viên tin tức"
MODERATORS_GROUP = "Duyệt tin tức"


def may_moderate_comments(user: Any) -> bool:
    """A moderator (the permission, given to the group that approves news), with the second factor.

    The second factor is what the staff login (`backoffice.auth`) establishes; here it is only asked
    whether it was, so that a session that skipped it (a password alone) never moderates.
    """
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
        return False
    verified = getattr(user, "is_verified", lambda: False)()
    return bool(verified and user.has_perm(MODERATE_COMMENTS))
