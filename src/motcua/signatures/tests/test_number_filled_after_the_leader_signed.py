"""The clerk writes the number and date into a result the leader has already signed (Decree 30 Art. 14-16).

The official's signature stays valid (filling a form field is allowed after signing), the agency
seal signed afterwards covers the number, and the page shows the number and date where the
template left them blank.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from motcua.documents import rendering
from motcua.signatures import appearance, images, issuefields, pdfsign
from motcua.signatures.verification import Verdict, verify_pdf


def _page(**overrides) -> rendering.ResultPage:
    values = {
        "body_top": "UBND TỈNH QUẢNG TRỊ",
        "body_name": "SỞ TƯ PHÁP",
        "notation": "",
        "place": "Quảng Trị",
        "issued_on": None,
        "type_title": "QUYẾT ĐỊNH",
        "summary": "Về việc cấp phép cho Ông Nguyễn Văn Đức",
        "paragraphs": ["Điều 1. Chấp thuận.", "Điều 2. Quyết định có hiệu lực kể từ ngày ký."],
        "signer": rendering.Signer(("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), "Nguyễn Văn An"),
        "recipients": ["Ông Nguyễn Văn Đức;", "Lưu: VT."],
        "draft": False,
    }
    values.update(overrides)
    return rendering.ResultPage(**values)


@pytest.fixture(scope="module")
def for_signing() -> bytes:
    return rendering.render(_page())


def _text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: install the Debian package poppler-utils")
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode()


def test_the_layout_for_signing_has_empty_number_and_date_fields(for_signing):
    assert issuefields.has_issue_fields(for_signing)
    assert "DỰ THẢO" not in _text(for_signing)


def test_a_pdf_without_the_marks_is_left_alone():
    plain = rendering.render(_page(notation="05/QĐ-STP", issued_on=date(2026, 12, 7)))
    assert not issuefields.has_issue_fields(plain)


def test_number_and_date_filled_after_the_official_signed_and_then_sealed(signing, for_signing):
    pki = signing.pki
    reader = PdfFileReader(io.BytesIO(for_signing))
    page, box = appearance.find_anchor_box(reader)
    layout = appearance.decree30_layout(
        page=page,
        official=appearance.OfficialBlock(
            ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), "Nguyễn Văn An", images.signature_png("Nguyễn Văn An")
        ),
        seal=appearance.SealBlock("Sở Tư pháp", images.seal_png("UBND tỉnh Quảng Trị", ["Sở Tư pháp"])),
        image_box=box,
    )
    tsa = pdfsign.timestamper(pki.tsa_url)
    official = pdfsign.sign_pdf(
        for_signing,
        signer=signing.signer("official"),
        field_name=layout.official.name,
        placement=layout.official,
        level="B-T",
        tsa=tsa,
    )
    filled = issuefields.fill_issue_fields(
        official, issuefields.IssueText("05/QĐ-STP", "ngày 07 tháng 12 năm 2026")
    )
    sealed = pdfsign.sign_pdf(
        filled,
        signer=signing.signer("seal"),
        field_name=layout.seal.name,
        placement=layout.seal,
        level="B-T",
        tsa=tsa,
    )
    report = verify_pdf(sealed, trust_roots=signing.roots, with_xml=False)
    assert report.verdict == Verdict.VALID, report
    assert len(report.signatures) == 2
    text = _text(sealed)
    assert "Số: 05/QĐ-STP" in text
    assert "Quảng Trị, ngày 07 tháng 12 năm 2026" in text
    if os.environ.get("MOTCUA_SCREENSHOTS"):
        Path(os.environ["MOTCUA_SCREENSHOTS"], "issued-signed-result.pdf").write_bytes(sealed)
