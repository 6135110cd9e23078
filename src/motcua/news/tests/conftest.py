"""Fixtures of the news tests: the news site, made again in every test (a flushed database loses it)."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.news.models import NewsIndexPage

from .factories import news_index


@pytest.fixture
def index(db: Any) -> NewsIndexPage:
    return news_index()
