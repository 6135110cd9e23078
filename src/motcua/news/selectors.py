"""Every read of the news package used by pages, the feed and the moderators' list."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce

from motcua.core.text import fold

from .models import ArticlePage, Comment, CommentStatus, NewsCategory

RELATED_MAX = 4
_WORD = re.compile(r"[a-z0-9]+")


def published_articles() -> QuerySet[ArticlePage]:
    """Live articles, newest first, with their category, picture and approved comment count."""
    return (
        ArticlePage.objects.live()
        .public()
        .select_related("category", "lead_image")
        .prefetch_related("lead_image__renditions")  # the thumbnails without a query each
        .annotate(
            approved_comments=Count("comments", filter=Q(comments__status=CommentStatus.APPROVED)),
            published=Coalesce("go_live_at", "first_published_at"),
        )
        .order_by("-published", "-pk")
    )


def search_articles(query: str, *, category: NewsCategory | None = None) -> QuerySet[ArticlePage]:
    """Live articles whose folded text holds every word of `query`, with or without accents."""
    found = published_articles()
    if category is not None:
        found = found.filter(category=category)
    for word in _WORD.findall(fold(query))[:10]:
        found = found.filter(search_folded__contains=word)
    return found


def categories() -> QuerySet[NewsCategory]:
    return NewsCategory.objects.annotate(live=Count("articles", filter=Q(articles__live=True))).filter(
        live__gt=0
    )


def related_articles(article: ArticlePage, *, limit: int = RELATED_MAX) -> list[ArticlePage]:
    """The articles the editor chose (live ones only), then the latest of the same category."""
    # A draft being previewed holds its choice in memory (modelcluster), not yet in the table.
    chosen_ids = [related.pk for related in article.related.all()]
    chosen = list(published_articles().filter(pk__in=chosen_ids)[:limit])
    if len(chosen) < limit and article.category_id:
        more = (
            published_articles()
            .filter(category_id=article.category_id)
            .exclude(pk__in=[article.pk, *(a.pk for a in chosen)])[: limit - len(chosen)]
        )
        chosen.extend(more)
    return chosen


def approved_comments(article: ArticlePage) -> QuerySet[Comment]:
    return Comment.objects.filter(article=article, status=CommentStatus.APPROVED).order_by("created_at", "pk")


def approved_count(article: ArticlePage) -> int:
    return approved_comments(article).count()


def comments_for_moderation(status: str = CommentStatus.PENDING) -> QuerySet[Comment]:
    """Comments in one state, oldest first, with their article (the moderators' list)."""
    return (
        Comment.objects.filter(status=status)
        .select_related("article", "moderated_by")
        .order_by("created_at", "pk")
    )


def moderation_counts() -> dict[str, Any]:
    rows = Comment.objects.values("status").annotate(n=Count("pk"))
    counts = dict.fromkeys(CommentStatus.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts
