"""Why an edXML message was refused: each error has a stable code and a Vietnamese message.

Every failure of reading, building, signing or verifying raises a subclass of `EdxmlError`, so a
caller (the command line, the inbox) needs one `except` and still tells the cases apart by `code`.
"""

from __future__ import annotations

from motcua.core.errors import ValidationFailed


class EdxmlError(ValidationFailed):
    """Base of every refusal; `code` is stable, the message is for the clerk."""

    code = "edxml_invalid"
    default_message = "Thông điệp edXML không hợp lệ."


class NotEdxml(EdxmlError):
    """Not an edXML message at all: empty, not XML, or another root element."""

    code = "not_edxml"
    default_message = "Tệp không phải là thông điệp edXML."


class MalformedXml(EdxmlError):
    code = "malformed_xml"
    default_message = "Thông điệp edXML bị lỗi cú pháp XML (có thể bị cắt cụt hoặc hỏng)."


class ForbiddenXml(EdxmlError):
    """DOCTYPE, entity declarations: never accepted, whatever the mode."""

    code = "forbidden_xml"
    default_message = "Thông điệp edXML chứa khai báo DOCTYPE hoặc thực thể (entity), không được chấp nhận."


class LimitExceeded(EdxmlError):
    code = "limit_exceeded"
    default_message = "Thông điệp edXML vượt quá giới hạn cho phép."


class WrongNamespace(EdxmlError):
    code = "wrong_namespace"
    default_message = "Thông điệp edXML không dùng không gian tên của QCVN 102:2016."


class InvalidContent(EdxmlError):
    """A field is missing or holds a value that no reading can repair."""

    code = "invalid_content"
    default_message = "Nội dung thông điệp edXML không hợp lệ."


class AttachmentUndecodable(EdxmlError):
    code = "attachment_undecodable"
    default_message = "Tệp đính kèm không giải mã được (base64 hỏng hoặc bị cắt cụt)."


class UnsafeArchive(EdxmlError):
    code = "unsafe_archive"
    default_message = "Tệp nén đính kèm không an toàn hoặc không mở được."


class StrictRefusal(EdxmlError):
    """Strict reading met something that lenient reading only warns about."""

    code = "strict_refusal"
    default_message = "Thông điệp edXML không tuân thủ đầy đủ QCVN 102:2016 (chế độ đọc nghiêm ngặt)."


class SignatureProblem(EdxmlError):
    """No usable XML signature, a broken one, or one that the trust store does not vouch for."""

    code = "signature_invalid"
    default_message = "Chữ ký số của thông điệp edXML không hợp lệ."


class BuildError(EdxmlError):
    code = "edxml_build_failed"
    default_message = "Không tạo được thông điệp edXML từ dữ liệu đã cho."
