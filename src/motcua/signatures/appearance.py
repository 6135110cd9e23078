"""How signatures look on the page, per Decree 30/2020/NĐ-CP, Appendix I.

* The competent official's signature (box 7): the handwritten signature image, blue, between the
  signer's title and full name. When the document already prints title and name (its template
  marks the space between them), the appearance is the image alone; otherwise the appearance
  draws the whole block: authority prefix and title, image, full name.
* The agency's signature (box 8): the seal image, red, at real size (about 36-40 mm), overlapping
  the left third of the official's signature image, with the agency name and the signing time
  (ISO 8601, +07:00) in small type under it (Circular 01/2019 for system-issued documents).
* An attachment in a separate file: no image; the document number/notation and the signing time
  at the top right of the first page, 10 pt, black.

Text uses a TrueType font that covers Vietnamese. pyHanko writes the /W widths in font units, so a
font whose unitsPerEm is not 1000 is rescaled once to 1000 (signatures.md, section 2.4, bug A); a
cached copy cut down to Vietnamese text makes each signature's font subsetting cheaper.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.content import ResourceType
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.images import pil_image
from pyhanko.pdf_utils.writer import BasePdfFileWriter, PdfFileWriter
from pyhanko.stamp import BaseStamp, TextStampStyle

from motcua.core.time import VN_TZ

from . import conf

MM = 72 / 25.4  # PDF points per millimetre

# Geometry of the Decree 30 signature block, in millimetres.
SIGNATURE_IMAGE_WIDTH = 45.0
SIGNATURE_IMAGE_HEIGHT = 20.0
SEAL_DIAMETER = 38.0  # an agency seal is 35-42 mm across; 38 mm is the common size
SEAL_CAPTION_HEIGHT = 8.0
BLOCK_WIDTH = 80.0
TITLE_SIZE = 12
NAME_SIZE = 12
CAPTION_SIZE = 6.5
ATTACHMENT_SIZE = 10

BLACK = (0.0, 0.0, 0.0)
SEAL_TEXT = (0.75, 0.05, 0.1)

_FONT_CANDIDATES = (
    (
        "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    ),
)


def _rescaled(path: str) -> str:
    """The font itself when its unitsPerEm is 1000, else a cached copy rescaled to 1000."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(path)
    if font["head"].unitsPerEm == 1000:
        return path
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / "motcua-fonts" / f"{Path(path).stem}-{digest}-1000.ttf"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        scale_upem(font, 1000)
        partial = target.with_suffix(".part")
        font.save(str(partial))
        partial.replace(target)
    return str(target)


@lru_cache(maxsize=4)
def _fonts(regular: str, bold: str) -> tuple[str, str]:
    if regular:
        return _rescaled(regular), _rescaled(bold or regular)
    for reg, bld in _FONT_CANDIDATES:
        if Path(reg).exists() and Path(bld).exists():
            return _rescaled(reg), _rescaled(bld)
    raise RuntimeError(
        "Không tìm thấy phông chữ tiếng Việt cho hình thức chữ ký "
        "(cài fonts-noto-core hoặc đặt MOTCUA_SIGNATURE_FONT)."
    )


def fonts() -> tuple[str, str]:
    """(regular, bold) TrueType files with Vietnamese glyphs, at 1000 units per em."""
    return _fonts(*conf.font_paths())


# What signature appearances write: Vietnamese and Latin letters, combining marks, punctuation,
# the đồng sign and №. Every signature subsets its font again (pyHanko, through fontTools), and a
# file of these glyphs alone subsets in a third of the time of the whole Noto font.
VIETNAMESE_TEXT = frozenset(
    [
        *range(0x20, 0x7F),  # ASCII
        *range(0xA0, 0x250),  # Latin-1, Latin Extended-A and -B (Ă Đ Ĩ Ũ Ơ Ư)
        *range(0x300, 0x370),  # combining diacritical marks
        *range(0x1E00, 0x1F00),  # Latin Extended Additional (Ạ … ỹ)
        *range(0x2000, 0x2070),  # general punctuation
        0x20AB,  # ₫
        0x2116,  # №
    ]
)


