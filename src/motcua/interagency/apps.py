from django.apps import AppConfig


class InteragencyConfig(AppConfig):
    name = "motcua.interagency"
    verbose_name = "Hồ sơ liên thông giữa các hệ thống"

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
