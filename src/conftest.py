"""Fixtures for the whole suite."""

import pytest

from motcua.demo.testing import demo_province_with_pki  # noqa: F401  (fixture)
from motcua.signatures.testing.fixtures import pki, signing  # noqa: F401  (fixtures)
from motcua.web.testing import accessibility, browser, page, phone_page, shoot  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def _vietnamese_first():
    """Every test starts in the default language: one that switched to English (a request, a
    translation.activate) must not leave messages raised by the next test in English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """A rolled-back test sends no delete signal, so calendars built in it must not outlive it."""
    from motcua.workcalendar.selectors import clear_cache

    clear_cache()
    yield
    clear_cache()


BROWSER_FIXTURES = {"browser", "page", "phone_page"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests that drive Chromium, so that a pass can leave them out (the PostgreSQL pass
    does: pages do not depend on the database, and the SQLite pass runs them)."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
