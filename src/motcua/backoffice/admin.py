"""Administrator pages of the back office: the login audit, authenticators and enrolment codes.

django-otp's own page for authenticators shows each key and its QR code; it is replaced here by one
that never shows a key, a QR code or an otpauth:// URI, and whose only action is a reset.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.agencies.selectors import is_system_administrator
from motcua.core.errors import DomainError
from motcua.core.time import local

from .enrolment import issue_enrolment_code, reset_authenticator
from .models import EnrolmentCode, LoginAudit


@admin.register(LoginAudit)
class LoginAuditAdmin(admin.ModelAdmin):
    """Read only: the audit trail of back-office logins is never edited by hand."""

    list_display = ("at", "username", "stage", "success", "reason", "ip")
    list_filter = ("stage", "success")
    search_fields = ("username", "ip")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AdministratorsOnly(admin.ModelAdmin):
    """Second-factor records: seen by system administrators, never edited by hand."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_system_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_administrator(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
# django-otp names its model in English without gettext; the administrators read Vietnamese.
TOTPDevice._meta.verbose_name = gettext_lazy("ứng dụng xác thực")
TOTPDevice._meta.verbose_name_plural = gettext_lazy("ứng dụng xác thực")


@admin.register(TOTPDevice)
class AuthenticatorAdmin(AdministratorsOnly):
    """Who has an authenticator app, since when; a reset for a lost phone. Never the key."""

    list_display = ("user", "name", "confirmed", "created_at", "last_used_at", "throttling_failure_count")
    list_filter = ("confirmed",)
    search_fields = ("user__username", "user__full_name", "user__email")
    list_select_related = ("user",)
    fields = (
        "user",
        "name",
        "confirmed",
        "created_at",
        "last_used_at",
        "throttling_failure_timestamp",
        "throttling_failure_count",
    )
    readonly_fields = fields
    actions = ("reset",)

    def has_reset_permission(self, request: HttpRequest) -> bool:
        return is_system_administrator(request.user)

    @admin.action(
        description=gettext_lazy("Đặt lại ứng dụng xác thực (cán bộ cần mã đăng ký mới)"),
        permissions=("reset",),
    )
    def reset(self, request: HttpRequest, queryset: QuerySet[TOTPDevice]) -> HttpResponse | None:
        done = []
        for officer in {device.user for device in queryset.select_related("user")}:
            try:
                reset_authenticator(officer=officer, by=request.user)
            except DomainError as exc:
                messages.error(request, f"{officer}: {exc.message}")
            else:
                done.append(officer)
        if len(done) == 1:
            messages.success(
                request,
                _("Đã đặt lại ứng dụng xác thực của %(name)s. Cấp mã đăng ký mới để cán bộ đăng ký lại.")
                % {"name": done[0]},
            )
            url = reverse("admin:backoffice_enrolmentcode_add", current_app=self.admin_site.name)
            return HttpResponseRedirect(f"{url}?user={done[0].pk}")
        if done:
            messages.success(
                request,
                _("Đã đặt lại ứng dụng xác thực của %(count)d cán bộ. Cấp mã đăng ký mới cho từng người.")
                % {"count": len(done)},
            )
        return None


class IssueCodeForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Tên đăng nhập của cán bộ"), max_length=150)


@admin.register(EnrolmentCode)
class EnrolmentCodeAdmin(AdministratorsOnly):
    """Issued codes (only their HMAC is kept); adding one shows the new code once."""

    list_display = ("user", "channel", "created_at", "expires_at", "used_at", "issued_by")
    list_filter = ("channel",)
    search_fields = ("user__username", "user__full_name")
    list_select_related = ("user", "issued_by")
    fields = ("user", "channel", "created_at", "expires_at", "used_at", "issued_by")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_system_administrator(request.user)

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if not self.has_add_permission(request):
            raise DjangoPermissionDenied
        initial = {}
        chosen = request.GET.get("user", "")
        if chosen.isdigit() and len(chosen) < 19:
            username = (
                get_user_model().objects.filter(pk=int(chosen)).values_list("username", flat=True).first()
            )
            initial = {"username": username or ""}
        form = IssueCodeForm(request.POST if request.method == "POST" else None, initial=initial)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Cấp mã đăng ký ứng dụng xác thực"),
            "form": form,
        }
        if request.method == "POST" and form.is_valid():
            officer = get_user_model().objects.filter(username=form.cleaned_data["username"]).first()
            if officer is None:
                form.add_error("username", _("Không có tài khoản này."))
            else:
                try:
                    code, row = issue_enrolment_code(officer=officer, issued_by=request.user)
                except DomainError as exc:
                    form.add_error("username", exc.message)
                else:
                    context.update(officer=officer, code=code, expires_at=local(row.expires_at))
                    response = TemplateResponse(
                        request, "admin/backoffice/enrolmentcode/issued.html", context
                    )
                    add_never_cache_headers(response)
                    return response
        return TemplateResponse(request, "admin/backoffice/enrolmentcode/issue.html", context)
