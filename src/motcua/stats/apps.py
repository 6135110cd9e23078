from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "motcua.stats"
    label = "stats"
    verbose_name = "Thống kê, báo cáo"

    def import_models(self) -> None:
        super().import_models()
        # The scorecard's own summary table (indices 4.1, 4.2, 4.5), in its own module.
        from . import scorecard_models  # noqa: F401

    def ready(self) -> None:
        from motcua.dossiers.signals import dossier_event_recorded

        from .services import on_dossier_event

        dossier_event_recorded.connect(on_dossier_event, dispatch_uid="stats.daily_figures")
        from .digital import on_dossier_event as digital_figures

        dossier_event_recorded.connect(digital_figures, dispatch_uid="stats.digital_figures")
