from django.contrib import admin

from .models import Fee, FeeExemption, Procedure, ProcedureVersion, RequiredDocument, Sector, WorkflowStep


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")
    exclude = ("name_folded",)


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 0


class FeeInline(admin.TabularInline):
    model = Fee
    extra = 0


class FeeExemptionInline(admin.TabularInline):
    model = FeeExemption
    extra = 0


class WorkflowStepInline(admin.TabularInline):
    model = WorkflowStep
    extra = 0


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(admin.ModelAdmin):
    list_display = ("procedure", "number", "name", "processing_time", "processing_time_unit", "online_level")
    list_filter = ("online_level", "procedure__sector")
    search_fields = ("procedure__code", "name")
    filter_horizontal = ("receiving_agencies",)
    inlines = [RequiredDocumentInline, FeeInline, FeeExemptionInline, WorkflowStepInline]


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "sector", "current_version", "national_weight", "is_active")
    # An empty current version: a national entry the province has still to complete.
    list_filter = (
        "is_active",
        ("current_version", admin.EmptyFieldListFilter),
        "for_citizens",
        "for_businesses",
        "vertically_managed",
        "sector",
    )
    search_fields = ("code", "name", "search_folded")
    readonly_fields = ("current_version",)
