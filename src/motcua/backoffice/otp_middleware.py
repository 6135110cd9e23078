"""django-otp's middleware, with the session's authenticator read as a prepared read.

Every page and API call of a logged-in officer asks which authenticator verified the session
(django-otp keeps its persistent id in the session). django-otp reads it with the ORM, compiled anew
on each request; here a TOTP device is read by `core.prepared` instead: the same row, the same
checks after it (django-otp's `_finalize_device`: the device must still exist and belong to the
user, or the session is no longer verified). Any other kind of device goes through django-otp.
"""

from __future__ import annotations

from typing import Any

from django_otp.middleware import OTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.core.prepared import Prepared

_TOTP_DEVICE: Prepared[TOTPDevice] = Prepared(
    lambda pk: TOTPDevice.objects.filter(pk=pk).order_by("pk")[:1], pk=int
)
# A bigint's digits: a longer id cannot name a row (the session is signed; this is only a guard).
_MAX_DIGITS = 18


class PreparedOTPMiddleware(OTPMiddleware):
    def _device_from_persistent_id(self, persistent_id: str) -> Any:
        persistent_id = self._normalize_persistent_id(persistent_id)
        label, _, pk = persistent_id.rpartition("/")
        if label == TOTPDevice.model_label() and pk.isascii() and pk.isdigit() and len(pk) <= _MAX_DIGITS:
            return _TOTP_DEVICE.first(pk=int(pk))
        return super()._device_from_persistent_id(persistent_id)
