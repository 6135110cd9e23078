"""Administrator pages: the trust store, the certificate register, signing rules.

Every change goes through `services` (permission checks, key handling); the forms only collect input.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError
from motcua.core.time import now

from . import conf, services
from .models import Certificate, SigningRule, TrustAnchor, VerificationRecord
from .selectors import certificate_status


class TrustAnchorAddForm(forms.ModelForm):
    file = forms.FileField(label=_("Tệp chứng thư (PEM hoặc DER; PEM có thể chứa nhiều chứng thư)"))

    class Meta:
        model = TrustAnchor
        fields = ["note"]


@admin.register(TrustAnchor)
class TrustAnchorAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "not_after", "is_active", "fingerprint_sha256")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "subject", "fingerprint_sha256")
    readonly_fields = (
        "name",
        "kind",
        "subject",
        "issuer",
        "serial_hex",
        "not_before",
        "not_after",
        "fingerprint_sha256",
        "added_by",
        "added_at",
    )
    fields = (*readonly_fields, "is_active", "note")
    actions = ("deactivate", "activate")

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:

            class Adding(TrustAnchorAddForm):
                added: list[TrustAnchor]

                def clean(self) -> dict[str, Any]:
                    data = super().clean() or {}
                    if self.errors:
                        return data
                    try:
                        self.added = services.add_trust_anchors(
                            actor=request.user, data=data["file"].read(), note=data.get("note") or ""
                        )
                    except DomainError as exc:
                        raise forms.ValidationError(exc.message) from exc
                    return data

                def _post_clean(self) -> None:
                    pass

            kwargs["form"] = Adding
            kwargs["fields"] = ["file", "note"]
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["file", "note"] if obj is None else super().get_fields(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if obj is None else self.readonly_fields

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            services.set_trust_anchor_active(actor=request.user, anchor_id=obj.pk, active=obj.is_active)
            return
        added = form.added
        obj.pk = added[0].pk
        if len(added) > 1:
            messages.info(request, f"Đã thêm {len(added)} chứng thư vào kho chứng thư tin cậy.")

    @admin.action(description=_("Ngừng tin cậy các chứng thư đã chọn"))
    def deactivate(self, request: HttpRequest, queryset: QuerySet[TrustAnchor]) -> None:
        for anchor in queryset:
            services.set_trust_anchor_active(actor=request.user, anchor_id=anchor.pk, active=False)

    @admin.action(description=_("Tin cậy lại các chứng thư đã chọn"))
    def activate(self, request: HttpRequest, queryset: QuerySet[TrustAnchor]) -> None:
        for anchor in queryset:
            services.set_trust_anchor_active(actor=request.user, anchor_id=anchor.pk, active=True)


class CertificateImportForm(forms.ModelForm):
    file = forms.FileField(label=_("Tệp chứng thư (PEM, DER) hoặc PKCS#12 (.p12/.pfx) có khóa"))
    image = forms.FileField(label=_("Ảnh chữ ký / con dấu (PNG nền trong suốt)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read from the certificate when left empty; a PKCS#12 file sets the key storage itself.
        for name in ("display_name", "key_storage"):
            if name in self.fields:
                self.fields[name].required = False

    class Meta:
        model = Certificate
        fields = [
            "kind",
            "agency",
            "user",
            "display_name",
            "key_storage",
            "passphrase_env",
            "pkcs11_module",
            "pkcs11_token_label",
            "pkcs11_key_label",
            "pin_env",
        ]
        help_texts = {
            "passphrase_env": _(
                "Chỉ ghi TÊN biến môi trường (ví dụ MOTCUA_P12_SO_TU_PHAP); mật khẩu không lưu ở đây."
            ),
            "pin_env": _("Tên biến môi trường chứa mã PIN của thiết bị ký."),
        }


def _importing_form(request: HttpRequest) -> type[CertificateImportForm]:
    """The import form, bound to the administrator: clean() imports through the service."""

    class Importing(CertificateImportForm):
        imported: Certificate

        def clean(self) -> dict[str, Any]:
            data = super().clean() or {}
            if self.errors:
                return data
            image = data.get("image")
            try:
                self.imported = services.import_certificate(
                    actor=request.user,
                    data=data["file"].read(),
                    kind=data["kind"],
                    agency_id=data["agency"].pk if data.get("agency") else None,
                    user_id=data["user"].pk if data.get("user") else None,
                    display_name=data.get("display_name") or "",
                    passphrase_env=data.get("passphrase_env") or "",
                    key_storage=data.get("key_storage") or None,
                    pkcs11_module=data.get("pkcs11_module") or "",
                    pkcs11_token_label=data.get("pkcs11_token_label") or "",
                    pkcs11_key_label=data.get("pkcs11_key_label") or "",
                    pin_env=data.get("pin_env") or "",
                    appearance_image=image.read() if image else None,
                )
            except DomainError as exc:
                raise forms.ValidationError(exc.message) from exc
            return data

        def _post_clean(self) -> None:  # the service saved the record; skip the model validation
            pass

    return Importing


class CertificateChangeForm(forms.ModelForm):
    new_image = forms.FileField(label=_("Thay ảnh chữ ký / con dấu (PNG nền trong suốt)"), required=False)

    class Meta:
        model = Certificate
        fields = ["register_status", "status_reason"]


class ExpiringFilter(admin.SimpleListFilter):
    title = _("thời hạn")
    parameter_name = "han"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return (("sap-het", _("Sắp hết hạn")), ("het", _("Đã hết hạn")))

    def queryset(self, request: HttpRequest, queryset: QuerySet[Certificate]) -> QuerySet[Certificate]:
        moment = now()
        if self.value() == "sap-het":
            from datetime import timedelta

            return queryset.filter(
                not_after__gt=moment, not_after__lte=moment + timedelta(days=conf.expiry_warning_days())
            )
        if self.value() == "het":
            return queryset.filter(not_after__lte=moment)
        return queryset


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("display_name", "kind", "agency", "user", "status", "not_after", "key_storage")
    list_filter = ("kind", "register_status", "key_storage", ExpiringFilter)
    search_fields = ("display_name", "subject", "serial_hex", "fingerprint_sha256")
    list_select_related = ("agency", "user")
    readonly_fields = (
        "kind",
        "agency",
        "user",
        "display_name",
        "subject",
        "issuer",
        "serial_hex",
        "not_before",
        "not_after",
        "key_usage",
        "fingerprint_sha256",
        "key_storage",
        "pkcs12_path",
        "passphrase_env",
        "pkcs11_module",
        "pkcs11_token_label",
        "pkcs11_key_label",
        "pin_env",
        "appearance_image",
        "status_changed_at",
        "status_changed_by",
        "imported_by",
        "imported_at",
    )
    change_fields = (*readonly_fields, "new_image", "register_status", "status_reason")

    @admin.display(description=_("trạng thái"))
    def status(self, obj: Certificate) -> str:
        return str(certificate_status(obj).label)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = _importing_form(request)
            kwargs["fields"] = ["file", "image", *CertificateImportForm.Meta.fields]
        else:
            kwargs["form"] = CertificateChangeForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["file", "image", *CertificateImportForm.Meta.fields]
        return self.change_fields

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if obj is None else self.readonly_fields

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            image = form.cleaned_data.get("new_image")
            try:
                if image:
                    png = image.read(services.MAX_IMAGE_BYTES + 1)
                    services.set_appearance_image(actor=request.user, certificate_id=obj.pk, image=png)
                self._change_status(request, obj)
            except DomainError as exc:
                messages.error(request, exc.message)
            return
        obj.pk = form.imported.pk  # imported by the form's clean(), through the service

    def _change_status(self, request: HttpRequest, obj: Certificate) -> None:
        target = obj.register_status
        reason = obj.status_reason
        if target == Certificate.RegisterStatus.REVOKED:
            services.revoke_certificate(actor=request.user, certificate_id=obj.pk, reason=reason)
        elif target == Certificate.RegisterStatus.SUSPENDED:
            services.suspend_certificate(actor=request.user, certificate_id=obj.pk, reason=reason)
        else:
            services.reinstate_certificate(actor=request.user, certificate_id=obj.pk)


@admin.register(SigningRule)
class SigningRuleAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "kind", "authority", "title", "valid_from", "valid_until", "is_active")
    list_filter = ("kind", "is_active", "agency")
    fields = (
        "agency",
        "user",
        "kind",
        "staff_role",
        "authority",
        "superior_title",
        "title",
        "valid_from",
        "valid_until",
    )

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        rule = services.grant_signing_rule(
            actor=request.user,
            agency_id=obj.agency_id,
            user_id=obj.user_id,
            kind=obj.kind,
            staff_role=obj.staff_role,
            authority=obj.authority,
            superior_title=obj.superior_title,
            title=obj.title,
            valid_from=obj.valid_from,
            valid_until=obj.valid_until,
        )
        obj.pk = rule.pk


@admin.register(VerificationRecord)
class VerificationRecordAdmin(admin.ModelAdmin):
    list_display = ("created_at", "file_name", "verdict", "indication")
    list_filter = ("verdict",)
    readonly_fields = ("created_at", "file_name", "sha256", "size", "verdict", "indication", "summary")
    exclude = ("xml",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
