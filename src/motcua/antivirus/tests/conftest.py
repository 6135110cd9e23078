from __future__ import annotations

import pytest

from .fixtures import clamd_address, scanning  # noqa: F401  (fixtures)


@pytest.fixture
def world(db: None):  # type: ignore[no-untyped-def]
    from motcua.api.tests.factories import build_province

    return build_province()


@pytest.fixture
def client_api(settings):  # type: ignore[no-untyped-def]
    from django.core.cache import cache
    from rest_framework.test import APIClient

    settings.MOTCUA_ANONYMOUS_SUBMISSION = "throttle"
    cache.clear()
    return APIClient(REMOTE_ADDR="198.51.100.20")