@lru_cache(maxsize=8)
def _vietnamese_subset(path: str) -> tuple[str, frozenset[int]]:
    """A cached copy of the font with only VIETNAMESE_TEXT, its layout tables kept for shaping;
    and the code points it covers."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / "motcua-fonts" / f"{Path(path).stem}-{digest}-vi.ttf"
    if not target.exists():
        font = TTFont(path)
        options = subset.Options()
        options.layout_features = ["*"]  # kerning and mark positioning stay as in the full font
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(VIETNAMESE_TEXT))
        subsetter.subset(font)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")
        font.save(str(partial))
        partial.replace(target)
    covered = frozenset(TTFont(str(target)).getBestCmap())
    return str(target), covered


def font_for(texts: Iterable[str], *, bold: bool) -> str:
    """The font file to draw `texts` with: the small Vietnamese copy when it has every character,
    else the whole font (a name in another script still prints)."""
    regular, heavy = fonts()
    full = heavy if bold else regular
    small, covered = _vietnamese_subset(full)
    return small if all(ord(ch) in covered for text in texts for ch in text) else full


def iso_vn(moment: datetime) -> str:
    """ISO 8601 in Vietnam time with a colon in the offset: 2026-11-28T09:17:10+07:00."""
    return moment.astimezone(VN_TZ).replace(microsecond=0).isoformat()


def _parse_ts(value: str) -> datetime | None:
    try:
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Line:
    text: str
    size: float
    bold: bool = False
    color: tuple[float, float, float] = BLACK


@dataclass(frozen=True)
class Placed:
    """Something drawn in the appearance box at (x, y) (lower-left), in points."""

    x: float
    y: float
    width: float = 0.0
    height: float = 0.0


@dataclass(frozen=True)
class DecreeStampStyle(TextStampStyle):
    """A custom appearance: images and centred text lines at fixed positions in the field box.

    `texts` are (Line, centre_x, baseline_y); `images` are (PNG bytes, Placed). A line whose text
    contains "{ts}" gets the signing time (ISO 8601, +07:00).
    """

    texts: tuple[tuple[Line, float, float], ...] = ()
    images: tuple[tuple[bytes, Placed], ...] = ()
    align_left: bool = False
    border_width: int = 0
    timestamp_format: str = "%Y-%m-%dT%H:%M:%S%z"
    stamp_text: str = "%(ts)s"

    def create_stamp(self, writer: BasePdfFileWriter, box: layout.BoxConstraints, text_params: dict) -> Any:
        return DecreeStamp(writer=writer, style=self, box=box, text_params=text_params)


@lru_cache(maxsize=16)
def _encoded_image(png: bytes) -> tuple[tuple[generic.DictionaryObject, bytes], ...]:
    """pyHanko's image XObject for `png` (its soft mask first, when it has one): dictionaries and
    compressed data, made once in a scratch writer and kept.

    pyHanko decodes the PNG, splits off the alpha channel and deflates both again for every
    signature: a fifth of a signed result's CPU in the workers, for the same bytes every time.
    """
    from PIL import Image

    scratch = PdfFileWriter(init_page_tree=False)
    image = pil_image(Image.open(io.BytesIO(png)), scratch).get_object()
    streams = [image]
    if "/SMask" in image:
        streams.insert(0, image.raw_get("/SMask").get_object())
    # raw_get: the mask's reference is replaced by the new writer's, in the same place (key order
    # is the order written).
    return tuple(
        (generic.DictionaryObject({k: stream.raw_get(k) for k in stream}), stream.encoded_data)
        for stream in streams
    )


def add_image(png: bytes, writer: BasePdfFileWriter) -> generic.IndirectObject:
    """Add `png` to `writer` as an image XObject, as pyHanko's `pil_image` does (same objects in
    the same order, same bytes), from the kept encoding."""
    ref = None
    for entries, data in _encoded_image(png):
        dictionary = generic.DictionaryObject(
            {k: (ref if k == "/SMask" else v) for k, v in entries.items()}  # the mask, added just before
        )
        ref = writer.add_object(generic.StreamObject(dictionary, encoded_data=data))
    assert ref is not None
    return ref


class DecreeStamp(BaseStamp):
    def __init__(
        self,
        writer: BasePdfFileWriter,
        style: DecreeStampStyle,
        box: layout.BoxConstraints,
        text_params: dict,
    ) -> None:
        super().__init__(writer=writer, style=style, box=box)
        self.text_params = text_params or {}

    def _render_inner_content(self) -> list[bytes]:
        style: DecreeStampStyle = self.style
        commands: list[bytes] = []
        writer = self.writer
        assert writer is not None
        for index, (png, at) in enumerate(style.images):
            ref = add_image(png, writer)
            name = f"/MotcuaImg{index}"
            self.set_resource(ResourceType.XOBJECT, pdf_name(name), ref)
            commands.append(
                b"q %g 0 0 %g %g %g cm %s Do Q" % (at.width, at.height, at.x, at.y, name.encode())
            )
        if style.texts:
            moment = _parse_ts(str(self.text_params.get("ts", "")))
            stamp_time = iso_vn(moment) if moment else str(self.text_params.get("ts", ""))
            lines = [(line, line.text.replace("{ts}", stamp_time), x, y) for line, x, y in style.texts]
            engines: dict[bool, Any] = {}
            for line, text, x, y in lines:
                engine = engines.get(line.bold)
                if engine is None:
                    same_weight = (t for other, t, _x, _y in lines if other.bold == line.bold)
                    factory = GlyphAccumulatorFactory(font_for(same_weight, bold=line.bold), font_size=10)
                    engine = engines[line.bold] = factory.create_font_engine(writer)
                engine.font_size = line.size
                shaped = engine.shape(text)
                width = shaped.x_advance * line.size
                left = x if style.align_left else x - width / 2
                font_name = b"/MotcuaB" if line.bold else b"/MotcuaR"
                commands.append(
                    b"q %g %g %g rg BT %s %g Tf %g %g Td %s ET Q"
                    % (*line.color, font_name, line.size, left, y, shaped.graphics_ops)
                )
            for bold, engine in engines.items():
                name = "/MotcuaB" if bold else "/MotcuaR"
                self.set_resource(ResourceType.FONT, pdf_name(name), engine.as_resource())
        return commands


# Layouts -------------------------------------------------------------------------------------
Box = tuple[float, float, float, float]  # x1, y1, x2, y2 in points, PDF user space


@dataclass(frozen=True)
class FieldPlacement:
    """A signature field: its name, page (0-based, -1 = last) and box, with its appearance."""

    name: str
    page: int
    box: Box
    style: DecreeStampStyle | None = None


@dataclass(frozen=True)
class OfficialBlock:
    """What box 7 shows: authority prefix and title (e.g. "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), name."""

    title_lines: tuple[str, ...]
    full_name: str
    signature_image: bytes


@dataclass(frozen=True)
class SealBlock:
    agency_name: str
    seal_image: bytes


@dataclass
class Decree30Layout:
    """The two fields of a signed result: the official's block and the seal over its left third."""

    official: FieldPlacement
    seal: FieldPlacement
    image_box: Box = field(default=(0, 0, 0, 0))


def _fit(png: bytes, box: Box) -> Placed:
    """The image scaled to fit the box, keeping its proportions, centred."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as img:
        ratio = img.width / img.height
    x1, y1, x2, y2 = box
    width, height = x2 - x1, y2 - y1
    if width / height > ratio:
        w, h = height * ratio, height
    else:
        w, h = width, width / ratio
    return Placed(x=x1 + (width - w) / 2, y=y1 + (height - h) / 2, width=w, height=h)


def _seal_field(page: int, image: Box, seal: SealBlock, name: str) -> FieldPlacement:
    """The seal's circle covers the left third of the signature image, centred on it vertically."""
    x1, y1, x2, y2 = image
    diameter = SEAL_DIAMETER * MM
    right = x1 + (x2 - x1) / 3
    left = right - diameter
    centre_y = (y1 + y2) / 2
    bottom = centre_y - diameter / 2 - SEAL_CAPTION_HEIGHT * MM
    top = centre_y + diameter / 2
    caption = SEAL_CAPTION_HEIGHT * MM
    style = DecreeStampStyle(
        images=((seal.seal_image, Placed(0, caption, diameter, diameter)),),
        texts=(
            (Line(seal.agency_name, CAPTION_SIZE, color=SEAL_TEXT), diameter / 2, caption - 9),
            (Line("{ts}", CAPTION_SIZE, color=SEAL_TEXT), diameter / 2, caption - 17.5),
        ),
    )
    return FieldPlacement(name=name, page=page, box=(left, bottom, right, top), style=style)


def decree30_layout(
    *,
    page: int,
    official: OfficialBlock,
    seal: SealBlock,
    image_box: Box | None = None,
    block_origin: tuple[float, float] | None = None,
    official_field: str = "ChuKyNguoiCoThamQuyen",
    seal_field: str = "ChuKyCoQuan",
) -> Decree30Layout:
    """Fields for the official's signature and the agency seal.

    With `image_box` (the space the document leaves between title and name), the official's
    appearance is the image alone. Otherwise the whole block (title, image, name) is drawn with
    its lower-left corner at `block_origin`.
    """
    if image_box is not None:
        placed = _fit(official.signature_image, image_box)
        image = (placed.x, placed.y, placed.x + placed.width, placed.y + placed.height)
        official_style = DecreeStampStyle(
            images=((official.signature_image, Placed(0, 0, placed.width, placed.height)),)
        )
        official_placement = FieldPlacement(official_field, page, image, official_style)
        return Decree30Layout(official_placement, _seal_field(page, image, seal, seal_field), image)

    ox, oy = block_origin or (0.0, 0.0)
    width = BLOCK_WIDTH * MM
    name_band = 9 * MM
    image_h = SIGNATURE_IMAGE_HEIGHT * MM
    title_band = (len(official.title_lines) * 6 + 2) * MM
    height = name_band + image_h + title_band
    placed = _fit(official.signature_image, (0, name_band, width, name_band + image_h))
    placed = Placed(placed.x, placed.y, placed.width, placed.height)
    texts: list[tuple[Line, float, float]] = [
        (Line(official.full_name, NAME_SIZE, bold=True), width / 2, 2.5 * MM)
    ]
    y = height - 5 * MM
    for title in official.title_lines:
        texts.append((Line(title, TITLE_SIZE, bold=True), width / 2, y))
        y -= 6 * MM
    official_style = DecreeStampStyle(
        images=((official.signature_image, placed),),
        texts=tuple(texts),
    )
    official_placement = FieldPlacement(
        official_field, page, (ox, oy, ox + width, oy + height), official_style
    )
    image = (ox + placed.x, oy + placed.y, ox + placed.x + placed.width, oy + placed.y + placed.height)
    return Decree30Layout(official_placement, _seal_field(page, image, seal, seal_field), image)


def attachment_field(
    *, page_width: float, page_height: float, notation: str, name: str = "ChuKyCoQuanDinhKem"
) -> FieldPlacement:
    """Top right of the first page: number/notation and signing time, 10 pt black, no image."""
    width, height = 78 * MM, 12 * MM
    x2 = page_width - 12 * MM
    y2 = page_height - 6 * MM
    style = DecreeStampStyle(
        align_left=True,
        texts=(
            (Line(notation, ATTACHMENT_SIZE), 1.5 * MM, height - 4.5 * MM),
            (Line("{ts}", ATTACHMENT_SIZE), 1.5 * MM, height - 9.5 * MM),
        ),
    )
    return FieldPlacement(name=name, page=0, box=(x2 - width, y2 - height, x2, y2), style=style)


# Finding where the document wants the signature -------------------------------------------------
ANCHOR = "motcua-chu-ky"
ANCHOR_END = "motcua-chu-ky-het"


def find_anchor_box(
    reader: Any, anchor: str = ANCHOR, anchor_end: str = ANCHOR_END
) -> tuple[int, Box] | None:
    """The signature image box that the document's template marked with two named destinations.

    A printable template puts an element with id `motcua-chu-ky` at the top-left and one with id
    `motcua-chu-ky-het` at the bottom-right of the space between title and name; WeasyPrint
    turns ids into named destinations with page coordinates.
    """
    try:
        names = reader.root.get("/Names")
        dests = names.get("/Dests") if names else None
        if dests is None:
            return None
        found: dict[str, tuple[Any, float, float]] = {}
        stack = [dests]
        while stack and len(found) < 2:
            node = stack.pop()
            if "/Kids" in node:
                stack.extend(kid.get_object() for kid in node["/Kids"])
            entries = node.get("/Names", [])
            for i in range(0, len(entries) - 1, 2):
                key = str(entries[i])
                if key in (anchor, anchor_end):
                    dest = entries[i + 1].get_object()
                    if isinstance(dest, generic.DictionaryObject):
                        dest = dest["/D"]
                    page_ref = dest.raw_get(0) if hasattr(dest, "raw_get") else dest[0]
                    found[key] = (page_ref, float(dest[2]), float(dest[3]))
        if anchor not in found or anchor_end not in found:
            return None
        page_ref, x1, y2 = found[anchor]
        _page_end, x2, y1 = found[anchor_end]
        page_index = page_index_of(reader, page_ref)
        if page_index is None or x2 - x1 < 10 or y2 - y1 < 10:
            return None
        return page_index, (x1, y1, x2, y2)
    except Exception:  # a strange name tree means "no anchor", never a crash
        return None


def page_index_of(reader: Any, page_ref: Any) -> int | None:
    """The 0-based index of the page `page_ref` points at, in a reader or an incremental writer."""
    target = getattr(page_ref, "idnum", None)
    if target is None:
        return None
    for index in range(int(reader.root["/Pages"]["/Count"])):
        ref, _resources = reader.find_page_for_modification(index)
        if getattr(ref, "idnum", None) == target:
            return index
    return None
