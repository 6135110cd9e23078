"""Serving stored files (attachments, results, printed forms, reports) so that no file acts as a page.

Every file view answers through `file_response`, which decides between showing a file in the
browser (inline) and handing it over as a download:

* inline only for what a browser renders without running anything: a PDF with no JavaScript, no
  automatic or launch actions, no embedded files, rich media or XFA forms, and PNG or JPEG images
  whose bytes really are images;
* never inline for a file whose first bytes look like markup (HTML, SVG, XML, script): a PDF that
  is also an HTML page (a polyglot) is the classic way to run script on a site's own origin;
* always `nosniff`, a sandboxing Content-Security-Policy (a file that slips through still cannot
  run script, reach the site's cookies or load anything), no caching, and a filename that cannot
  break the header.
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import IO, Any, overload
from urllib.parse import quote

from django.http import FileResponse, HttpResponse
from text_unidecode import unidecode

# GitHub serves user files the same way. Inline styles stay allowed because Chromium lays out its own
# image and PDF viewer pages with them; the sandbox keeps any script from running at all.
FILE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'"

# What may be shown inline, and the bytes it must start with.
INLINE_TYPES = {
    "application/pdf": b"%PDF-",
    "image/png": b"\x89PNG\r\n\x1a\n",
    "image/jpeg": b"\xff\xd8\xff",
}
# Types a browser would render as a page: whatever the caller says, they go out as plain bytes.
MARKUP_TYPES = {
    "text/html",
    "application/xhtml+xml",
    "image/svg+xml",
    "text/javascript",
    "application/javascript",
    "text/xsl",
}
# Browsers sniff at most the first 1,445 bytes; readers accept a PDF header anywhere in the first 1,024.
SNIFF_WINDOW = 1445
MARKUP = re.compile(
    rb"<\s*(?:!doctype|!--|\?xml|html|head|body|script|iframe|frame|svg|xsl|object|embed|meta|img|style"
    rb"|title|link|base|form|math)\b",
    re.IGNORECASE,
)

# PDF features that run code or bring something else in. Names as pypdf reads them (#-escapes decoded).
ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA", "/XFA", "/EmbeddedFiles", "/RichMediaContent"}
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToE", "/GoToR", "/Rendition"}
ACTIVE_TYPES = {"/EmbeddedFile", "/RichMedia", "/FileAttachment", "/Screen", "/Movie", "/Sound"}
# The same names in the raw bytes: catches objects that no cross-reference table lists (readers that
# repair a file find them by scanning, as this does).
ACTIVE_BYTES = re.compile(
    rb"/(?:JavaScript|JS|AA|XFA|Launch|EmbeddedFiles?|RichMedia\w*|SubmitForm|ImportData|GoToE)(?![A-Za-z0-9#])"
)
# Stream contents (images, fonts, page content) are left out of the raw scan: compressed bytes hold
# "/JS" or "/AA" by chance about once in every ten megabytes, and readers never take objects from there.
STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
# A PDF with more objects than this is not worth the time to check: it is downloaded instead.
MAX_PDF_OBJECTS = 200_000
MAX_NESTING = 64
MAX_NAME = 150


@overload
def file_response(
    content: bytes, *, filename: str, content_type: str, inline: bool = True
) -> HttpResponse: ...


@overload
def file_response(
    content: IO[bytes], *, filename: str, content_type: str, inline: bool = True
) -> FileResponse: ...


def file_response(
    content: bytes | IO[bytes], *, filename: str, content_type: str, inline: bool = True
) -> HttpResponse | FileResponse:
    """The file, shown in the browser if asked for and safe to show, otherwise as a download.

    Bytes (a form just printed) are answered as they are; an open stored file is streamed, after
    being read whole only when it might be shown inline (the check needs all of it).
    """
    if isinstance(content, bytes):
        data = content
    elif inline:
        data = _read_all(content)
    else:
        data = content.read(SNIFF_WINDOW)
        content.seek(0)
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind in MARKUP_TYPES or (kind in INLINE_TYPES and not data.startswith(INLINE_TYPES[kind])):
        content_type = "application/octet-stream"
    shown = inline and why_not_inline(data, kind) is None
    response: HttpResponse | FileResponse
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=content_type)
    else:
        response = FileResponse(io.BytesIO(data) if inline else content, content_type=content_type)
    response["Content-Disposition"] = content_disposition("inline" if shown else "attachment", filename)
    response["Content-Security-Policy"] = FILE_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def why_not_inline(data: bytes, content_type: str) -> str | None:
    """None if a browser may show these bytes itself; otherwise the reason, for tests and logs."""
    magic = INLINE_TYPES.get(content_type)
    if magic is None:
        return f"{content_type or 'không rõ kiểu'} không hiển thị trực tiếp"
    if not data.startswith(magic):
        return f"nội dung không phải {content_type}"
    if MARKUP.search(data[:SNIFF_WINDOW]):
        return "phần đầu tệp giống trang HTML/SVG/XML"
    if content_type == "application/pdf":
        return pdf_active_content(data)
    return _not_an_image(data, content_type)


def pdf_active_content(data: bytes) -> str | None:
    """The first feature of the PDF that could run or open something, or None if it has none.

    Reads every object the cross-reference tables list, those packed in compressed object streams
    included, and the raw bytes for objects listed nowhere. A PDF that cannot be read is not shown.
    """
    raw = ACTIVE_BYTES.search(_outside_streams(data))
    if raw:
        return f"PDF chứa {raw.group().decode('latin-1')}"
    if b"%%EOF" not in data[-1024:]:
        # Every PDF ends so. Without it pypdf hunts for the end byte by byte: a minute of one
        # worker's time for a hostile 10 MB upload, each time someone opens it.
        return "PDF không trọn vẹn"
    from pypdf import PdfReader
    from pypdf.generic import IndirectObject

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return "PDF được mã hóa, không kiểm tra được"
        numbers = [(number, generation) for generation, table in reader.xref.items() for number in table]
        numbers += [(number, 0) for number in reader.xref_objStm]
        if len(numbers) > MAX_PDF_OBJECTS:
            return "PDF có quá nhiều đối tượng để kiểm tra"
        found = _active(reader.trailer, 0)
        for number, generation in numbers:
            if found:
                break
            found = _active(reader.get_object(IndirectObject(number, generation, reader)), 0)
    except Exception:  # any parser failure means "cannot vouch for it", never a 500
        return "PDF không đọc được"
    return f"PDF chứa {found}" if found else None


def _outside_streams(data: bytes) -> bytes:
    """The bytes between streams, in one pass (a file full of unterminated streams costs no more)."""
    parts, position = [], 0
    while (start := STREAM_START.search(data, position)) is not None:
        parts.append(data[position : start.start()])
        end = data.find(b"endstream", start.end())
        if end < 0:
            return b" ".join(parts)
        position = end + len(b"endstream")
    parts.append(data[position:])
    return b" ".join(parts)


def _active(obj: Any, depth: int) -> str | None:
    """Look through one object's direct contents (indirect references are visited on their own)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    if depth > MAX_NESTING:
        return "cấu trúc lồng quá sâu"
    if isinstance(obj, IndirectObject):
        return None
    if isinstance(obj, DictionaryObject):
        for key, value in obj.items():
            if key in ACTIVE_KEYS:
                return str(key)
            if key == "/S" and value in ACTIVE_ACTIONS:
                return str(value)
            if key in ("/Type", "/Subtype") and value in ACTIVE_TYPES:
                return str(value)
            found = _active(value, depth + 1)
            if found:
                return found
    elif isinstance(obj, ArrayObject):
        for item in obj:
            found = _active(item, depth + 1)
            if found:
                return found
    return None


def _not_an_image(data: bytes, content_type: str) -> str | None:
    from PIL import Image

    expected = {"image/png": "PNG", "image/jpeg": "JPEG"}[content_type]
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected:
                return f"ảnh không phải {expected}"
            image.verify()
    except Exception:  # Pillow raises many kinds for broken or hostile images
        return "ảnh hỏng hoặc không đọc được"
    return None


def content_disposition(kind: str, filename: str) -> str:
    """`inline` or `attachment` with an ASCII filename for old clients and the exact one in filename*."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip().strip(".") or "tep"
    if len(name) > MAX_NAME:
        stem, dot, extension = name.rpartition(".")
        keeps_extension = dot and len(extension) <= 8
        name = stem[: MAX_NAME - len(extension) - 1] + dot + extension if keeps_extension else name[:MAX_NAME]
    fallback = re.sub(r"[^A-Za-z0-9._()\- ]+", "_", unidecode(name)).strip() or "tep"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _read_all(handle: IO[bytes]) -> bytes:
    try:
        return handle.read()
    finally:
        handle.close()
