"""Why a checkpoint was not made, in Vietnamese for the administrator reading the console."""

from __future__ import annotations

from motcua.core.errors import DomainError


class AnchorError(DomainError):
    code = "anchor_failed"
    default_message = "Không tạo được điểm neo chuỗi sự kiện."


class NoSeal(AnchorError):
    code = "anchor_no_seal"
    default_message = (
        "Chưa có con dấu số (chứng thư số cơ quan có khóa trên máy chủ) để ký điểm neo: đăng ký con dấu "
        "của UBND tỉnh, hoặc đặt MOTCUA_ANCHOR_AGENCY là mã cơ quan có con dấu."
    )
