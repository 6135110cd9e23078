from django.contrib import admin

from .models import Agency, Counter, StaffRole, Unit


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


class CounterInline(admin.TabularInline):
    model = Counter
    extra = 0
    fk_name = "agency"
    filter_horizontal = ("served_agencies",)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name", "short_name")

    inlines = [UnitInline, CounterInline]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "agency", "is_one_stop")
    list_filter = ("agency",)
    search_fields = ("code", "name")


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "agency", "unit")
    list_filter = ("role", "agency")
    search_fields = ("user__username", "user__full_name")
    # Plain lists and a raw id for the user: the admin's autocomplete widget has no accessible name.
    raw_id_fields = ("user",)
