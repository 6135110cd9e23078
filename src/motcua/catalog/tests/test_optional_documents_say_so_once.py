"""A required document whose own name says it may be left out is optional, and the optional
marker is not doubled on the pages ("(nếu có) nếu có")."""

from __future__ import annotations

import pytest

from motcua.catalog.documents import published_document

ID_SCAN = (
    "Bản chụp Thẻ căn cước (không phải nộp nếu thông tin đã được khai thác từ Cơ sở dữ liệu quốc gia "
    "về dân cư)"
)


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        (
            "Giấy tờ chứng minh thuộc đối tượng được miễn, giảm phí (nếu có)",
            "Giấy tờ chứng minh thuộc đối tượng được miễn, giảm phí",
        ),
        ("Mảnh trích đo bản đồ địa chính thửa đất ( nếu có )", "Mảnh trích đo bản đồ địa chính thửa đất"),
        (ID_SCAN, ID_SCAN),
    ],
)
def test_documents_that_may_be_left_out_are_optional(name, stored):
    row = published_document({"name": name, "is_mandatory": True})
    assert row["is_mandatory"] is False
    assert row["name"] == stored


def test_an_ordinary_document_stays_mandatory_and_unchanged():
    row = published_document({"name": "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "copy_type": "original"})
    assert row == {"name": "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "copy_type": "original"}


@pytest.mark.django_db
def test_the_judicial_record_page_shows_the_id_scan_as_optional_and_no_doubled_marker(client, judicial):
    from motcua.portal.tests.support import JUDICIAL_RECORD

    html = client.get(f"/thu-tuc/{JUDICIAL_RECORD}/").content.decode()
    assert "(nếu có) <span" not in html
    assert "(nếu có) nếu có" not in html
    scan = html.split("Bản chụp Thẻ căn cước")[1].split("</td>")[0]
    assert '<span class="badge">nếu có</span>' in scan
