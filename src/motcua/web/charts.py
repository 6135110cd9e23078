"""Charts drawn on the server as inline SVG (no script, no CDN): readable on a phone, printable.

Each chart is an <svg role="img"> with a <title> and a text alternative; the page shows the same
figures in a table next to it, so the chart never carries information alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

BAR_COLOUR = "#1d5fa8"
SECOND_COLOUR = "#8a5a00"


def horizontal_bars(
    items: Sequence[tuple[str, float | None]], *, title: str, unit: str = "%", maximum: float = 100
) -> SafeString:
    """One bar per item (label, value); None is drawn as 'N/A'."""
    row, label_w, width = 28, 190, 520
    height = row * len(items) + 8
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    span = width - label_w - 70
    for i, (label, value) in enumerate(items):
        y = i * row + 4
        short = label if len(label) <= 30 else label[:29] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 17}" text-anchor="end" font-size="13" fill="#222">'
            f"{escape(short)}</text>"
        )
        if value is None:
            parts.append(f'<text x="{label_w}" y="{y + 17}" font-size="13" fill="#444">N/A</text>')
            continue
        w = max(1.0, span * min(value, maximum) / maximum) if maximum else 1.0
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="18" fill="{BAR_COLOUR}"/>')
        parts.append(
            f'<text x="{label_w + w + 6:.1f}" y="{y + 17}" font-size="13" fill="#222">'
            f"{escape(_number(value))}{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)


def columns(
    labels: Sequence[str], first: Sequence[int], second: Sequence[int], *, title: str, legend: tuple[str, str]
) -> SafeString:
    """Two columns per period (e.g. received and resolved per month)."""
    width, height, base, left = 640, 230, 180, 40
    top = max([1, *first, *second])
    slot = (width - left) / max(1, len(labels))
    bar = max(4.0, slot / 2 - 4)
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<line x1="{left}" y1="{base}" x2="{width}" y2="{base}" stroke="#555"/>',
        f'<text x="{left - 4}" y="14" text-anchor="end" font-size="11" fill="#222">{top}</text>',
    ]
    for i, label in enumerate(labels):
        x = left + i * slot + 2
        for j, (values, colour) in enumerate(((first, BAR_COLOUR), (second, SECOND_COLOUR))):
            h = (base - 20) * values[i] / top
            parts.append(
                f'<rect x="{x + j * (bar + 2):.1f}" y="{base - h:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{colour}"/>'
            )
        parts.append(
            f'<text x="{x + bar:.1f}" y="{base + 16}" text-anchor="middle" font-size="11" fill="#222">'
            f"{escape(label)}</text>"
        )
    parts.append(
        f'<rect x="{left}" y="{height - 14}" width="10" height="10" fill="{BAR_COLOUR}"/>'
        f'<text x="{left + 14}" y="{height - 5}" font-size="12" fill="#222">{escape(legend[0])}</text>'
        f'<rect x="{left + 160}" y="{height - 14}" width="10" height="10" fill="{SECOND_COLOUR}"/>'
        f'<text x="{left + 174}" y="{height - 5}" font-size="12" fill="#222">{escape(legend[1])}</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)


def _number(value: float) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")


__all__ = ["columns", "format_html", "horizontal_bars"]
