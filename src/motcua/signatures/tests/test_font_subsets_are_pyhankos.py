"""A font subset cut by `speedups.extract_subset` (layout tables removed before the cut, since
pyHanko's options drop them) is byte for byte the subset pyHanko's own `_extract_subset` cuts."""

from __future__ import annotations

import io

import pytest
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.writer import PdfFileWriter

from motcua.signatures import appearance, speedups


def _engine(text: str, *, bold: bool) -> GlyphAccumulator:
    factory = GlyphAccumulatorFactory(appearance.font_for([text], bold=bold), font_size=10)
    engine = factory.create_font_engine(PdfFileWriter())
    engine.tt.recalcTimestamp = False  # saving would stamp the current second into both
    engine.shape(text)
    return engine


def _saved(engine: GlyphAccumulator) -> bytes:
    out = io.BytesIO()
    engine.tt.save(out)
    return out.getvalue()


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize(
    "text",
    [
        "Sở Tư pháp tỉnh Quảng Trị",
        "2026-12-06T19:04:37+07:00",
        "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Nguyễn Văn An ỹ ẫ ự ₫ №",
    ],
)
def test_the_cut_is_pyhankos(text: str, bold: bool) -> None:
    speedups.forget()
    ours, theirs = _engine(text, bold=bold), _engine(text, bold=bold)
    assert "GSUB" in theirs.tt or "GPOS" in theirs.tt  # the font has the tables the cut skips

    speedups.extract_subset(ours)
    speedups._original_extract_subset(theirs)

    (kept,) = speedups._subsets.values()  # what this and later signatures embed
    assert kept == _saved(theirs)
