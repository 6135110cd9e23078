"""Reads of the national sync: what was sent for a dossier, and when."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.dossiers.models import Dossier

from .models import SyncOutbox

HISTORY_ROWS = 30


def sync_history(dossier: Dossier, *, limit: int = HISTORY_ROWS) -> QuerySet[SyncOutbox]:
    """The dossier's sync rows, newest first (one query; the bodies are left out)."""
    return SyncOutbox.objects.filter(dossier=dossier).defer("body", "reply").order_by("-event_seq")[:limit]
