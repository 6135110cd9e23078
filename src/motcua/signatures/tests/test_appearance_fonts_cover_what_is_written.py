"""Signature appearances draw with a small Vietnamese copy of the font (fast to subset), and with the
whole font when a text needs a character the copy lacks, so nothing prints as an empty box."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from motcua.signatures import appearance, pdfsign
from motcua.signatures.testing.documents import result_pdf

VIETNAMESE = "CHỦ TỊCH Nguyễn Văn Hùng · Sở Tư pháp tỉnh Quảng Trị · 2026-11-28T09:17:10+07:00 · 200.000₫ №"


def test_vietnamese_text_uses_the_small_copy_with_its_layout_tables():
    for bold in (False, True):
        path = appearance.font_for([VIETNAMESE, "ẠẢẤẦẨẪẬẮẰẲẴẶĐƯƠạảấầẩẫậắằẳẵặđươỹ"], bold=bold)
        assert path.endswith("-vi.ttf")
        font = TTFont(path)
        assert {"GSUB", "GPOS"} <= set(font.keys())  # HarfBuzz still kerns and places marks
        assert all(ord(ch) in font.getBestCmap() for ch in VIETNAMESE)
        assert font["head"].unitsPerEm == 1000


def test_a_character_outside_it_takes_the_whole_font():
    regular, bold = appearance.fonts()
    assert appearance.font_for(["Nguyễn Văn Ω"], bold=False) == regular
    assert appearance.font_for(["Nguyễn Văn Ω"], bold=True) == bold


def test_the_stamp_reads_back_with_either_font(signing, tmp_path: Path):
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: install the Debian package poppler-utils")
    doc = result_pdf()
    width, height = pdfsign.page_size(doc)
    texts = {}
    for label, notation in (("small", "Số: 123/QĐ-STP"), ("whole", "Số: 123/QĐ-STP Ω")):
        field = appearance.attachment_field(page_width=width, page_height=height, notation=notation)
        signed = pdfsign.sign_pdf(
            doc,
            signer=signing.signer("seal"),
            field_name=field.name,
            placement=field,
            level="B-T",
            tsa=pdfsign.timestamper(signing.pki.tsa_url),
        )
        (tmp_path / f"{label}.pdf").write_bytes(signed)
        out = subprocess.run(
            ["pdftotext", "-layout", str(tmp_path / f"{label}.pdf"), "-"], capture_output=True, check=True
        )
        texts[label] = out.stdout.decode().strip().splitlines()[0].strip()  # the stamp, top right
    assert texts == {"small": "Số: 123/QĐ-STP", "whole": "Số: 123/QĐ-STP Ω"}
