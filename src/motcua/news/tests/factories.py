"""Building news for tests: the site, categories, articles (published, draft, scheduled), people."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from wagtail.models import Page

from motcua.dossiers.tests.factories import UserFactory
from motcua.news.models import ArticlePage, NewsCategory, NewsIndexPage
from motcua.news.permissions import EDITORS_GROUP, MODERATORS_GROUP
from motcua.news.setup import ensure_news_site


def news_index() -> NewsIndexPage:
    return ensure_news_site()


def category(name: str = "Cải cách hành chính", slug: str = "cai-cach-hanh-chinh") -> NewsCategory:
    return NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def article(
    title: str = "Tỉnh đẩy mạnh dịch vụ công trực tuyến toàn trình",
    *,
    slug: str | None = None,
    publish: bool = True,
    body: str = "<p>Đến hết năm, 100% thủ tục đủ điều kiện được cung cấp trực tuyến toàn trình.</p>",
    **fields: Any,
) -> ArticlePage:
    index = news_index()
    fields.setdefault("lead", "Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành đẩy mạnh số hóa hồ sơ.")
    fields.setdefault("author", "Phòng Kiểm soát thủ tục hành chính")
    page = ArticlePage(
        title=title,
        slug=slug or f"bai-{ArticlePage.objects.count() + 1}",
        body=[("paragraph", body)],
        live=False,
        **fields,
    )
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def staff(*groups: str, **fields: Any) -> Any:
    """A staff account (Django's staff flag: the editors sit at no agency) in the given groups."""
    news_index()
    user = UserFactory(is_staff=True, **fields)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def editor(**fields: Any) -> Any:
    return staff(EDITORS_GROUP, **fields)


def moderator(**fields: Any) -> Any:
    return staff(MODERATORS_GROUP, **fields)


def verified(user: Any) -> Any:
    """The user as the OTP middleware leaves it after the TOTP step (for calling services directly)."""
    user.is_verified = lambda: True
    return user


def live_page(page: Page) -> ArticlePage:
    return ArticlePage.objects.get(pk=page.pk)
