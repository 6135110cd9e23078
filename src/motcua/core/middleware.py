"""Refuse requests whose headers are larger than any browser or API client of ours sends.

WSGI servers bound each header line, but not always the total; every header a view reads (If-Match,
Idempotency-Key, X-Forwarded-For, cookies) is therefore bounded here, before anything parses it.
First in MIDDLEWARE, so that nothing else has read them yet.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# Headers that WSGI puts in META without the HTTP_ prefix.
UNPREFIXED = ("CONTENT_TYPE", "CONTENT_LENGTH")
STATUS = 431  # Request Header Fields Too Large (RFC 6585)
MESSAGE = (
    "Tiêu đề (header) của yêu cầu quá lớn (tối đa {limit} byte). Vui lòng xóa cookie của trang rồi thử lại."
)


def header_bytes(request: HttpRequest) -> int:
    """The size of the request's headers as received: names, values and a separator per header."""
    total = 0
    for key, value in request.META.items():
        if key.startswith("HTTP_") or key in UNPREFIXED:
            total += len(key) - (5 if key.startswith("HTTP_") else 0) + len(str(value)) + 4
    return total


class HeaderSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.MOTCUA_MAX_HEADER_BYTES
        if limit and header_bytes(request) > limit:
            return refusal(request, limit)
        return self.get_response(request)


def refusal(request: HttpRequest, limit: int) -> HttpResponse:
    message = MESSAGE.format(limit=limit)
    if request.path.startswith("/api/"):
        body = {"error": {"code": "headers_too_large", "message": message, "details": {"max_bytes": limit}}}
        return HttpResponse(
            json.dumps(body, ensure_ascii=False), status=STATUS, content_type="application/json"
        )
    return HttpResponse(message, status=STATUS, content_type="text/plain; charset=utf-8")
