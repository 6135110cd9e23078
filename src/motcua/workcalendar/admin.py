from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.db.models.functions import ExtractYear
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import CalendarOverride, WorkingWindow


@admin.register(WorkingWindow)
class WorkingWindowAdmin(admin.ModelAdmin):
    list_display = ("agency_or_province", "weekday", "start", "end")
    list_filter = ("weekday", "agency")
    ordering = ("agency__code", "weekday", "start")
    autocomplete_fields = ("agency",)
    list_select_related = ("agency",)

    @admin.display(description=_("áp dụng cho"), ordering="agency__code")
    def agency_or_province(self, obj: WorkingWindow) -> str:
        return str(obj.agency) if obj.agency_id else str(_("Toàn tỉnh"))


class YearFilter(admin.SimpleListFilter):
    title = _("năm")
    parameter_name = "year"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        years = (
            CalendarOverride.objects.annotate(year=ExtractYear("date"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        return [(str(year), str(year)) for year in years]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[CalendarOverride]
    ) -> QuerySet[CalendarOverride]:
        value = self.value()
        return queryset.filter(date__year=int(value)) if value and value.isdigit() else queryset


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "agency_or_province", "reason", "source", "created_at")
    list_filter = ("kind", YearFilter, "agency")
    search_fields = ("reason", "source")
    date_hierarchy = "date"
    ordering = ("-date",)
    autocomplete_fields = ("agency",)
    list_select_related = ("agency",)
    readonly_fields = ("created_by", "created_at")

    @admin.display(description=_("áp dụng cho"), ordering="agency__code")
    def agency_or_province(self, obj: CalendarOverride) -> str:
        return str(obj.agency) if obj.agency_id else str(_("Toàn tỉnh"))

    def save_model(self, request: HttpRequest, obj: CalendarOverride, form: Any, change: bool) -> None:
        if not change:
            obj.created_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)
