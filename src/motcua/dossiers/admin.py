from django.contrib import admin

from .models import Dossier, DossierEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """Dossiers change only through services, so that every change is an event."""

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class EventInline(admin.TabularInline):
    model = DossierEvent
    fields = ("seq", "kind", "at", "actor_name", "from_state", "to_state", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    list_display = ("code", "applicant_name", "procedure_version", "state", "received_at", "due_at")
    list_filter = ("state", "channel", "receiving_agency")
    search_fields = ("code", "applicant_name", "applicant_id_number")
    list_select_related = ("procedure_version__procedure",)
    inlines = [EventInline]
