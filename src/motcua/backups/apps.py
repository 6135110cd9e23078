from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "motcua.backups"
    label = "backups"
    verbose_name = "Sao lưu và phục hồi"
