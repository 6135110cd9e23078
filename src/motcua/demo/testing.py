"""A fixture for tests that need the demo province with its PKI running (signed results).

Test-only (it imports pytest); what the demo itself runs lives in `seed`, `stories` and
`motcua.signatures.demo`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from motcua.demo.stories import JUDICIAL_RECORD, waiting_for_approval

__all__ = ["JUDICIAL_RECORD", "demo_province_with_pki", "waiting_for_approval"]


@pytest.fixture
def demo_province_with_pki(settings: Any, tmp_path: Any, db: Any) -> Iterator[dict[str, Any]]:
    """The demo catalogue, accounts and per-agency staff, and a demo PKI on a free loopback port.

    Yields the demo accounts by username.
    """
    from motcua.demo.catalogue import load_agencies, load_catalogue
    from motcua.demo.seed import ensure_agency_staff, ensure_demo_accounts
    from motcua.signatures import conf
    from motcua.signatures.demo import ensure_demo_pki
    from motcua.signatures.localpki import free_port

    settings.DEMO_MODE = True
    load_agencies()
    load_catalogue()
    users = ensure_demo_accounts()
    ensure_agency_staff()
    # The demo PKI sets the TSA and key folder as run-time overrides: they end with the test.
    with conf.overrides_kept():
        pki = ensure_demo_pki(tmp_path, port=free_port())
        try:
            yield users
        finally:
            pki.stop()
