"""Page-number pagination with a client-chosen page size (bounded), and invalid values refused;
the signed cursors of the dossier list (keyset pages)."""

from __future__ import annotations

from typing import Any

from django.core import signing
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_number(self, request: Request, paginator: Any) -> Any:
        """A page number from 1 (or "last"); anything else, an empty value included, is a 400."""
        raw = request.query_params.get(self.page_query_param)
        if raw is None:
            return 1
        if raw in self.last_page_strings or (raw.isascii() and raw.isdigit() and int(raw) >= 1):
            return raw
        raise ValidationError({self.page_query_param: "Số trang là số nguyên từ 1."})

    def get_page_size(self, request: Request) -> int | None:
        """The asked size, 1 to `max_page_size`; anything else is a 400, not a silent default."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= self.max_page_size:
            message = f"Số hồ sơ mỗi trang là số nguyên từ 1 đến {self.max_page_size}."
            raise ValidationError({self.page_size_query_param: message})
        return int(raw)

    def get_schema_operation_parameters(self, view: object) -> list[dict[str, object]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters


CURSOR_SALT = "motcua.api.dossier-list.cursor"
BAD_CURSOR = "Con trỏ trang không hợp lệ: hãy dùng nguyên giá trị `next` hoặc `previous` của trang trước."


def sign_cursor(direction: str, pk: int) -> str:
    """An opaque, signed position: 'a' (the page after this id) or 'b' (the page before it)."""
    return signing.dumps([direction, pk], salt=CURSOR_SALT, compress=False)


def read_cursor(raw: str | None) -> tuple[int | None, int | None]:
    """(after, before) from a cursor made by `sign_cursor`; anything else, altered or forged, is a 400."""
    if raw is None:
        return None, None
    try:
        direction, pk = signing.loads(raw[:200], salt=CURSOR_SALT)
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise ValidationError({"cursor": BAD_CURSOR}) from exc
    if direction not in ("a", "b") or not isinstance(pk, int) or isinstance(pk, bool) or pk < 0:
        raise ValidationError({"cursor": BAD_CURSOR})
    return (pk, None) if direction == "a" else (None, pk)
