"""POST/DELETE /api/v1/auth/token: exchange a password for a bearer token, and revoke it."""

from __future__ import annotations

from django.contrib.auth import authenticate
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from motcua.core.time import iso_local

from ..authentication import BearerTokenAuthentication
from ..errors import InvalidCredentials
from ..models import ApiToken
from ..serializers import TokenRequestSerializer, TokenResponseSerializer
from ..tokens import issue_token, revoke_token
from .common import error_responses

TAGS = ["Xác thực"]


class TokenView(APIView):
    # Only bearer tokens here: a browser session must not be able to mint tokens through CSRF.
    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="auth_token_create",
        tags=TAGS,
        auth=[],
        summary="Cấp mã truy cập (bearer token) bằng tên đăng nhập và mật khẩu",
        request=TokenRequestSerializer,
        responses={201: TokenResponseSerializer, **error_responses(400, 401, 429)},
    )
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = authenticate(request._request, username=data["username"], password=data["password"])
        if user is None:
            raise InvalidCredentials()
        raw, token = issue_token(user=user, name=data["name"])
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
