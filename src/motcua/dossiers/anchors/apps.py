from django.apps import AppConfig


class AnchorsConfig(AppConfig):
    """Signed, timestamped checkpoints of every dossier's event chain, kept apart from the database."""

    name = "motcua.dossiers.anchors"
    label = "anchors"
    verbose_name = "Điểm neo chuỗi sự kiện"
