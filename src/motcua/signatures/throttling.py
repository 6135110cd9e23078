"""How often, and how much, one client may send to the public signature checker: one rule for the
page and the API.

A verification costs a worker process and OCSP/CRL requests. The rate is
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["signature_verify"] (default 30/min), counted per client
address (`motcua.core.net`) in the database; the page and the API count into the same budget.
A body that announces more than the file limit (MOTCUA_SIGNATURE_MAX_VERIFY_BYTES) plus room for the
multipart envelope is refused before it is read (`body_too_large`): nothing is spooled to disk. A file
only a little over the limit still gets its "too large" verdict.
"""

from __future__ import annotations

from django.http import HttpRequest
from rest_framework.settings import api_settings

from motcua.api.throttles import ClientThrottle
from motcua.signatures import conf

SCOPE = "signature_verify"
DEFAULT_RATE = "30/min"
# Room for the multipart boundaries, headers and other fields around the file.
ENVELOPE_BYTES = 256 * 1024


class VerifyThrottle(ClientThrottle):
    """The public checker's limit, as a DRF throttle (the API uses it as such, the page through
    `wait_before_verifying`): per client address (`core.net`), counted in the database."""

    scope = SCOPE

    def get_rate(self) -> str:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope) or DEFAULT_RATE


def wait_before_verifying(request: HttpRequest) -> int | None:
    """None when this client may verify a file now (and it counts); else the seconds to wait."""
    throttle = VerifyThrottle()
    if throttle.allow_request(request, None):
        return None
    return max(1, int((throttle.wait() or 60) + 0.999))


def body_too_large(request: HttpRequest) -> bool:
    """True when the request announces a body the checker will not read (before anything is read)."""
    try:
        announced = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return announced > conf.max_verify_bytes() + ENVELOPE_BYTES
