"""Request and response shapes of the token endpoints (/api/v1/auth/...)."""

from __future__ import annotations

from rest_framework import serializers

from .serializers import LocalDateTimeField


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=256, trim_whitespace=False, style={"input_type": "password"})
    otp = serializers.CharField(
        max_length=10,
        required=False,
        default="",
        allow_blank=True,
        help_text=(
            "Mã xác thực 6 số (TOTP) đang hiển thị trên ứng dụng xác thực. Bắt buộc với tài khoản cán bộ; "
            "công dân không cần."
        ),
    )
    name = serializers.CharField(
        max_length=100,
        required=False,
        default="",
        allow_blank=True,
        help_text="Tên gợi nhớ của ứng dụng dùng mã truy cập.",
    )


class ApiTokenSerializer(serializers.Serializer):
    """One of the caller's tokens; the token itself is never shown again."""

    id = serializers.IntegerField(source="token.pk")
    name = serializers.CharField(source="token.name")
    created_at = LocalDateTimeField(source="token.created_at")
    last_used_at = LocalDateTimeField(source="token.last_used_at", allow_null=True)
    expires_at = LocalDateTimeField(
        help_text="Hết hiệu lực lúc này nếu không được dùng tiếp (mã của cán bộ được gia hạn khi dùng)."
    )
    current = serializers.BooleanField(help_text="Là mã đang dùng cho chính yêu cầu này.")
