from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .clamd_server import find_clamd, running_clamd


@pytest.fixture(scope="session")
def clamd_address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = find_clamd()
    if binary is None:
        pytest.skip(
            "clamd is not installed: run `make system-deps` as root, or "
            "`sudo apt-get install -y clamav-daemon clamav` (the tests build their own signatures)."
        )
    with running_clamd(tmp_path_factory.mktemp("clamd"), binary) as address:
        yield address


@pytest.fixture
def scanning(settings, clamd_address: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Uploads scanned by the real clamd; quarantine and media in this test's own folders."""
    settings.MOTCUA_CLAMD = clamd_address
    settings.MOTCUA_SCAN_WHEN_DOWN = "refuse"
    settings.MOTCUA_QUARANTINE_ROOT = tmp_path / "quarantine"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


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
