"""The number and the issue date of a result, filled in by the clerk after the leader has signed.

Decree 30/2020 Art. 14-16: the competent person signs; then the clerk gives the document its
number and date, registers it, and adds the agency's signature. A signed page cannot be laid out
again, so a result we lay out carries two empty, read-only text fields where its template left the
number and the date blank (`motcua-so`, `motcua-ngay` anchors). Filling a form field after a
signature is the one change PAdES allows at that level (pyHanko: `FORM_FILLING`), so the official's
signature stays valid, and the agency seal signed right after covers the filled number.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from .appearance import DecreeStamp, DecreeStampStyle, Line, find_anchor_box, page_index_of

NUMBER_FIELD = "SoKyHieu"
DATE_FIELD = "NgayBanHanh"
ANCHORS = {
    NUMBER_FIELD: ("motcua-so", "motcua-so-het"),
    DATE_FIELD: ("motcua-ngay", "motcua-ngay-het"),
}
TEXT_SIZE = 13.0
_READ_ONLY = 1
_PRINT = 4


@dataclass(frozen=True)
class IssueText:
    """What the clerk fills in: the notation ("05/QĐ-STP") and the date line ("ngày 06 tháng 12 năm 2026")."""

    notation: str
    date_line: str


def add_issue_fields(content: bytes) -> bytes:
    """Empty number and date fields where the page marked them; the PDF unchanged if it marks neither."""
    reader = PdfFileReader(io.BytesIO(content), strict=False)
    boxes = {name: find_anchor_box(reader, *anchors) for name, anchors in ANCHORS.items()}
    if not all(boxes.values()):
        return content
    writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    root = writer.root
    form = root.get("/AcroForm")
    if form is None:
        form = generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject()})
        root[pdf_name("/AcroForm")] = writer.add_object(form)
        writer.update_root()
    else:
        form = form.get_object()
    fields = form["/Fields"]
    for name, found in boxes.items():
        assert found is not None
        page_index, box = found
        page_ref, _resources = writer.find_page_for_modification(page_index)
        widget = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name("/Widget"),
                pdf_name("/FT"): pdf_name("/Tx"),
                pdf_name("/T"): generic.TextStringObject(name),
                pdf_name("/Ff"): generic.NumberObject(_READ_ONLY),
                pdf_name("/F"): generic.NumberObject(_PRINT),
                pdf_name("/Rect"): generic.ArrayObject(generic.FloatObject(round(v, 2)) for v in box),
                pdf_name("/P"): page_ref,
                pdf_name("/DA"): generic.TextStringObject("/Helv 0 Tf 0 g"),
            }
        )
        widget_ref = writer.add_object(widget)
        fields.append(widget_ref)
        page = page_ref.get_object()
        annots = page.get("/Annots")
        if annots is None:
            page[pdf_name("/Annots")] = generic.ArrayObject([widget_ref])
        else:
            annots.get_object().append(widget_ref)
            if isinstance(page.raw_get("/Annots"), generic.IndirectObject):
                writer.update_container(annots)
        writer.update_container(page)
    writer.update_container(form)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _field_refs(reader: PdfFileReader) -> dict[str, generic.IndirectObject]:
    form = reader.root.get("/AcroForm")
    if form is None:
        return {}
    found: dict[str, generic.IndirectObject] = {}
    for ref in form.get_object().get("/Fields", ()):
        field = ref.get_object()
        name = str(field.get("/T", ""))
        if name in ANCHORS and field.get("/FT") == "/Tx":
            found[name] = ref
    return found


def _line_in_box(writer: IncrementalPdfFileWriter, text: str, width: float, height: float) -> DecreeStamp:
    """One line of text in a field's box, on the baseline of the page's printed "Số:" beside it."""
    baseline = max(1.0, (height - TEXT_SIZE) / 2 + 3.0)
    style = DecreeStampStyle(align_left=True, texts=((Line(text, TEXT_SIZE), 0.0, baseline),))
    return DecreeStamp(
        writer=writer, style=style, box=layout.BoxConstraints(width=width, height=height), text_params={}
    )


def has_issue_fields(content: bytes) -> bool:
    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        return set(_field_refs(reader)) == set(ANCHORS)
    except Exception:  # not our layout, or not a readable PDF: no fields to fill
        return False


def fill_issue_fields(content: bytes, text: IssueText) -> bytes:
    """The number and date written into their fields, as an incremental update (form filling)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    refs = _field_refs(writer.prev)
    values = {NUMBER_FIELD: text.notation, DATE_FIELD: text.date_line}
    for name, ref in refs.items():
        field = ref.get_object()
        x1, y1, x2, y2 = (float(v) for v in field["/Rect"])
        stamp = _line_in_box(writer, values[name], x2 - x1, y2 - y1)
        appearance = writer.add_object(stamp.as_form_xobject())
        field[pdf_name("/V")] = generic.TextStringObject(values[name])
        field[pdf_name("/AP")] = generic.DictionaryObject({pdf_name("/N"): appearance})
        writer.update_container(field)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def stamp_issue_text(content: bytes, text: IssueText) -> bytes:
    """An unsigned result from elsewhere: the number and date printed at the top right of page 1.

    Only for unsigned files (it changes the page); a signed one is sealed instead.
    """
    from .appearance import MM
    from .errors import NotAPdf
    from .pdfsign import page_size

    try:
        width, height = page_size(content, 0)
    except NotAPdf:
        content = _rewritten(content)  # a scanner's file with a broken cross-reference table
        width, height = page_size(content, 0)
    box_w, box_h = 80 * MM, 14 * MM
    style = DecreeStampStyle(
        align_left=True,
        texts=(
            (Line(f"Số: {text.notation}", 10.0), 2.0, box_h - 14.0),
            (Line(f"Ban hành {text.date_line}", 10.0), 2.0, box_h - 28.0),
        ),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    page_ref, _resources = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    if "/Contents" not in page:  # an empty page: give it a content stream to add to
        page[pdf_name("/Contents")] = writer.add_object(generic.StreamObject(stream_data=b""))
        writer.update_container(page)
    stamp = DecreeStamp(
        writer=writer, style=style, box=layout.BoxConstraints(width=box_w, height=box_h), text_params={}
    )
    stamp.apply(0, int(width - box_w - 12 * MM), int(height - box_h - 6 * MM))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _rewritten(content: bytes) -> bytes:
    """The same pages written again by pypdf, which reads damaged files leniently; NotAPdf if it cannot."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    from .errors import NotAPdf

    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if not reader.pages:
            raise NotAPdf()
        writer = PdfWriter(clone_from=reader)
        out = io.BytesIO()
        writer.write(out)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise NotAPdf() from exc
    return out.getvalue()


def print_issue_text(content: bytes, text: IssueText) -> bytes:
    """An unsigned result we laid out: the number and date printed into the page where its fields are,
    and the (empty) fields taken away, so that every reader and printer sees them as page text."""
    writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    refs = _field_refs(writer.prev)
    values = {NUMBER_FIELD: text.notation, DATE_FIELD: text.date_line}
    form = writer.root["/AcroForm"]
    for name, ref in refs.items():
        field = ref.get_object()
        x1, y1, x2, y2 = (float(v) for v in field["/Rect"])
        page_ref = field.raw_get("/P")
        page_index = page_index_of(writer, page_ref) or 0
        page = page_ref.get_object()
        if "/Contents" not in page:
            page[pdf_name("/Contents")] = writer.add_object(generic.StreamObject(stream_data=b""))
        stamp = _line_in_box(writer, values[name], x2 - x1, y2 - y1)
        stamp.apply(page_index, x1, y1)  # type: ignore[arg-type]
        annots = page["/Annots"]
        kept = generic.ArrayObject(a for a in annots if getattr(a, "idnum", None) != ref.idnum)
        page[pdf_name("/Annots")] = kept
        writer.update_container(page)
    fields = form.get_object()["/Fields"]
    form.get_object()[pdf_name("/Fields")] = generic.ArrayObject(
        f for f in fields if getattr(f, "idnum", None) not in {r.idnum for r in refs.values()}
    )
    writer.update_container(form.get_object())
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
