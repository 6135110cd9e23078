"""Messages as other vendors' systems write them: read leniently, values exact, deviations warned."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from motcua.core.time import VN_TZ
from motcua.exchange.edxml import (
    BusinessDocType,
    EDoc,
    ReadMode,
    StatusMessage,
    StrictRefusal,
    read,
    split_document_id,
)
from motcua.exchange.tests.conftest import sample


def codes_of(reading) -> list[str]:
    return [w.code for w in reading.warnings]


def test_a_new_document_with_two_attachments() -> None:
    reading = read(sample("edoc_new_two_attachments.xml"), mode=ReadMode.STRICT)
    doc = reading.message

    assert isinstance(doc, EDoc)
    assert reading.warnings == ()
    assert doc.from_.organ_id == "000.00.12.H48"
    assert doc.from_.organ_name == "Sở Tư pháp tỉnh Quảng Trị"
    assert [o.organ_id for o in doc.to] == ["000.00.14.H48"]
    assert (doc.code.code_number, doc.code.code_notation) == ("125", "STP-VP")
    assert doc.promulgation.promulgation_date == date(2026, 3, 2)
    assert doc.document_id == "000.00.12.H48,2026/03/02,125/STP-VP"
    assert doc.subject.startswith("Về việc cử cán bộ tham dự hội nghị")
    assert doc.signer.full_name == "Lê Văn Hùng"
    assert doc.other_info.page_amount == 2
    assert doc.business.doc_type is BusinessDocType.NEW
    assert doc.trace[0].timestamp == datetime(2026, 3, 2, 14, 5, 31, tzinfo=VN_TZ)
    first, second = doc.attachments
    assert first.content_id == "5d0c1a52-8f7e-4c1b-9a44-2b1f0e6c7d10"
    assert first.name == "125-STP-VP.pdf"
    assert first.data.startswith(b"%PDF-1.4")  # base64 wrapped over several lines
    assert first.description == "Công văn số 125/STP-VP"
    assert second.name == "danh-sach-dai-bieu.txt"
    assert second.content_type == "text/plain"
    assert second.description == "Danh sách đại biểu"  # from the manifest, matched by ContentId
    assert "Nguyễn Văn An" in second.data.decode()
    assert not reading.has_xmldsig  # an empty DigitalSignature element is no signature


def test_an_update_to_several_agencies_written_by_an_older_builder() -> None:
    reading = read(sample("edoc_update_several_receivers.xml"))
    doc = reading.message

    assert isinstance(doc, EDoc)
    assert [o.organ_id for o in doc.to] == ["000.00.12.H48", "000.00.14.H48", "000.00.21.H48"]
    assert doc.code.code_number == "07"  # the leading zero stays
    assert doc.business.doc_type is BusinessDocType.UPDATE
    assert [(r.organ_id, r.receiver_type) for r in doc.business.receivers] == [
        ("000.00.12.H48", 0),
        ("000.00.14.H48", 1),
        ("000.00.21.H48", 1),
    ]
    assert doc.business.replacements[0].document_id == "000.00.00.H48,2026,07"
    assert doc.business.replacements[0].organ_ids == ("000.00.12.H48", "000.00.14.H48")
    assert doc.signer.position == "CHỦ TỊCH"  # from Author/Function
    assert doc.other_info.appendixes == (
        "Phụ lục I: Danh mục thủ tục liên thông",
        "Phụ lục II: Quy trình nội bộ",
    )
    assert doc.response_for[0].document_id == "000.00.12.H48,2025/12/19,98/TTr-STP"
    assert codes_of(reading) == ["author_instead_of_signer"]


def test_both_document_id_forms_split() -> None:
    long = split_document_id("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT")
    short = split_document_id("000.00.01.H01,2018,10")

    assert long is not None
    assert (long.organ_id, long.promulgation_date, long.number, long.notation) == (
        "000.00.00.G22",
        date(2015, 9, 30),
        "7816",
        "VPCP-TTĐT",
    )
    assert short is not None
    assert (short.organ_id, short.year, short.number) == ("000.00.01.H01", 2018, "10")
    assert split_document_id("not an id") is None


def test_both_status_layouts_give_the_same_model() -> None:
    under_header = read(sample("status_in_message_header.xml"), mode=ReadMode.STRICT).message
    under_status = read(sample("status_in_status_element.xml"), mode=ReadMode.STRICT).message

    assert isinstance(under_header, StatusMessage)
    assert under_header == under_status
    assert under_header.status_code == "05"
    assert under_header.from_.organ_id == "000.00.14.H48"
    assert under_header.response_for.document_id == "000.00.12.H48,2026/03/02,125/STP-VP"
    assert under_header.timestamp == datetime(2026, 3, 3, 9, 12, 45, tzinfo=VN_TZ)
    assert under_header.staff is not None
    assert under_header.staff.staff == "Phan Thị Thu"


@pytest.mark.parametrize(
    ("name", "warning"),
    [
        ("edoc_unbound_xlink.xml", "unbound_prefix"),
        ("edoc_impossible_date.xml", "date_impossible"),
        ("edoc_dates_day_first.xml", "date_day_first"),
        ("edoc_qcvn_signature.xml", "signature_outside_xmldsig"),
        ("edoc_update_several_receivers.xml", "author_instead_of_signer"),
    ],
)
def test_strict_mode_refuses_what_lenient_mode_warns_about(name: str, warning: str) -> None:
    lenient = read(sample(name))

    assert warning in codes_of(lenient)
    assert all(w.message for w in lenient.warnings)
    with pytest.raises(StrictRefusal) as refused:
        read(sample(name), mode=ReadMode.STRICT)
    assert refused.value.details["warning"] == warning


def test_an_unbound_xlink_prefix_still_matches_the_attachment() -> None:
    doc = read(sample("edoc_unbound_xlink.xml")).message

    assert isinstance(doc, EDoc)
    assert doc.attachments[0].name == "kiem-tra-ket-noi.pdf"
    assert doc.attachments[0].content_id == "0b6f3c1e-2d4a-4e7b-8c9d-a1b2c3d4e5f6"


def test_an_impossible_date_is_dropped_not_rolled_over() -> None:
    reading = read(sample("edoc_impossible_date.xml"))

    assert isinstance(reading.message, EDoc)
    assert reading.message.promulgation.promulgation_date is None
    assert "2014/02/30" in reading.warnings[0].message


def test_day_first_dates_read_as_the_same_day() -> None:
    reading = read(sample("edoc_dates_day_first.xml"))
    doc = reading.message

    assert isinstance(doc, EDoc)
    assert doc.promulgation.promulgation_date == date(2020, 10, 30)
    assert doc.due_date == date(2020, 11, 15)
    assert doc.trace[0].timestamp == datetime(2020, 10, 30, 8, 15, tzinfo=VN_TZ)
    assert codes_of(reading) == ["date_day_first", "date_day_first"]


def test_a_signature_outside_the_xmldsig_namespace_is_not_a_signature() -> None:
    reading = read(sample("edoc_qcvn_signature.xml"))

    assert not reading.has_xmldsig
    assert "không thuộc không gian tên XMLDSig" in reading.warnings[0].message


def test_business_with_one_s_is_read_with_a_warning() -> None:
    xml = sample("edoc_new_two_attachments.xml").replace(b"Bussiness", b"Business")

    reading = read(xml)

    assert isinstance(reading.message, EDoc)
    assert reading.message.business.doc_reason == "Văn bản mới"
    assert set(codes_of(reading)) == {"business_spelling"}


def test_a_status_code_stored_as_a_number_gets_its_zero_back() -> None:
    xml = sample("status_in_message_header.xml").replace(b">05<", b">5<")

    reading = read(xml)

    assert isinstance(reading.message, StatusMessage)
    assert reading.message.status_code == "05"
    assert codes_of(reading) == ["status_code_unpadded"]


def test_elements_without_a_namespace_are_read_with_a_warning() -> None:
    xml = sample("edoc_new_two_attachments.xml").replace(b"<Attachment>", b'<Attachment xmlns="">')

    reading = read(xml)

    assert isinstance(reading.message, EDoc)
    assert len(reading.message.attachments) == 2
    assert codes_of(reading) == ["unqualified_element"]
