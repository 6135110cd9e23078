"""The API's JSON parser: bounded nesting, no NaN or Infinity (motcua.core.jsonlimits)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, get_encoding

from motcua.core import jsonlimits


class InputRefused(ParseError):
    """A body refused for a reason worth telling exactly: nested too deep, NaN, too large."""

    def __init__(self, code: str, message: str, *, status_code: int = status.HTTP_400_BAD_REQUEST) -> None:
        super().__init__(message, code)
        self.status_code = status_code
        self.error_code = code
        self.message = message


def loads(text: str | bytes) -> Any:
    """JSON from a client, or JSONRefused / ValueError (the limit on nesting is a setting)."""
    return jsonlimits.loads(text, max_depth=settings.MOTCUA_MAX_JSON_DEPTH)


class BoundedJSONParser(JSONParser):
    """DRF's JSONParser, minus the ways a body could crash it.

    DRF hands JSON parsers `request.body`, which Django bounds by DATA_UPLOAD_MAX_MEMORY_SIZE
    (RequestDataTooBig, answered as 413 by `errors.exception_handler`).
    """

    def parse(
        self,
        stream: IO[bytes] | None,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        encoding = get_encoding(parser_context or {})
        raw = stream.read() if stream is not None else b""
        try:
            return loads(raw.decode(encoding))
        except jsonlimits.JSONRefused as exc:
            raise InputRefused("malformed_request", exc.message) from exc
        except ValueError as exc:  # UnicodeDecodeError too
            raise ParseError(f"JSON parse error - {exc}") from exc
