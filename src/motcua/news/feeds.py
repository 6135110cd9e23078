"""RSS 2.0 of the latest news at /tin-tuc/rss/."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from . import selectors
from .models import ArticlePage, NewsIndexPage

FEED_SIZE = 20


class LatestNewsFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index: NewsIndexPage) -> None:
        super().__init__()
        self.index = index

    def title(self) -> str:
        return f"{settings.MOTCUA_SITE_NAME} – {self.index.title}"

    def link(self) -> str:
        return self.index.url or "/tin-tuc/"

    def description(self) -> str:
        return self.index.intro or self.index.title

    def items(self) -> list[ArticlePage]:
        return list(selectors.published_articles()[:FEED_SIZE])

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.lead  # escaped by the feed generator: plain text

    def item_link(self, item: ArticlePage) -> str:
        return item.url or ""

    def item_author_name(self, item: ArticlePage) -> str:
        return item.author

    def item_pubdate(self, item: ArticlePage) -> datetime | None:
        return item.go_live_at or item.first_published_at

    def item_updateddate(self, item: ArticlePage) -> datetime | None:
        return item.last_published_at

    def item_categories(self, item: ArticlePage) -> list[str]:
        return [item.category.name] if item.category else []
