"""In Chromium: the news pages, the contact page and the editors' admin report no policy violation.
The portal's pages keep the strict policy (no inline script or style); the Wagtail admin, reachable
only after the staff login with TOTP, gets its own, which allows Wagtail's inline code there only."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from motcua.news.tests.factories import editor
from motcua.web.testing import audit_now, not_ours
from motcua.web.tests.test_no_page_breaks_the_content_security_policy import _log_in_as, violations

from .test_reading_commenting_and_publishing_in_the_browser import demo_news

pytestmark = pytest.mark.django_db(transaction=True)
__all__ = ["demo_news", "violations"]


def _script_src(header: str) -> str:
    """The script-src directive's sources (the header's directives come in no fixed order)."""
    directives = dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return directives.get("script-src", "")


def _visit(page: Any, url: str, violations: list[str], policy: str) -> None:
    response = page.goto(url)
    assert response is not None, url
    assert response.status == 200, url
    page.wait_for_load_state("networkidle")
    assert _script_src(response.headers["content-security-policy"]) == policy, url
    assert violations == [], f"{url}: {violations}"
    audit_now(page)
    violations.clear()


def test_news_pages_and_the_editors_admin(live_server, demo_news, page, violations) -> None:  # type: ignore[no-untyped-def]
    base = live_server.url
    strict = "'self'"
    _visit(page, base + "/tin-tuc/", violations, strict)
    _visit(page, base + demo_news.url, violations, strict)
    _visit(page, base + "/tin-tuc/?q=dich+vu+cong", violations, strict)
    _visit(page, base + "/lien-he/", violations, strict)

    # Wagtail's admin is another program's pages: its accessibility is Wagtail's (audited upstream).
    not_ours(base + "/can-bo/bien-tap/")
    _log_in_as(page, base, editor(), staff=True)
    _visit(page, base + "/can-bo/bien-tap/", violations, "'self' 'unsafe-inline'")
    _visit(page, base + f"/can-bo/bien-tap/pages/{demo_news.pk}/edit/", violations, "'self' 'unsafe-inline'")
    expect(page.locator("#id_lead")).to_be_visible()
    assert violations == []
    # The editor's page keeps calling the server (locks, previews): leave it and let those calls end
    # before the test's database is emptied, or the live server still holds a table when it is.
    page.wait_for_load_state("networkidle")
    page.goto("about:blank")
    page.wait_for_timeout(500)
