"""The token endpoints: exchange credentials for a bearer token, list one's tokens, revoke them.

A citizen gives a password; a staff account (`agencies.selectors.is_staff_account`) also gives the
current TOTP code, checked by the back office's own rule, and each of its attempts is audited in
`LoginAudit` like a back-office login.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.accounts.identifiers import find_user
from motcua.agencies.selectors import is_staff_account
from motcua.backoffice.auth import SecondFactor, audit, check_second_factor
from motcua.backoffice.models import LoginAudit
from motcua.core.time import iso_local

from ..authentication import BearerTokenAuthentication
from ..errors import (
    InvalidCredentials,
    SecondFactorInvalid,
    SecondFactorLocked,
    SecondFactorNotEnrolled,
    SecondFactorRequired,
)
from ..models import ApiToken
from ..parsers import BoundedJSONParser
from ..serializers import TokenResponseSerializer
from ..throttles import ScopedThrottle
from ..token_serializers import ApiTokenSerializer, TokenRequestSerializer
from ..tokens import issue_token, live_tokens, revoke_own_token, revoke_token
from .common import error_responses

TAGS = ["Xác thực"]

TOKEN_DESCRIPTION = """
Công dân gửi `username` và `password`. Tài khoản cán bộ (có vai trò tại cơ quan, hoặc quản trị)
gửi thêm `otp`, mã 6 số đang hiển thị trên ứng dụng xác thực đã đăng ký ở phân hệ Một cửa điện tử.

Mã `error.code` khi bị từ chối:

* 401 `invalid_credentials`: sai tên đăng nhập hoặc mật khẩu (hoặc tài khoản đang tạm khóa);
* 401 `otp_required`: tài khoản cán bộ chưa gửi `otp`;
* 401 `otp_invalid`: `otp` sai hoặc đã hết hạn;
* 401 `otp_not_enrolled`: tài khoản cán bộ chưa đăng ký ứng dụng xác thực;
  đăng nhập `/can-bo/` để đăng ký trước;
* 429 `otp_locked`: nhập sai mã nhiều lần, thử lại sau `details.wait_seconds` giây;
* 429 `throttled`: gửi quá nhiều yêu cầu.

Mã truy cập hết hạn sau `MOTCUA_API_TOKEN_TTL_HOURS` giờ (mặc định 12). Mã của cán bộ còn hết hạn
sớm hơn khi không được dùng quá `MOTCUA_STAFF_IDLE_SECONDS` giây (mặc định 1800) và khi cán bộ
đăng xuất khỏi phân hệ Một cửa điện tử. Mọi mã hết hiệu lực khi mật khẩu của tài khoản thay đổi.
"""

# LoginAudit reasons for the API stage (Vietnamese, as the back office writes them).
AUDIT_REASONS = {
    SecondFactor.REQUIRED: "thiếu mã xác thực",
    SecondFactor.INVALID: "sai mã xác thực",
    SecondFactor.LOCKED: "tạm khóa do nhập sai nhiều lần",
    SecondFactor.NOT_ENROLLED: "chưa đăng ký ứng dụng xác thực",
}


def _refuse_second_factor(request: Request, user: Any, outcome: SecondFactor, locked_until: Any) -> None:
    audit(
        request._request, stage=LoginAudit.Stage.API, success=False, user=user, reason=AUDIT_REASONS[outcome]
    )
    if outcome is SecondFactor.LOCKED:
        wait = max(1, int((locked_until - timezone.now()).total_seconds())) if locked_until else None
        raise SecondFactorLocked(wait=wait)
    raise {
        SecondFactor.REQUIRED: SecondFactorRequired,
        SecondFactor.INVALID: SecondFactorInvalid,
        SecondFactor.NOT_ENROLLED: SecondFactorNotEnrolled,
    }[outcome]()


class TokenView(APIView):
    # Only bearer tokens here: a browser session must not be able to mint tokens through CSRF.
    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [AllowAny]
    throttle_classes = [ScopedThrottle]
    throttle_scope = "token"
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        operation_id="auth_token_create",
        tags=TAGS,
        auth=[],
        summary="Cấp mã truy cập (bearer token): mật khẩu, và với cán bộ thêm mã xác thực (TOTP)",
        description=TOKEN_DESCRIPTION,
        request=TokenRequestSerializer,
        responses={201: TokenResponseSerializer, **error_responses(400, 401, 415, 429)},
    )
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = authenticate(request._request, username=data["username"], password=data["password"])
        if user is None:
            named = find_user(data["username"])
            if named is not None and is_staff_account(named):
                audit(
                    request._request,
                    stage=LoginAudit.Stage.API,
                    success=False,
                    user=named,
                    reason="sai thông tin",
                )
            raise InvalidCredentials()
        if is_staff_account(user):
            check = check_second_factor(user, data["otp"])
            if check.outcome is not SecondFactor.OK:
                _refuse_second_factor(request, user, check.outcome, check.locked_until)
        raw, token = issue_token(user=user, name=data["name"])
        if token.for_staff:
            audit(
                request._request,
                stage=LoginAudit.Stage.API,
                success=True,
                user=user,
                reason="cấp mã truy cập",
            )
        body = {"token": raw, "expires_at": iso_local(token.expires_at)}
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="auth_token_revoke",
        tags=TAGS,
        summary="Thu hồi mã truy cập đang dùng",
        request=None,
        responses={204: OpenApiResponse(description="Đã thu hồi"), **error_responses(401, 429)},
    )
    def delete(self, request: Request) -> Response:
        if not isinstance(request.auth, ApiToken):
            raise NotAuthenticated()
        revoke_token(request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="auth_tokens_list",
        tags=TAGS,
        summary="Các mã truy cập còn hiệu lực của tôi (không bao giờ hiện lại chính mã)",
        responses={200: ApiTokenSerializer(many=True), **error_responses(401)},
    )
    def get(self, request: Request) -> Response:
        current = request.auth.pk if isinstance(request.auth, ApiToken) else None
        rows = [
            {"token": state.token, "expires_at": state.expires_at, "current": state.token.pk == current}
            for state in live_tokens(request.user)
        ]
        return Response(ApiTokenSerializer(rows, many=True).data)


class TokenDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="auth_tokens_revoke",
        tags=TAGS,
        summary="Thu hồi một mã truy cập của tôi",
        request=None,
        responses={204: OpenApiResponse(description="Đã thu hồi"), **error_responses(401, 404)},
    )
    def delete(self, request: Request, token_id: int) -> Response:
        revoke_own_token(user=request.user, token_id=token_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
