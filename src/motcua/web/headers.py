"""Response headers that Django's own settings do not cover.

The Content-Security-Policy is django-csp's (settings.CONTENT_SECURITY_POLICY); HSTS, nosniff,
Referrer-Policy and Cross-Origin-Opener-Policy are Django's SecurityMiddleware settings. What is
left is Permissions-Policy: no page of motcua uses the camera, the microphone, the location or any
other powerful browser feature, so none may, not even a frame or a script slipped in.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.http.response import HttpResponseBase

DENIED_FEATURES = (
    "accelerometer",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
