"""A file is shown in the browser only when it cannot run anything: a PDF with JavaScript, actions,
embedded files or XFA, or anything that starts like an HTML page (a polyglot), is handed over as a
download; every file response is sandboxed, not sniffed and not cached."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from motcua.backoffice.tests.support import online, staff_login
from motcua.dossiers import services
from motcua.dossiers.models import Attachment
from motcua.dossiers.tests.factories import build_world, mandatory_document_id, pdf
from motcua.web.files import FILE_POLICY, content_disposition, file_response, why_not_inline

PDF = "application/pdf"
HTML_PAGE = b"<html><body><script>fetch('/can-bo/').then(r => r.text()).then(alert)</script></body></html>\n"


def _pdf(change=None) -> bytes:  # type: ignore[no-untyped-def]
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if change:
        change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _in_object_stream(action: dict[str, str]) -> bytes:
    """A catalogue whose open action sits in a compressed object stream: its names are not in the bytes."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.writer import PdfFileWriter

    writer = PdfFileWriter(stream_xrefs=True)
    stream = writer.prepare_object_stream()
    entries = {
        generic.NameObject(k): generic.NameObject(v) if v.startswith("/") else generic.TextStringObject(v)
        for k, v in action.items()
    }
    writer.root[generic.NameObject("/OpenAction")] = writer.add_object(
        generic.DictionaryObject(entries), obj_stream=stream
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PLAIN = _pdf()
WITH_JAVASCRIPT = _pdf(lambda w: w.add_open_action(JavaScript("app.alert(1)")))
WITH_EMBEDDED_FILE = _pdf(lambda w: w.add_attachment("hoa-don.exe", b"MZ\x90\x00"))
HTML_FIRST = HTML_PAGE + PLAIN  # readers find %PDF- within the first 1,024 bytes, browsers see a page
PDF_FIRST_THEN_HTML = PLAIN[:9] + b"%" + HTML_PAGE + PLAIN[9:]
# Names may be written with #-escapes (/J#61vaScript is /JavaScript); no cross-reference table at all.
ESCAPED_NAMES = (
    b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
    b"4 0 obj\n<< /S /J#61vaScript /#4AS (app.alert\\(1\\)) >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "content_type"),
    [(PLAIN, PDF), (_png(), "image/png")],
    ids=["plain PDF", "PNG image"],
)
def test_safe_files_are_shown(data, content_type):
    assert why_not_inline(data, content_type) is None


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (WITH_JAVASCRIPT, PDF),
        (_in_object_stream({"/S": "/JavaScript", "/JS": "app.alert(1)"}), PDF),
        (_in_object_stream({"/S": "/Launch", "/F": "cmd.exe"}), PDF),
        (_in_object_stream({"/S": "/GoToE", "/D": "x"}), PDF),
        (ESCAPED_NAMES, PDF),
        (WITH_EMBEDDED_FILE, PDF),
        (HTML_FIRST, PDF),
        (PDF_FIRST_THEN_HTML, PDF),
        (b"%PDF-1.7\n" + b"\x00" * 200, PDF),
        (PLAIN[: PLAIN.rindex(b"%%EOF")] + b"stream\n" * 1000, PDF),
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "image/svg+xml"),
        (HTML_PAGE, "text/html"),
        (b"\x89PNG\r\n\x1a\n" + b"<html><script>alert(1)</script>", "image/png"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png"),
        (_png(), "image/jpeg"),
    ],
    ids=[
        "PDF with JavaScript",
        "JavaScript in an object stream",
        "launch action in an object stream",
        "embedded go-to action",
        "names written with #-escapes",
        "PDF with an embedded file",
        "HTML before the PDF (polyglot)",
        "HTML right after the PDF header",
        "unreadable PDF",
        "PDF without its end (not handed to the parser)",
        "SVG",
        "HTML",
        "PNG header then HTML",
        "PNG header then nothing",
        "PNG said to be JPEG",
    ],
)
def test_dangerous_or_unknown_files_are_not_shown(data, content_type):
    assert why_not_inline(data, content_type) is not None


def test_a_dangerous_file_is_a_sandboxed_download_a_plain_one_is_shown():
    shown = file_response(PLAIN, filename="tờ khai.pdf", content_type=PDF)
    download = file_response(WITH_JAVASCRIPT, filename="tờ khai.pdf", content_type=PDF)
    polyglot = file_response(HTML_FIRST, filename="tờ khai.pdf", content_type=PDF)

    assert shown["Content-Disposition"].startswith("inline;")
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Type"] == PDF
    assert polyglot["Content-Disposition"].startswith("attachment;")
    assert polyglot["Content-Type"] == "application/octet-stream"  # not a PDF, whatever it says
    for response in (shown, download, polyglot):
        assert response["Content-Security-Policy"] == FILE_POLICY
        assert "sandbox" in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"


