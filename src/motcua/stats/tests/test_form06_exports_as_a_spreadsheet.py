"""Form 06 as xlsx: the official headings, the levels, the rows and the total."""

import io
from datetime import date

from openpyxl import load_workbook

from motcua.stats.exports import HEADINGS, form_06_xlsx
from motcua.stats.selectors import Report


def test_spreadsheet_has_the_form_columns_levels_and_total():
    row = dict.fromkeys((c for c, _ in HEADINGS if c != "on_time_rate"), 1)
    row.update(on_time_rate=None, agency={"code": "X.01", "name": "UBND xã Cam Lộ"}, level="commune")
    report = Report(date(2026, 1, 1), date(2026, 3, 31), "agency", [row], {**row, "on_time_rate": 50.0})
    sheet = load_workbook(io.BytesIO(form_06_xlsx(report, title="Biểu 06/VPCP/KSTT"))).active
    values = [[c for c in r if c is not None] for r in sheet.iter_rows(values_only=True)]
    assert values[0] == ["Biểu 06/VPCP/KSTT"]
    assert values[2][2] == "Tổng số hồ sơ tiếp nhận (3)"
    assert values[2][12] == "Quá hạn (13)"
    assert values[3] == ["Cấp xã (xã, phường, đặc khu)"]
    assert values[4][:3] == [1, "UBND xã Cam Lộ", 1]
    assert values[4][-1] == "N/A"
    assert values[5][0] == "Tổng cộng"
    assert values[5][-1] == 50.0
