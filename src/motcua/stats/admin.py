"""The steering committee's targets and the DTI catalogue are entered in the admin."""

from django.contrib import admin

from .models import DtiAssessment, DtiCriterion, SteeringTarget


@admin.register(SteeringTarget)
class SteeringTargetAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "indicator", "target")
    list_filter = ("year", "indicator")
    search_fields = ("agency__name", "agency__code")


@admin.register(DtiCriterion)
class DtiCriterionAdmin(admin.ModelAdmin):
    list_display = ("code", "group", "name", "max_points")
    search_fields = ("code", "name")


@admin.register(DtiAssessment)
class DtiAssessmentAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "criterion", "self_points", "appraised_points", "owner", "deadline")
    list_filter = ("year",)
    search_fields = ("agency__name", "criterion__code")