def test_a_stored_file_asked_for_as_a_download_is_streamed_and_still_checked():
    response = file_response(io.BytesIO(HTML_FIRST), filename="kết quả.pdf", content_type=PDF, inline=False)

    assert response.streaming
    assert response.getvalue() == HTML_FIRST
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == FILE_POLICY


def test_markup_types_are_never_served_as_such():
    response = file_response(HTML_PAGE, filename="trang.html", content_type="text/html; charset=utf-8")

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    ("name", "fallback", "exact"),
    [
        ("tờ khai.pdf", "to khai.pdf", "t%E1%BB%9D%20khai.pdf"),
        ('a"; filename="evil.html', "a_ filename_evil.html", "a%22%3B%20filename%3D%22evil.html"),
        ("../../etc/passwd", "passwd", "passwd"),
        ("dòng\r\nSet-Cookie: x=1.pdf", "dongSet-Cookie_ x_1.pdf", "d%C3%B2ngSet-Cookie%3A%20x%3D1.pdf"),
        ("", "tep", "tep"),
    ],
)
def test_the_filename_cannot_break_the_header(name, fallback, exact):
    assert content_disposition("inline", name) == f"inline; filename=\"{fallback}\"; filename*=UTF-8''{exact}"


def test_a_long_name_keeps_its_extension():
    header = content_disposition("attachment", "Giấy tờ " * 40 + ".pdf")
    assert header.endswith(".pdf")
    assert len(header) < 1200


@pytest.mark.django_db
def test_the_back_office_shows_a_plain_document_and_hands_over_a_dangerous_one(client, monkeypatch):
    world = build_world()
    monkeypatch.setattr("motcua.backoffice.tests.support.pdf", lambda *a: pdf("to-khai.pdf", PLAIN))
    dossier = online(world, timezone.now() - timedelta(hours=1))
    plain = dossier.attachments.get()
    scripted = Attachment.objects.create(
        dossier=dossier,
        required_document_id=mandatory_document_id(world),
        file=ContentFile(WITH_JAVASCRIPT, name="co-script.pdf"),
        original_name="có script.pdf",
        content_type=PDF,
        size=len(WITH_JAVASCRIPT),
        sha256=hashlib.sha256(WITH_JAVASCRIPT).hexdigest(),
        event_seq=1,
        uploaded_at=timezone.now(),
    )
    # A file that came in through some other door than the upload check: HTML in front of a PDF.
    polyglot = Attachment.objects.create(
        dossier=dossier,
        file=ContentFile(HTML_FIRST, name="da-hinh.pdf"),
        original_name="đa hình.pdf",
        content_type=PDF,
        size=len(HTML_FIRST),
        sha256=hashlib.sha256(HTML_FIRST).hexdigest(),
        event_seq=1,
        uploaded_at=timezone.now(),
    )
    staff_login(client, world.intake)
    base = f"/can-bo/ho-so/{dossier.code}/tep"

    shown = client.get(f"{base}/{plain.pk}/")
    downloaded = client.get(f"{base}/{scripted.pk}/")
    not_a_page = client.get(f"{base}/{polyglot.pk}/")

    assert shown.status_code == 200
    assert shown["Content-Disposition"].startswith("inline;")
    assert shown.getvalue() == PLAIN
    assert downloaded["Content-Disposition"].startswith("attachment;")
    assert downloaded.getvalue() == WITH_JAVASCRIPT
    assert not_a_page["Content-Disposition"].startswith("attachment;")
    assert not_a_page["Content-Type"] == "application/octet-stream"
    for response in (shown, downloaded, not_a_page):
        assert response["Content-Security-Policy"] == FILE_POLICY
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "SAMEORIGIN"  # the dossier page's preview frame

    services.receive_dossier(dossier_id=dossier.pk, actor=world.intake)
    printed = client.get(f"/can-bo/ho-so/{dossier.code}/mau-01.pdf")
    assert printed.status_code == 200
    assert printed["Content-Disposition"].startswith("inline;")  # our own forms are plain PDFs
    assert printed["Content-Security-Policy"] == FILE_POLICY
