from django.apps import AppConfig


class PrintingConfig(AppConfig):
    """Printable documents (PDF) rendered from HTML templates with WeasyPrint."""

    name = "motcua.printing"
    label = "printing"
    verbose_name = "Biểu mẫu in"
