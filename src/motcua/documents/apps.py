from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "motcua.documents"
    label = "documents"
    verbose_name = "Văn bản đi, văn bản đến (văn thư)"

    def ready(self) -> None:
        from .exchange_link import connect

        connect()
