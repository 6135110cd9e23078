"""Demo appearance images drawn with Pillow: an official's blue signature and an agency's red seal.

Real deployments upload the scanned signature (blue, transparent PNG) and the seal image (red,
transparent PNG, real size) per Decree 30/2020, Appendix I; these generators make stand-ins for
tests and the demo that look the part.
"""

from __future__ import annotations

import hashlib
import io
import math
import random
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

SIGNATURE_BLUE = (18, 44, 170)
SEAL_RED = (212, 22, 32)

_FONT_CANDIDATES = {
    "sans-bold": (
        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    "serif-italic": (
        "/usr/share/fonts/truetype/noto/NotoSerif-Italic.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf",
    ),
}


@lru_cache(maxsize=32)
def _font(kind: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in _FONT_CANDIDATES[kind]:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _png(image: Image.Image) -> bytes:
    # Not `optimize=True`: it tried every compression for some 40 ms an image to save 2-7 % of its
    # bytes, and a signed PDF holds the image deflated again by pyHanko, whatever the PNG's size.
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _catmull_rom(points: list[tuple[float, float]], steps: int = 14) -> list[tuple[float, float]]:
    """A smooth curve through the points, like a pen stroke."""
    if len(points) < 4:
        return points
    curve = []
    for i in range(1, len(points) - 2):
        p0, p1, p2, p3 = points[i - 1], points[i], points[i + 1], points[i + 2]
        for step in range(steps):
            t = step / steps
            t2, t3 = t * t, t * t * t
            x, y = (
                0.5
                * (
                    2 * p1[k]
                    + (-p0[k] + p2[k]) * t
                    + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t2
                    + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t3
                )
                for k in (0, 1)
            )
            curve.append((x, y))
    curve.append(points[-2])
    return curve


def signature_png(full_name: str, *, width: int = 900, height: int = 360) -> bytes:
    """A handwritten-looking signature in blue ink on a transparent background, stable per name."""
    seed = int.from_bytes(hashlib.sha256(full_name.encode()).digest()[:8], "big")
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    scale = 3  # draw large and scale down: smooth, anti-aliased strokes
    canvas = Image.new("RGBA", (width * scale, height * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    ink = (*SIGNATURE_BLUE, 255)

    # The given name in a slanted hand, then a flourish of loops and an underline swoosh.
    given = full_name.split()[-1] if full_name.split() else "Ký"
    font = _font("serif-italic", 150 * scale)
    draw.text((60 * scale, 40 * scale), given, font=font, fill=ink)
    left = 60 * scale + int(draw.textlength(given, font=font)) + 10 * scale

    points: list[tuple[float, float]] = [(left - 40 * scale, 200 * scale)]
    x = float(left)
    loops = rng.randint(3, 5)
    for _ in range(loops):
        top = rng.uniform(60, 110) * scale
        bottom = rng.uniform(190, 230) * scale
        step = rng.uniform(45, 70) * scale
        points += [(x, bottom), (x + step * 0.5, top), (x + step * 0.2, top + 10 * scale), (x + step, bottom)]
        x += step
    points += [(x + 40 * scale, 180 * scale), (x + 80 * scale, 150 * scale)]
    stroke = _catmull_rom(points)
    draw.line(stroke, fill=ink, width=9 * scale, joint="curve")

    swoosh = _catmull_rom(
        [
            (40 * scale, 300 * scale),
            (70 * scale, 280 * scale),
            (width * scale * 0.45, 265 * scale),
            (width * scale * 0.85, 240 * scale),
            ((width - 30) * scale, 215 * scale),
            ((width - 10) * scale, 205 * scale),
        ]
    )
    draw.line(swoosh, fill=ink, width=7 * scale, joint="curve")
    image = canvas.resize((width, height), Image.Resampling.LANCZOS)
    return _png(image.crop(image.getbbox() or (0, 0, width, height)))


def _text_on_arc(
    canvas: Image.Image, text: str, *, center: float, radius: float, font: ImageFont.FreeTypeFont, fill: tuple
) -> None:
    """Write text clockwise around a circle, centred on the top, letters upright to the outside."""
    draw = ImageDraw.Draw(canvas)
    widths = [draw.textlength(ch, font=font) for ch in text]
    spacing = font.size * 0.08
    total = sum(widths) + spacing * (len(text) - 1)
    # Spread the text over 200-320 degrees of the ring, as on a real seal.
    arc = min(max(total / radius, math.radians(200)), math.radians(320))
    scale = arc / (total / radius)
    angle = -math.pi / 2 - arc / 2
    for ch, w in zip(text, widths, strict=True):
        step = (w + spacing) * scale / radius
        mid = angle + (w * scale / radius) / 2
        size = int(font.size * 1.6)
        glyph = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((size / 2, size / 2), ch, font=font, fill=fill, anchor="mm")
        rotated = glyph.rotate(-math.degrees(mid) - 90, resample=Image.Resampling.BICUBIC)
        x = center + radius * math.cos(mid) - size / 2
        y = center + radius * math.sin(mid) - size / 2
        canvas.alpha_composite(rotated, (round(x), round(y)))
        angle += step


def _star(center: tuple[float, float], outer: float) -> list[tuple[float, float]]:
    inner = outer * 0.4
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = -math.pi / 2 + i * math.pi / 5
        points.append((center[0] + r * math.cos(a), center[1] + r * math.sin(a)))
    return points


def seal_png(ring_text: str, center_lines: list[str], *, size: int = 600) -> bytes:
    """A round red seal: the superior body around the ring, the agency in the middle, a star on top."""
    canvas = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    red = (*SEAL_RED, 235)
    c = size / 2
    outer = size / 2 - 8
    draw.ellipse((c - outer, c - outer, c + outer, c + outer), outline=red, width=int(size * 0.022))
    inner = outer * 0.70
    draw.ellipse((c - inner, c - inner, c + inner, c + inner), outline=red, width=int(size * 0.008))
    ring_font = _font("sans-bold", int(size * 0.075))
    assert isinstance(ring_font, ImageFont.FreeTypeFont)
    _text_on_arc(canvas, ring_text.upper(), center=c, radius=(outer + inner) / 2, font=ring_font, fill=red)
    draw = ImageDraw.Draw(canvas)
    draw.polygon(_star((c, c - inner * 0.45), inner * 0.2), fill=red)
    line_font = _font("sans-bold", int(size * 0.07))
    y = c + size * 0.03 - (len(center_lines) - 1) * size * 0.0425
    for line in center_lines:
        draw.text((c, y), line.upper(), font=line_font, fill=red, anchor="mm")
        y += size * 0.085
    return _png(canvas)


def signature_placeholder_png(full_name: str) -> bytes:
    """Shown when the register has no signature image for the official: a plain "signed" mark."""
    font = _font("serif-italic", 90)
    probe = ImageDraw.Draw(Image.new("RGBA", (1, 1)))
    text = "(Đã ký số)"
    width = int(probe.textlength(text, font=font)) + 40
    canvas = Image.new("RGBA", (width, 150), (0, 0, 0, 0))
    ImageDraw.Draw(canvas).text((20, 20), text, font=font, fill=(*SIGNATURE_BLUE, 255))
    return _png(canvas)


def seal_placeholder_png(agency_name: str, *, size: int = 600) -> bytes:
    """Shown when the register has no seal image for the agency: a round mark, plainly not a seal."""
    canvas = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    red = (*SEAL_RED, 220)
    c, r = size / 2, size / 2 - 10
    draw.ellipse((c - r, c - r, c + r, c + r), outline=red, width=int(size * 0.015))
    ring_font = _font("sans-bold", int(size * 0.065))
    assert isinstance(ring_font, ImageFont.FreeTypeFont)
    _text_on_arc(canvas, agency_name.upper(), center=c, radius=r * 0.84, font=ring_font, fill=red)
    ImageDraw.Draw(canvas).text(
        (c, c), "CHỮ KÝ SỐ", font=_font("sans-bold", int(size * 0.08)), fill=red, anchor="mm"
    )
    return _png(canvas)
