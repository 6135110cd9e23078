"""The readers' forms: a comment, a message from the contact page. Each has a honeypot field
(`website`), hidden from people by CSS and from screen readers, that robots fill in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SiteFeedback
from .services import COMMENT_MAX, FEEDBACK_MAX, NAME_MAX

TRAP_FIELD = "website"
NAME_ERRORS = {"required": _("Vui lòng nhập họ và tên.")}
EMAIL_ERRORS = {
    "required": _("Vui lòng nhập thư điện tử."),
    "invalid": _("Địa chỉ thư điện tử không hợp lệ."),
}


class _Trap(forms.Form):
    website = forms.CharField(
        required=False,
        label=_("Để trống ô này"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class CommentForm(_Trap):
    name = forms.CharField(
        label=_("Họ và tên"), max_length=NAME_MAX, required=False, error_messages=NAME_ERRORS
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        error_messages=EMAIL_ERRORS,
        help_text=_("Không hiển thị công khai."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(
        label=_("Nội dung bình luận"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Vui lòng nhập nội dung bình luận.")},
        help_text=_("Bình luận được hiển thị sau khi ban biên tập duyệt."),
    )

    def __init__(self, *args: Any, signed_in: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if signed_in:
            del self.fields["name"]
            del self.fields["email"]
        else:
            self.fields["name"].required = True
            self.fields["email"].required = True
            self.fields["name"].widget.attrs["autocomplete"] = "name"


class ContactForm(_Trap):
    topic = forms.ChoiceField(label=_("Chủ đề"), choices=SiteFeedback.Topic.choices)
    name = forms.CharField(
        label=_("Họ và tên"),
        max_length=NAME_MAX,
        error_messages=NAME_ERRORS,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    message = forms.CharField(
        label=_("Nội dung góp ý"),
        max_length=FEEDBACK_MAX,
        error_messages={"required": _("Vui lòng nhập nội dung góp ý.")},
        widget=forms.Textarea(attrs={"rows": 6}),
    )
