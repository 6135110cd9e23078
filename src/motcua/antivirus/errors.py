"""Refusals by the virus scanner, each with a code and a Vietnamese message."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from motcua.dossiers.errors import UnacceptableUpload


class InfectedUpload(UnacceptableUpload):
    code = "infected_upload"


class ScannerUnavailable(UnacceptableUpload):
    code = "scanner_unavailable"
    http_status = 503
    default_message: Any = gettext_lazy(
        "Hệ thống kiểm tra mã độc đang tạm ngừng nên chưa thể nhận tệp. Vui lòng thử lại sau ít phút."
    )
