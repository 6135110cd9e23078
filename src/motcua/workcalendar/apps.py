from django.apps import AppConfig


class WorkcalendarConfig(AppConfig):
    name = "motcua.workcalendar"
    label = "workcalendar"
    verbose_name = "Lịch làm việc"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .models import CalendarOverride, WorkingWindow
        from .selectors import clear_cache

        # Any change of hours or overrides must be seen by the next calendar_for() call in this process.
        for model in (WorkingWindow, CalendarOverride):
            post_save.connect(clear_cache, sender=model, dispatch_uid=f"workcalendar_save_{model.__name__}")
            post_delete.connect(
                clear_cache, sender=model, dispatch_uid=f"workcalendar_delete_{model.__name__}"
            )
