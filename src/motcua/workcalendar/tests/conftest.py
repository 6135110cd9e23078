from __future__ import annotations

from collections.abc import Iterator

import pytest

from motcua.workcalendar.selectors import clear_cache


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> Iterator[None]:
    # A rolled-back test transaction sends no post_delete, so rows of one test would live on in the cache.
    clear_cache()
    yield
    clear_cache()
