from __future__ import annotations

import pytest

from .factories import build_world


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    return build_world()
