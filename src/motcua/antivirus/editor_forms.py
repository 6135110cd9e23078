"""The news editors' uploads (Wagtail pictures and documents) through the same virus scan as every
other door: the base forms named by WAGTAILIMAGES_IMAGE_FORM_BASE and WAGTAILDOCS_DOCUMENT_FORM_BASE."""

from __future__ import annotations

from typing import Any

from django import forms
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .errors import InfectedUpload, ScannerUnavailable
from .services import scan_upload


def _scanned(form: forms.BaseForm, door: str) -> Any:
    upload = form.cleaned_data.get("file")
    if upload is not None and hasattr(upload, "chunks") and not getattr(upload, "_committed", False):
        try:
            scan_upload(upload, name=getattr(upload, "name", "") or "tep", door=door)
        except (InfectedUpload, ScannerUnavailable) as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from exc
    return upload


class ScannedImageForm(BaseImageForm):
    def clean_file(self) -> Any:
        return _scanned(self, "news-image")


class ScannedDocumentForm(BaseDocumentForm):
    def clean_file(self) -> Any:
        return _scanned(self, "news-document")
