"""Django's password rules with our own messages: Vietnamese first, English when chosen.

Django 5.2 changed the English text of its minimum-length message, so its Vietnamese catalogue
no longer matches and the registration page showed "This password is too short...". Owning the
four messages keeps every language in our hands.
"""

from __future__ import annotations

from django.contrib.auth import password_validation as django_rules
from django.utils.translation import gettext as _


class MinimumLengthValidator(django_rules.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return _("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return _("Mật khẩu cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(django_rules.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        # Django fills %(verbose_name)s with the field's name (họ và tên, thư điện tử...).
        return _("Mật khẩu quá giống %(verbose_name)s của bạn.")

    def get_help_text(self) -> str:
        return _("Mật khẩu không được quá giống thông tin cá nhân của bạn.")


class CommonPasswordValidator(django_rules.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("Mật khẩu này quá phổ biến, dễ bị đoán ra. Hãy chọn mật khẩu khác.")

    def get_help_text(self) -> str:
        return _("Mật khẩu không được là mật khẩu phổ biến.")


class NumericPasswordValidator(django_rules.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("Mật khẩu không được chỉ gồm chữ số.")

    def get_help_text(self) -> str:
        return _("Mật khẩu không được chỉ gồm chữ số.")
