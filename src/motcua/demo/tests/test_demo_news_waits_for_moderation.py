"""The demo has a few articles with pictures, approved comments, and comments waiting for moderation,
and an editor and a moderator who enter the editors' admin with a TOTP code."""

from __future__ import annotations

from typing import Any

from django.test import Client

from motcua.demo.news import ARTICLES, news_instructions, seed_news
from motcua.news.models import ArticlePage, Comment, CommentStatus
from motcua.news.permissions import MODERATE_COMMENTS


def test_demo_news(settings: Any, client: Client, db: Any) -> None:
    settings.DEMO_MODE = True
    assert seed_news() == len(ARTICLES)
    assert seed_news() == 0  # once
    assert ArticlePage.objects.live().count() == len(ARTICLES)
    assert Comment.objects.filter(status=CommentStatus.PENDING).count() >= 2
    from motcua.accounts.models import User

    assert User.objects.get(username="duyettin").has_perm(MODERATE_COMMENTS)
    assert not User.objects.get(username="bientap").has_perm(MODERATE_COMMENTS)
    first = ArticlePage.objects.get(slug=ARTICLES[0][0])
    html = client.get(first.url).content.decode()
    assert "Bình luận (2)" in html
    assert "Tin liên quan" in html
    assert "<img" in html
    assert any("/can-bo/bien-tap/" in line for line in news_instructions())
