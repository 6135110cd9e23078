from django.apps import AppConfig


class AntivirusConfig(AppConfig):
    name = "motcua.antivirus"
    label = "antivirus"
    verbose_name = "Quét mã độc"

    def ready(self) -> None:
        from django.core.signals import request_finished

        from . import checks, services  # noqa: F401  (registers the system check)

        # Refusals happen inside the services' transactions, which roll back: their audit rows are
        # written once the request is over (see services.flush_pending).
        request_finished.connect(services.flush_pending, dispatch_uid="antivirus-flush-pending")
