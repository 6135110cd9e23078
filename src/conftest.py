"""Fixtures for the whole suite."""

import pytest

from motcua.demo.testing import demo_province_with_pki  # noqa: F401  (fixture)
from motcua.signatures.testing.fixtures import pki, signing  # noqa: F401  (fixtures)
from motcua.web.testing import browser, page, phone_page, shoot  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """A rolled-back test sends no delete signal, so calendars built in it must not outlive it."""
    from motcua.workcalendar.selectors import clear_cache

    clear_cache()
    yield
    clear_cache()
