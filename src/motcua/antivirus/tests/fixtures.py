"""Fixtures: a real clamd for the session, and settings that scan uploads with it (imported by the
conftest of every package whose tests scan)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from motcua.antivirus.tests.clamd_server import find_clamd, running_clamd


@pytest.fixture(scope="session")
def clamd_address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = find_clamd()
    if binary is None:
        pytest.fail(
            "clamd is not installed: run `make system-deps` as root, or "
            "`sudo apt-get install -y clamav-daemon clamav` (the tests build their own signatures)."
        )
    with running_clamd(tmp_path_factory.mktemp("clamd"), binary) as address:
        yield address


@pytest.fixture
def scanning(settings, clamd_address: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Uploads scanned by the real clamd; quarantine and media in this test's own folders."""
    from motcua.antivirus import services

    services._pending.rows = []  # no audit row left waiting by an earlier test
    settings.MOTCUA_CLAMD = clamd_address
    settings.MOTCUA_SCAN_WHEN_DOWN = "refuse"
    settings.MOTCUA_QUARANTINE_ROOT = tmp_path / "quarantine"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings
