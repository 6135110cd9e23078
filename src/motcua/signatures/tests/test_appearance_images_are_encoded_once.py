"""Appearance images are decoded and compressed once per process (`appearance.add_image`), and
each signature still writes what pyHanko's `pil_image` writes: the same objects, the same bytes."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from freezegun import freeze_time
from PIL import Image
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.images import pil_image
from pyhanko.pdf_utils.writer import PdfFileWriter

from motcua.signatures import appearance, images


def _png(mode: str) -> bytes:
    img = Image.new(mode, (37, 23))
    for x in range(37):
        for y in range(23):
            value = (x * 7 + y * 13) % 256
            pixel = (value, 255 - value, x * 5, y * 9)[: len(mode)]
            img.putpixel((x, y), value if mode in ("L", "P") else pixel)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def _written(add: Callable[[PdfFileWriter], generic.IndirectObject]) -> bytes:
    writer = PdfFileWriter()
    writer._document_id = generic.ArrayObject([generic.ByteStringObject(b"x" * 16)] * 2)  # else random
    refs = [add(writer), add(writer)]  # twice: two separate XObjects, as pyHanko makes
    writer.root["/MotcuaImages"] = writer.add_object(generic.ArrayObject(refs))
    out = io.BytesIO()
    # The trailer's /ModDate is written to the second: two writes a second apart would differ there.
    with freeze_time("2026-12-07 08:00:00"):
        writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "png",
    [
        pytest.param(images.signature_png("Nguyễn Văn An"), id="signature"),
        pytest.param(images.seal_png("UBND tỉnh Quảng Trị", ["Sở Tư pháp"]), id="seal"),
        pytest.param(_png("RGB"), id="rgb"),
        pytest.param(_png("L"), id="grey"),
        pytest.param(_png("LA"), id="grey-alpha"),
        pytest.param(_png("P"), id="palette"),
    ],
)
def test_kept_image_writes_the_same_bytes_as_pyhanko(png: bytes) -> None:
    ours = _written(lambda writer: appearance.add_image(png, writer))
    theirs = _written(lambda writer: pil_image(Image.open(io.BytesIO(png)), writer))

    assert ours == theirs


def test_the_image_is_decoded_once() -> None:
    png = _png("RGB")
    appearance._encoded_image.cache_clear()
    for _ in range(3):
        appearance.add_image(png, PdfFileWriter())

    assert appearance._encoded_image.cache_info().misses == 1
