from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.db.models.functions import ExtractYear
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError

from . import services
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

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        kwargs["form"] = _override_form(request)
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # A correction names one date for one scope; another date is another correction.
        return self.readonly_fields if obj is None else ("date", "agency", *self.readonly_fields)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and _may_correct(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and _may_correct(request, obj)

    def save_model(self, request: HttpRequest, obj: CalendarOverride, form: Any, change: bool) -> None:
        obj.pk = form.saved.pk  # saved by the form's clean(), through the service
        obj.refresh_from_db()

    def delete_model(self, request: HttpRequest, obj: CalendarOverride) -> None:
        services.remove_override(override_id=obj.pk, actor=request.user)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarOverride]) -> None:
        for override in queryset.select_related("agency"):
            try:
                services.remove_override(override_id=override.pk, actor=request.user)  # type: ignore[arg-type]
            except DomainError as exc:
                messages.error(request, f"{override.date:%d/%m/%Y}: {exc.message}")


def _may_correct(request: HttpRequest, obj: CalendarOverride | None) -> bool:
    if obj is None:
        return True
    try:
        services.require_calendar_admin(request.user, obj.agency)  # type: ignore[arg-type]
    except DomainError:
        return False
    return True


def _override_form(request: HttpRequest) -> type[forms.ModelForm]:
    """The admin's form, bound to the administrator: clean() saves through the calendar's service."""

    class OverrideForm(forms.ModelForm):
        saved: CalendarOverride

        class Meta:
            model = CalendarOverride
            fields = ["date", "kind", "agency", "reason", "source"]

        def clean(self) -> dict[str, Any]:
            data = super().clean() or {}
            if self.errors:
                return data
            instance = self.instance
            try:
                self.saved = services.add_override(
                    date=data.get("date") or instance.date,
                    kind=data["kind"],
                    reason=data.get("reason") or "",
                    source=data.get("source") or "",
                    agency=data.get("agency", instance.agency),
                    actor=request.user,  # type: ignore[arg-type]
                )
            except DomainError as exc:
                raise forms.ValidationError(exc.message) from exc
            return data

        def _post_clean(self) -> None:  # the service saved the row; skip the model's own validation
            pass

    return OverrideForm
