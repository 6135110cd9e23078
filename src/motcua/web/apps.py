from django.apps import AppConfig


class WebConfig(AppConfig):
    """Shared look of the portal and the back office: base templates, styles, small helpers."""

    name = "motcua.web"
    label = "web"
    verbose_name = "Giao diện chung"
