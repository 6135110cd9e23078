"""Fixtures of the back-office tests: a department with staff, and a clock the tests move."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.dossiers.tests.factories import World, build_world, vn

from .support import Clock


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Monday 3 March 2025, 08:00 in Vietnam, until the test moves it."""
    moment = Clock(vn(2025, 3, 3, 8, 0))
    monkeypatch.setattr("motcua.core.time.now", moment)
    return moment


@pytest.fixture
def world(db: Any) -> World:
    return build_world()
