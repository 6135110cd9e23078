"""HTML templates to PDF, and QR codes to embed in them."""

from __future__ import annotations

from typing import Any

import segno
from django.template.loader import render_to_string


def qr_data_uri(text: str, *, scale: int = 4) -> str:
    """An SVG QR code as a data: URI, for an <img> in a printable template."""
    return segno.make(text, error="m").svg_data_uri(scale=scale, border=1)


def render_pdf(template_name: str, context: dict[str, Any], *, base_url: str | None = None) -> bytes:
    """Render a Django template that extends printing/page.html into PDF bytes."""
    from weasyprint import HTML  # imported here: loading pango costs time the web pages never need

    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=base_url).write_pdf()
