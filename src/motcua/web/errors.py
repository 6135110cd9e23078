"""Our own error pages (404, 403, 400, 500, CSRF failure): the portal's look, Vietnamese first.

They never show a stack trace or the list of routes. Each page is rendered from a plain context
with no context processors, so that it still renders when the database, the session or a context
processor is what failed (a 500 must never raise a second error while reporting the first).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def _language(request: HttpRequest) -> str:
    """The language the user chose (the cookie), else Vietnamese; the same rule as the middleware."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _csrf_token(request: HttpRequest) -> str:
    try:
        return get_token(request)
    except Exception:
        return ""


def _api_error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message, "details": {}}}, status=status)


def render_error(request: HttpRequest, status: int, *, title: str, lead: str, hint: str = "") -> HttpResponse:
    """The error page, rendered without touching the database or any context processor."""
    with translation.override(_language(request)):
        context: dict[str, Any] = {
            "SITE_NAME": settings.MOTCUA_SITE_NAME,
            "PROVINCE_NAME": settings.MOTCUA_PROVINCE_NAME,
            "DEMO_MODE": settings.DEMO_MODE,
            "status": status,
            "title": title,
            "lead": lead,
            "hint": hint,
            "path": request.path,
            "csrf_token": _csrf_token(request),
        }
        body = loader.get_template("web/errors/error.html").render(context)
        response = HttpResponse(body, status=status)
        response["Content-Language"] = translation.get_language()
        return response


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    with translation.override(_language(request)):
        if request.path.startswith(API_PREFIX):
            return _api_error(404, "not_found", _("Không tìm thấy."))
        return render_error(
            request,
            404,
            title=_("Không tìm thấy trang"),
            lead=_("Địa chỉ bạn mở không có trên Cổng, hoặc trang đã được chuyển đi."),
            hint=_("Hãy kiểm tra lại địa chỉ, tìm thủ tục từ trang chủ hoặc tra cứu hồ sơ bằng mã hồ sơ."),
        )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    with translation.override(_language(request)):
        if request.path.startswith(API_PREFIX):
            return _api_error(403, "permission_denied", _("Bạn không có quyền thực hiện thao tác này."))
        return render_error(
            request,
            403,
            title=_("Không có quyền truy cập"),
            lead=_("Tài khoản của bạn không được phép mở trang này."),
            hint=_(
                "Nếu bạn cho rằng đây là nhầm lẫn, hãy đăng nhập bằng tài khoản khác hoặc liên hệ "
                "bộ phận hỗ trợ."
            ),
        )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    with translation.override(_language(request)):
        if request.path.startswith(API_PREFIX):
            return _api_error(400, "bad_request", _("Yêu cầu không hợp lệ."))
        return render_error(
            request,
            400,
            title=_("Yêu cầu không hợp lệ"),
            lead=_("Trình duyệt đã gửi một yêu cầu mà hệ thống không đọc được."),
            hint=_("Hãy quay lại trang trước và thử lại."),
        )


def server_error(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    with translation.override(_language(request)):
        if request.path.startswith(API_PREFIX):
            return _api_error(500, "server_error", _("Hệ thống đang gặp sự cố. Vui lòng thử lại sau."))
        return render_error(
            request,
            500,
            title=_("Hệ thống đang gặp sự cố"),
            lead=_("Yêu cầu của bạn chưa được thực hiện do lỗi của hệ thống, không phải do bạn."),
            hint=_(
                "Dữ liệu đã lưu trước đó vẫn được giữ nguyên. Vui lòng thử lại sau ít phút; nếu vẫn lỗi, "
                "hãy liên hệ bộ phận hỗ trợ."
            ),
        )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its security code: usually a page left open too long, or cookies off."""
    with translation.override(_language(request)):
        if request.path.startswith(API_PREFIX):
            return _api_error(
                403,
                "csrf_failed",
                _("Thiếu mã CSRF của phiên đăng nhập; hãy gửi kèm mã CSRF hoặc dùng mã truy cập (Bearer)."),
            )
        return render_error(
            request,
            403,
            title=_("Phiên làm việc đã hết hạn"),
            lead=_("Biểu mẫu không gửi được vì mã bảo mật của trang đã hết hiệu lực."),
            hint=_("Hãy tải lại trang rồi gửi lại. Trình duyệt cần cho phép cookie của Cổng dịch vụ công."),
        )
