"""Every write of the news package: a reader's comment, its moderation, a message from the contact page.

The rules on what a comment may hold (length, links, banned words) and how often one address may
write are declared here once (`CommentRules`, settings MOTCUA_COMMENT_*), whatever the door.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext

from motcua.accounts import throttling
from motcua.agencies.selectors import is_staff_account
from motcua.core.errors import NotFound, PermissionDenied
from motcua.core.net import limit_key
from motcua.core.text import fold
from motcua.core.time import now

from .errors import CommentRefused, CommentsClosed, IllegalModeration, TooManyMessages
from .models import ArticlePage, Comment, CommentModeration, CommentStatus, SiteFeedback
from .permissions import may_moderate_comments

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
NAME_MAX = 100
COMMENT_MAX = 2000
FEEDBACK_MAX = 3000
_LINK = re.compile(r"(https?://|www\.|\b[a-z0-9-]+\.(?:com|net|org|vn|info|xyz|top|ru|cn)\b)", re.I)

# Moderation as data: from each state, the states a moderator may move a comment to.
MODERATION: dict[str, frozenset[str]] = {
    CommentStatus.PENDING: frozenset({CommentStatus.APPROVED, CommentStatus.REJECTED}),
    CommentStatus.APPROVED: frozenset({CommentStatus.HIDDEN}),
    CommentStatus.HIDDEN: frozenset({CommentStatus.APPROVED}),
    CommentStatus.REJECTED: frozenset({CommentStatus.APPROVED}),
}


def banned_words() -> tuple[str, ...]:
    """The banned list, folded: a word written with or without accents is the same word."""
    return tuple(fold(w) for w in settings.MOTCUA_COMMENT_BANNED_WORDS if fold(w))


def count_links(text: str) -> int:
    return len(_LINK.findall(text))


def find_banned(text: str) -> str | None:
    folded = f" {re.sub(r'[^a-z0-9]+', ' ', fold(text))} "
    for word in banned_words():
        if f" {word} " in folded:
            return word
    return None


@dataclass(frozen=True)
class Sender:
    """Who writes: an account, or a name and an e-mail; and from which address."""

    address: str
    user: Any | None = None
    name: str = ""
    email: str = ""


def _identity(sender: Sender) -> tuple[str, str]:
    user = sender.user
    if user is not None and user.is_authenticated:
        name = (getattr(user, "display_name", "") or user.get_full_name() or user.username).strip()
        return name[:NAME_MAX], (user.email or "")[:254]
    name, email = sender.name.strip(), sender.email.strip()
    if not name or not email:
        raise CommentRefused(gettext("Vui lòng nhập họ tên và thư điện tử, hoặc đăng nhập để gửi."))
    if len(name) > NAME_MAX:
        raise CommentRefused(gettext("Họ tên dài quá %(n)s ký tự.") % {"n": NAME_MAX})
    try:
        validate_email(email)
    except ValidationError as exc:
        raise CommentRefused(gettext("Địa chỉ thư điện tử không hợp lệ.")) from exc
    return name, email


def _check_text(text: str, *, limit: int) -> str:
    text = (text or "").strip()
    if not text:
        raise CommentRefused(gettext("Vui lòng nhập nội dung."))
    if len(text) > limit:
        raise CommentRefused(gettext("Nội dung dài quá %(n)s ký tự.") % {"n": limit})
    if "\x00" in text:
        raise CommentRefused(gettext("Nội dung có ký tự không hợp lệ."))
    links = count_links(text)
    if links > settings.MOTCUA_COMMENT_MAX_LINKS:
        raise CommentRefused(
            gettext("Nội dung có quá nhiều đường liên kết (tối đa %(n)s).")
            % {"n": settings.MOTCUA_COMMENT_MAX_LINKS}
        )
    if find_banned(text):
        raise CommentRefused(gettext("Nội dung có từ ngữ không phù hợp. Vui lòng sửa lại trước khi gửi."))
    return text


def _take(kind: str, address: str, at: datetime) -> None:
    where = limit_key(address)
    rates = [
        (f"{kind}:addr:h:{where}", throttling.Rate(settings.MOTCUA_COMMENTS_PER_ADDRESS_HOUR, HOUR)),
        (f"{kind}:addr:d:{where}", throttling.Rate(settings.MOTCUA_COMMENTS_PER_ADDRESS_DAY, DAY)),
    ]
    try:
        throttling.take(rates, at=at)
    except throttling.RateExceeded as exc:
        raise TooManyMessages(exc.retry_at, at=at) from exc


@transaction.atomic
def post_comment(
    *, article_id: int, sender: Sender, body: str, trap: str = "", at: datetime | None = None
) -> Comment | None:
    """A reader's comment on a live article, held for moderation; None when the honeypot was filled.

    A filled honeypot (a field people never see) gets the same answer as a real comment, so a robot
    learns nothing; nothing is stored. Every accepted comment costs a unit of the address's allowance
    (MOTCUA_COMMENTS_PER_ADDRESS_HOUR / _DAY).
    """
    at = at or now()
    article = ArticlePage.objects.live().filter(pk=article_id).first()
    if article is None:
        raise NotFound()
    if not article.comments_open:
        raise CommentsClosed()
    if trap:
        return None
    user = sender.user if sender.user is not None and sender.user.is_authenticated else None
    if user is not None and is_staff_account(user):
        # Staff speak for the province through articles, not as readers under their accounts.
        raise CommentRefused(gettext("Tài khoản cán bộ không gửi bình luận tại đây."))
    name, email = _identity(sender)
    text = _check_text(body, limit=COMMENT_MAX)
    _take("comment", sender.address, at)
    return Comment.objects.create(
        article=article,
        user=user,
        name=name,
        email=email,
        body=text,
        status=CommentStatus.PENDING,
        created_at=at,
        client=limit_key(sender.address),
    )


@transaction.atomic
def moderate_comment(
    *, comment_id: int, actor: Any, to: str, reason: str = "", at: datetime | None = None
) -> Comment:
    """Approve, reject or hide a comment (or show a hidden one again); one audit row each time."""
    if not may_moderate_comments(actor):
        raise PermissionDenied()
    at = at or now()
    comment = Comment.objects.select_for_update().filter(pk=comment_id).first()
    if comment is None:
        raise NotFound()
    if to not in MODERATION.get(comment.status, frozenset()):
        raise IllegalModeration()
    reason = (reason or "").strip()[:500]
    CommentModeration.objects.create(
        comment=comment, actor=actor, from_status=comment.status, to_status=to, reason=reason, at=at
    )
    comment.status, comment.moderated_at, comment.moderated_by = to, at, actor
    comment.save(update_fields=["status", "moderated_at", "moderated_by"])
    return comment


@transaction.atomic
def send_site_feedback(
    *,
    sender: Sender,
    topic: str,
    message: str,
    phone: str = "",
    trap: str = "",
    at: datetime | None = None,
) -> SiteFeedback | None:
    """A message from the contact page; None when the honeypot was filled (nothing stored)."""
    at = at or now()
    if trap:
        return None
    if topic not in SiteFeedback.Topic.values:
        raise CommentRefused(gettext("Vui lòng chọn chủ đề."))
    name, email = _identity(sender)
    phone = (phone or "").strip()
    if len(phone) > 20 or (phone and not re.fullmatch(r"[0-9 +().-]{6,20}", phone)):
        raise CommentRefused(gettext("Số điện thoại không hợp lệ."))
    text = _check_text(message, limit=FEEDBACK_MAX)
    _take("feedback", sender.address, at)
    return SiteFeedback.objects.create(
        topic=topic,
        name=name,
        email=email,
        phone=phone,
        message=text,
        created_at=at,
        client=limit_key(sender.address),
    )
