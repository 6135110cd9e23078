"""HTML templates to PDF, and QR codes to embed in them.

Printed forms use the serif font bundled in `fonts/` (Noto Serif, SIL Open Font License, see
`fonts/OFL.txt`): it covers every Vietnamese letter, and bundling it makes a form look the same on
every machine instead of falling back to whatever serif the server happens to have.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import segno
from django.template.loader import render_to_string

FONT_DIR = Path(__file__).resolve().parent / "fonts"
# The family name the printing templates ask for first (printing/page.html).
FONT_FAMILY = "Motcua Serif"
FONT_FILES = {
    ("normal", "normal"): "NotoSerif-Regular.ttf",
    ("bold", "normal"): "NotoSerif-Bold.ttf",
    ("normal", "italic"): "NotoSerif-Italic.ttf",
    ("bold", "italic"): "NotoSerif-BoldItalic.ttf",
}


def font_faces_css() -> str:
    """@font-face rules for the bundled serif, by absolute file URL (independent of the page's base URL)."""
    return "\n".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{(FONT_DIR / name).as_uri()}"); }}'
        for (weight, style), name in FONT_FILES.items()
    )


def qr_data_uri(text: str, *, scale: int = 4) -> str:
    """An SVG QR code as a data: URI, for an <img> in a printable template."""
    return segno.make(text, error="m").svg_data_uri(scale=scale, border=1)


def _fonts() -> tuple[Any, Any]:
    """A font configuration with the bundled serif; one per document, as pango's state is not shared
    safely between the threads of a web server."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    return config, CSS(string=font_faces_css(), font_config=config)


def render_pdf(template_name: str, context: dict[str, Any], *, base_url: str | None = None) -> bytes:
    """Render a Django template that extends printing/page.html into PDF bytes."""
    from weasyprint import HTML  # imported here: loading pango costs time the web pages never need

    html = render_to_string(template_name, context)
    config, fonts = _fonts()
    return HTML(string=html, base_url=base_url).write_pdf(stylesheets=[fonts], font_config=config)
