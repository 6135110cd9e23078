from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "motcua.stats"
    label = "stats"
    verbose_name = "Thống kê, báo cáo"

    def ready(self) -> None:
        from motcua.dossiers.signals import dossier_event_recorded

        from .services import on_dossier_event

        dossier_event_recorded.connect(on_dossier_event, dispatch_uid="stats.daily_figures")
