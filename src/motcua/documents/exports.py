"""A register as xlsx (openpyxl) and as PDF (WeasyPrint, printing package)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any


def xlsx(title: str, agency: str, year: int, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([agency.upper()])
    sheet.append([f"{title.upper()} NĂM {year}"])
    sheet["A1"].font = Font(bold=True)
    sheet["A2"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append(list(columns))
    for cell in sheet[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        # A cell a spreadsheet would run as a formula is written as text.
        sheet.append([f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v for v in row])
    for index in range(1, len(columns) + 1):
        sheet.column_dimensions[sheet.cell(row=4, column=index).column_letter].width = 22
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def pdf(title: str, agency: Any, year: int, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    from motcua.printing.render import render_pdf

    from .rendering import issuing_body

    top, name = issuing_body(agency)
    return render_pdf(
        "documents/register.html",
        {"title": title, "body_top": top, "body_name": name, "year": year, "columns": columns, "rows": rows},
    )
