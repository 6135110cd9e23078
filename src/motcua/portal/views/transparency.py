"""Công khai kết quả giải quyết TTHC: the public transparency page (figures updated once a day)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from motcua.stats.public import transparency as figures
from motcua.stats.selectors import COMMUNE_LEVEL, LEVEL_NAMES, PROVINCE_LEVEL
from motcua.web.charts import horizontal_bars


@require_GET
def transparency(request: HttpRequest) -> HttpResponse:
    data = figures()
    groups = []
    for level in (PROVINCE_LEVEL, COMMUNE_LEVEL):
        rows = [r for r in data["rows"] if r["level"] == level]
        if rows:
            chart = horizontal_bars(
                [(r["name"], r["on_time_rate"]) for r in rows],
                title=_("Tỷ lệ giải quyết đúng hạn: %(level)s") % {"level": LEVEL_NAMES[level]},
            )
            groups.append({"name": LEVEL_NAMES[level], "rows": rows, "chart": chart})
    return render(request, "portal/transparency.html", {"data": data, "groups": groups})
