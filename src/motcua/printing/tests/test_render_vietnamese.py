"""Vietnamese text survives the trip to PDF, and the QR code is embedded."""

import io

from pypdf import PdfReader

from motcua.printing.render import qr_data_uri, render_pdf


def test_vietnamese_diacritics_come_back_out_of_the_pdf():
    name = "Nguyễn Thị Hương Giang – Đường Hàng Đào, Ỷ Lan"
    pdf = render_pdf(
        "printing/specimen.html", {"name": name, "qr": qr_data_uri("https://motcua.example/t/ABC")}
    )
    assert pdf.startswith(b"%PDF-")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert f"Ông/Bà: {name}" in text


def test_qr_is_an_svg_data_uri():
    assert qr_data_uri("G09.20-20260609-0092637").startswith("data:image/svg+xml")
