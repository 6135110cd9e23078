"""The code tables of edXML, as data: status codes, business document types, XML names."""

from __future__ import annotations

from enum import IntEnum

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
PREFIX = "edXML"
DS_NS = "http://www.w3.org/2000/09/xmldsig#"
XLINK_NS = "http://www.w3.org/1999/xlink"


def q(local: str) -> str:
    """The Clark name of an element in the QCVN namespace."""
    return f"{{{NS}}}{local}"


# StatusCode (QCVN 102:2016; the same table in four independent implementations). A string: the
# leading zero is part of the code.
STATUS_CODES: dict[str, str] = {
    "01": "Đã đến (văn thư chưa xử lý)",
    "02": "Từ chối tiếp nhận",
    "03": "Đã tiếp nhận, vào sổ",
    "04": "Đã phân công xử lý",
    "05": "Đang xử lý",
    "06": "Hoàn thành",
    "13": "Yêu cầu lấy lại",
    "15": "Đồng ý lấy lại / cập nhật",
    "16": "Từ chối lấy lại / cập nhật",
}


class BusinessDocType(IntEnum):
    """Bussiness/BussinessDocType: what the message does to the document."""

    NEW = 0
    REVOKE = 1
    UPDATE = 2
    REPLACE = 3

    @property
    def label(self) -> str:
        return BUSINESS_DOC_TYPE_LABELS[self]


BUSINESS_DOC_TYPE_LABELS: dict[BusinessDocType, str] = {
    BusinessDocType.NEW: "Văn bản mới",
    BusinessDocType.REVOKE: "Thu hồi văn bản",
    BusinessDocType.UPDATE: "Cập nhật văn bản",
    BusinessDocType.REPLACE: "Thay thế văn bản",
}


# What lenient reading accepts with a warning and strict reading refuses: code -> message template.
WARNINGS: dict[str, str] = {
    "date_day_first": "Ngày '{value}' ở {where} viết theo dạng dd/MM/yyyy; đã đọc thành {iso}.",
    "date_with_time": "Ngày '{value}' ở {where} kèm theo giờ; chỉ lấy phần ngày.",
    "date_impossible": "Ngày '{value}' ở {where} không tồn tại; bỏ qua giá trị này.",
    "date_unreadable": "Không đọc được ngày '{value}' ở {where}; bỏ qua giá trị này.",
    "not_a_number": "Giá trị '{value}' ở {where} không phải là số nguyên; bỏ qua giá trị này.",
    "status_code_unpadded": "Mã trạng thái '{value}' thiếu số 0 ở đầu; đã đọc thành '{padded}'.",
    "unbound_prefix": "Tiền tố không gian tên '{value}' được dùng mà không khai báo; đã bỏ qua tiền tố.",
    "unqualified_element": "Phần tử {where} không thuộc không gian tên của QCVN 102:2016; vẫn đọc theo tên.",
    "business_spelling": "Phần tử {where} viết 'Business' thay vì 'Bussiness' như QCVN 102:2016.",
    "author_instead_of_signer": "Thông tin người ký nằm trong phần tử Author (bản cũ) thay vì SignerInfo.",
    "signature_outside_xmldsig": (
        "Phần tử Signature ở {where} không thuộc không gian tên XMLDSig nên không được coi là chữ ký số."
    ),
    "document_id_format": (
        "Mã văn bản (DocumentId) '{value}' không theo dạng MãCơQuan,yyyy/MM/dd,Số/KýHiệu của QCVN 102:2016."
    ),
    "attachment_not_in_manifest": "Tệp đính kèm '{value}' không có trong danh mục (edXMLManifest).",
    "attachment_missing": "Danh mục (edXMLManifest) nêu tệp '{value}' nhưng thông điệp không kèm tệp này.",
    "zip_unreadable": "Tệp đính kèm '{value}' có dạng tệp nén nhưng không mở được.",
    "nested_unreadable": "Gói edXML '{value}' trong tệp nén đính kèm không đọc được: {reason}",
}
