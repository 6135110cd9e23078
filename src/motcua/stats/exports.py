"""Form 06 as a spreadsheet (openpyxl), in the order and with the headings of the official form."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .selectors import LEVEL_NAMES, Report

# Columns (3)-(13) of Form 06/VPCP/KSTT (Circular 01/2020/TT-VPCP), then the wider 2026 columns.
HEADINGS: tuple[tuple[str, str], ...] = (
    ("received_total", "Tổng số hồ sơ tiếp nhận (3)"),
    ("received_online", "Trực tuyến (4)"),
    ("received_direct", "Trực tiếp, bưu chính (5)"),
    ("carried_over", "Kỳ trước chuyển qua (6)"),
    ("resolved_total", "Tổng số đã giải quyết (7)"),
    ("resolved_early", "Trước hạn (8)"),
    ("resolved_on_time", "Đúng hạn (9)"),
    ("resolved_late", "Quá hạn (10)"),
    ("pending_total", "Tổng số đang giải quyết (11)"),
    ("pending_on_time", "Trong hạn (12)"),
    ("pending_overdue", "Quá hạn (13)"),
    ("received_online_e2e", "Trực tuyến toàn trình"),
    ("received_online_partial", "Trực tuyến một phần"),
    ("received_postal", "Bưu chính công ích"),
    ("resolved_late_with_apology", "Quá hạn có văn bản xin lỗi"),
    ("resolved_late_without_apology", "Quá hạn không có văn bản xin lỗi"),
    ("not_accepted", "Không tiếp nhận"),
    ("stopped", "Dừng giải quyết"),
    ("withdrawn", "Rút hồ sơ"),
    ("on_time_rate", "Tỷ lệ đúng hạn (%)"),
)


NAME_HEADINGS = {"agency": "Đơn vị (2)", "sector": "Lĩnh vực (2)", "procedure": "Thủ tục (2)"}


def form_06_xlsx(report: Report, *, title: str) -> bytes:
    """The report as an .xlsx file: one row per agency under its level (or per sector or procedure),
    then the total."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Biểu 06"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([f"Kỳ báo cáo: từ ngày {report.start:%d/%m/%Y} đến ngày {report.end:%d/%m/%Y}"])
    sheet.append(["STT (1)", NAME_HEADINGS[report.by], *(h for _, h in HEADINGS)])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    level = None
    for number, row in enumerate(report.rows, 1):
        if row.get("level") != level:
            level = row.get("level")
            if level:
                sheet.append(["", LEVEL_NAMES[level]])
                sheet.cell(sheet.max_row, 2).font = Font(bold=True)
        name = (row.get("agency") or row.get("sector") or row.get("procedure") or {}).get("name", "")
        sheet.append([number, name, *(_cell(row[c]) for c, _ in HEADINGS)])
    sheet.append(["", "Tổng cộng", *(_cell(report.total[c]) for c, _ in HEADINGS)])
    sheet.cell(sheet.max_row, 2).font = Font(bold=True)
    sheet.column_dimensions["B"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value: object) -> object:
    return "N/A" if value is None else value
