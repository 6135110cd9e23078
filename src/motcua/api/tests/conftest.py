from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from .factories import Province, build_province
from .support import Clock, vn


@pytest.fixture(autouse=True)
def _fresh_throttles() -> Iterator[None]:
    """Throttle counters live in the cache; no test may inherit another's requests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db: None) -> Province:
    return build_province()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Freeze the dossier services' clock at Friday 24 January 2025, 08:30 in Vietnam."""
    frozen = Clock(vn(2025, 1, 24, 8, 30))
    monkeypatch.setattr("motcua.core.time.now", frozen)
    return frozen
