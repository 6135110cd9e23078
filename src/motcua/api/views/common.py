"""Pieces shared by the endpoint modules."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse

from ..serializers import ErrorSerializer


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    """OpenAPI responses for the listed error statuses, all in the common error shape."""
    descriptions = {
        400: "Dữ liệu không hợp lệ",
        401: "Chưa đăng nhập hoặc mã truy cập hết hạn",
        403: "Không có quyền",
        404: "Không tìm thấy",
        409: "Xung đột: hồ sơ đã thay đổi hoặc thao tác không hợp lệ ở trạng thái hiện tại",
        413: "Nội dung yêu cầu quá lớn",
        415: "Kiểu nội dung không được hỗ trợ (JSON hoặc multipart/form-data)",
        429: "Gửi quá nhiều yêu cầu",
        503: "Máy chủ đang bận; thử lại sau số giây trong Retry-After",
    }
    return {code: OpenApiResponse(ErrorSerializer, description=descriptions[code]) for code in codes}
