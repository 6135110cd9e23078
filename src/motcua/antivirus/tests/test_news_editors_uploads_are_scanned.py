"""The news editors' uploads (Wagtail documents and pictures) are scanned like every other door: an
infected document is refused on its form with the reason and quarantined."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

from motcua.accounts.models import User
from motcua.antivirus.editor_forms import ScannedDocumentForm, ScannedImageForm
from motcua.antivirus.models import QuarantinedFile
from motcua.news.setup import ensure_news_site

from .clamd_server import EICAR, EICAR_SIGNATURE


def test_the_editors_forms_are_the_scanned_ones() -> None:
    assert issubclass(get_document_form(get_document_model()), ScannedDocumentForm)
    assert issubclass(get_image_form(get_image_model()), ScannedImageForm)


def test_an_infected_document_is_refused_and_quarantined(scanning, db) -> None:  # type: ignore[no-untyped-def]
    ensure_news_site()  # its root collection: an earlier transactional test's flush may have removed it
    editor = User.objects.create_superuser("bientap", password="x", email="bt@example.vn")
    form_class = get_document_form(get_document_model())
    form = form_class(
        {"title": "Thông báo", "collection": Collection.get_first_root_node().pk},
        {"file": SimpleUploadedFile("thong-bao.pdf", b"%PDF-1.4\n" + EICAR + b"\n%%EOF\n")},
        user=editor,
    )
    assert not form.is_valid()
    assert "chứa mã độc" in " ".join(form.errors["file"])
    row = QuarantinedFile.objects.get()
    assert (row.door, row.signature) == ("news-document", EICAR_SIGNATURE)

    clean = form_class(
        {"title": "Thông báo", "collection": Collection.get_first_root_node().pk},
        {"file": SimpleUploadedFile("thong-bao.pdf", b"%PDF-1.4\nsach\n%%EOF\n")},
        user=editor,
    )
    assert clean.is_valid(), clean.errors
