"""Page-number pagination with a client-chosen page size (bounded), and invalid values refused."""

from __future__ import annotations

from typing import Any

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
