"""The signed result looks as Decree 30/2020 (Appendix I) says: the official's blue signature between
title and name, the red seal at real size over the left third of it, the time in ISO 8601 +07:00;
attachments carry number/notation and time at the top right. Checked on the page as rendered."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pyhanko.pdf_utils.reader import PdfFileReader

from motcua.signatures import appearance, images, pdfsign
from motcua.signatures.testing.documents import result_pdf

DPI = 100


def _render(pdf: bytes, tmp_path: Path) -> Image.Image:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: install the Debian package poppler-utils")
    (tmp_path / "doc.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(DPI),
            "-f",
            "1",
            "-l",
            "1",
            str(tmp_path / "doc.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    return Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")


def _px(box, page_height):
    """A PDF box (points, origin bottom-left) as pixel bounds (origin top-left)."""
    x1, y1, x2, y2 = box
    k = DPI / 72
    return int(x1 * k), int((page_height - y2) * k), int(x2 * k), int((page_height - y1) * k)


def _count(img: Image.Image, bounds, test) -> int:
    crop = img.crop(bounds)
    return sum(1 for p in crop.get_flattened_data() if test(p))


def is_blue(p):
    r, g, b = p
    return b > 120 and b > r + 60 and b > g + 40


def is_red(p):
    r, g, b = p
    return r > 150 and r > g + 80 and r > b + 80


@pytest.fixture(scope="module")
def layout():
    reader = PdfFileReader(io.BytesIO(result_pdf()))
    page, box = appearance.find_anchor_box(reader)
    return appearance.decree30_layout(
        page=page,
        official=appearance.OfficialBlock(
            ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), "Nguyễn Văn An", images.signature_png("Nguyễn Văn An")
        ),
        seal=appearance.SealBlock(
            "Sở Tư pháp tỉnh Quảng Trị", images.seal_png("UBND tỉnh Quảng Trị", ["Sở Tư pháp"])
        ),
        image_box=box,
    )


def test_the_seal_is_real_size_and_covers_the_left_third_of_the_signature(layout):
    sx1, _sy1, sx2, sy2 = layout.seal.box
    ix1, iy1, ix2, iy2 = layout.image_box
    assert round((sx2 - sx1) / appearance.MM) == 38  # 36-40 mm, as a real seal
    assert sx2 == pytest.approx(ix1 + (ix2 - ix1) / 3)
    assert sx1 < ix1  # it reaches out to the left of the signature
    circle_centre_y = sy2 - (sx2 - sx1) / 2
    assert circle_centre_y == pytest.approx((iy1 + iy2) / 2)


def test_the_rendered_page(signing, layout, tmp_path):
    pki = signing.pki
    official = pdfsign.sign_pdf(
        result_pdf(),
        signer=signing.signer("official"),
        field_name=layout.official.name,
        placement=layout.official,
        level="B-T",
        tsa=pdfsign.timestamper(pki.tsa_url),
    )
    sealed = pdfsign.sign_pdf(
        official,
        signer=signing.signer("seal"),
        field_name=layout.seal.name,
        placement=layout.seal,
        level="B-T",
        tsa=pdfsign.timestamper(pki.tsa_url),
    )
    _w, height = pdfsign.page_size(sealed)
    img = _render(sealed, tmp_path)
    ix1, iy1, ix2, iy2 = layout.image_box
    third = (ix2 - ix1) / 3
    right_two_thirds = _px((ix1 + third, iy1, ix2, iy2), height)
    left_third = _px((ix1, iy1, ix1 + third, iy2), height)
    seal_only = _px((layout.seal.box[0], iy1, ix1, iy2), height)
    above_title = _px((ix1, iy2 + 40, ix2, iy2 + 60), height)

    assert _count(img, right_two_thirds, is_blue) > 200  # the signature, in blue ink
    assert _count(img, right_two_thirds, is_red) < 20  # ...not under the seal
    assert _count(img, left_third, is_red) > 100  # the seal covers the left third
    assert _count(img, left_third, is_blue) > 20  # ...over the signature, both visible
    assert _count(img, seal_only, is_red) > 100
    assert _count(img, above_title, is_red) + _count(img, above_title, is_blue) < 40
    # The title and the name printed by the document are still there, in black, above and below.
    title = _px((ix1, iy2 + 2, ix2, iy2 + 30), height)
    name = _px((ix1, iy1 - 25, ix2, iy1 - 2), height)
    assert _count(img, title, lambda p: max(p) < 90) > 50
    assert _count(img, name, lambda p: max(p) < 90) > 50


def test_attachment_notation_and_time_at_the_top_right(signing, tmp_path):
    doc = result_pdf()
    width, height = pdfsign.page_size(doc)
    field = appearance.attachment_field(page_width=width, page_height=height, notation="Số: 123/QĐ-STP")
    signed = pdfsign.sign_pdf(
        doc,
        signer=signing.signer("seal"),
        field_name=field.name,
        placement=field,
        level="B-T",
        tsa=pdfsign.timestamper(signing.pki.tsa_url),
    )
    img = _render(signed, tmp_path)
    x1, y1, x2, y2 = field.box
    assert x2 > width - 20 * appearance.MM
    assert y2 > height - 10 * appearance.MM
    bounds = _px(field.box, height)
    dark = _count(img, bounds, lambda p: max(p) < 100)
    assert dark > 150  # two lines of 10 pt text
    colour = _count(img, bounds, lambda p: is_red(p) or is_blue(p))
    assert colour == 0  # no image: black text only
    # The text is not clipped: its right half has ink too (the pyHanko width bug would push it out).
    half = _px(((x1 + x2) / 2 - 40, y1, x2, y2), height)
    assert _count(img, half, lambda p: max(p) < 100) > 20


def test_the_time_in_the_appearance_is_iso_8601_in_vietnam_time():
    from datetime import UTC, datetime

    assert (
        appearance.iso_vn(datetime(2026, 11, 28, 2, 17, 10, 123, tzinfo=UTC)) == "2026-11-28T09:17:10+07:00"
    )


def test_vietnamese_font_is_at_1000_units_per_em():
    from fontTools.ttLib import TTFont

    for path in appearance.fonts():
        font = TTFont(path)
        assert font["head"].unitsPerEm == 1000
        cmap = font.getBestCmap()
        assert all(ord(ch) in cmap for ch in "ẠẢẤẦẨẪẬẮẰẲẴẶĐƯƠạảấầẩẫậắằẳẵặđươỹ")


def test_a_font_at_2048_units_is_rescaled(settings):
    settings.MOTCUA_SIGNATURE_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
    settings.MOTCUA_SIGNATURE_FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
    from fontTools.ttLib import TTFont

    regular, bold = appearance.fonts()
    assert regular != settings.MOTCUA_SIGNATURE_FONT
    assert TTFont(regular)["head"].unitsPerEm == 1000
    assert TTFont(bold)["head"].unitsPerEm == 1000
