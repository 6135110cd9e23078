"""Checkpoint settings, read from Django settings (which read them from the environment).

| Setting (environment variable)   | Meaning                                                              |
|----------------------------------|----------------------------------------------------------------------|
| MOTCUA_ANCHOR_DIR                | folder of the checkpoint files (default $MOTCUA_DATA_DIR/anchors)    |
| MOTCUA_ANCHOR_AGENCY             | code of the agency whose seal signs (default: the province's seal)   |
| MOTCUA_ANCHOR_OVERLAP_MINUTES    | how far back a checkpoint looks again for late commits (60)          |
| MOTCUA_ANCHOR_MAX_AGE_HOURS      | the last checkpoint is reported stale after this many hours (26)     |
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def anchor_dir() -> Path:
    """The checkpoint folder; never inside the media root, which holds uploaded files."""
    value = getattr(settings, "MOTCUA_ANCHOR_DIR", "") or ""
    folder = Path(value) if value else Path(settings.DATA_DIR) / "anchors"
    media = getattr(settings, "MEDIA_ROOT", "") or ""
    if media and folder.resolve().is_relative_to(Path(media).resolve()):
        raise ImproperlyConfigured(
            f"MOTCUA_ANCHOR_DIR ({folder}) không được nằm trong thư mục tệp tải lên MEDIA_ROOT ({media})."
        )
    return folder


def agency_code() -> str:
    return str(getattr(settings, "MOTCUA_ANCHOR_AGENCY", "") or "")


def overlap() -> timedelta:
    return timedelta(minutes=int(getattr(settings, "MOTCUA_ANCHOR_OVERLAP_MINUTES", 60)))


def max_age() -> timedelta:
    return timedelta(hours=float(getattr(settings, "MOTCUA_ANCHOR_MAX_AGE_HOURS", 26)))
