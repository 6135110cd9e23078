from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from .clamd import parse_address


@checks.register(checks.Tags.security, deploy=True)
def scanner_configured(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Directive 14/CT-TTg: a production instance scans every upload."""
    problems: list[checks.CheckMessage] = []
    address = getattr(settings, "MOTCUA_CLAMD", "")
    if address:
        try:
            parse_address(address)
        except ValueError as exc:
            problems.append(checks.Error(f"MOTCUA_CLAMD: {exc}", id="antivirus.E002"))
    if not address:
        problems.append(
            checks.Warning(
                "MOTCUA_CLAMD is empty: uploads are not scanned for malware.",
                hint="Set MOTCUA_CLAMD to clamd's socket (/run/clamav/clamd.ctl or tcp://clamav:3310).",
                id="antivirus.W001",
            )
        )
    if getattr(settings, "MOTCUA_SCAN_WHEN_DOWN", "refuse") not in ("refuse", "queue"):
        problems.append(
            checks.Error("MOTCUA_SCAN_WHEN_DOWN must be 'refuse' or 'queue'.", id="antivirus.E001")
        )
    return problems
