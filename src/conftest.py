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
# pytest-django refuses database access to a test that asks for none of these (directly or through
# another fixture, or by its django_db mark): such a test behaves the same on every engine.
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests that drive Chromium, and those that touch no database, so that a pass can leave
    them out (the PostgreSQL pass does: the SQLite pass runs them, and they do not depend on the
    database engine)."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if BROWSER_FIXTURES & fixtures:
            item.add_marker(pytest.mark.browser)
        if not DATABASE_FIXTURES & fixtures and item.get_closest_marker("django_db") is None:
            item.add_marker(pytest.mark.no_database)
