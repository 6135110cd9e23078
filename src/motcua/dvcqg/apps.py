from django.apps import AppConfig


class DvcqgConfig(AppConfig):
    name = "motcua.dvcqg"
    label = "dvcqg"
    verbose_name = "Đồng bộ Cổng Dịch vụ công quốc gia"

    def ready(self) -> None:
        from motcua.dossiers.signals import dossier_event_recorded

        from .services import record_event

        dossier_event_recorded.connect(record_event, dispatch_uid="dvcqg-outbox")
