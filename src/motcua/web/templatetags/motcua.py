"""Formatting shared by the portal and the back office."""

from __future__ import annotations

from datetime import datetime

from django import template

from motcua.core.time import local

register = template.Library()


@register.filter
def vn_datetime(moment: datetime | None) -> str:
    """'09:00 ngày 07/02/2025' in Vietnamese local time."""
    if moment is None:
        return "—"
    return f"{local(moment):%H:%M} ngày {local(moment):%d/%m/%Y}"


@register.filter
def vn_date(moment: datetime | None) -> str:
    return f"{local(moment):%d/%m/%Y}" if moment is not None else "—"


@register.filter
def vnd(amount: int | None) -> str:
    """200000 -> '200.000 đ'."""
    if amount is None:
        return "—"
    return f"{int(amount):,}".replace(",", ".") + " đ"
