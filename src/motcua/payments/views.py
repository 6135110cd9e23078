"""The machine doors the payment gateway calls: the payment callback and the bill look-up.

No session and no CSRF token: they are authenticated by the checksum of each message (a forged or
altered message is refused and logged). Bodies are capped (`MOTCUA_PAYMENT_MAX_BODY_BYTES`) and
calls are rate-limited per client address (`MOTCUA_PAYMENT_CALLBACKS_PER_MIN`), counted in the
database like every other public limit (`api.throttles.ClientThrottle`).
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from motcua.api.throttles import ClientThrottle
from motcua.core.net import client_address

from . import conf, services


class GatewayThrottle(ClientThrottle):
    scope = "payment_gateway"

    def get_rate(self) -> str:
        return conf.machine_rate()


def _guard(request: HttpRequest) -> JsonResponse | None:
    """413 for a body over the cap, 429 over the rate; None when the call may proceed."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > conf.max_body_bytes():
        return JsonResponse({"status": services.FAILED, "message": "body too large"}, status=413)
    throttle = GatewayThrottle()
    if not throttle.allow_request(request, None):
        response = JsonResponse({"status": services.FAILED, "message": "too many requests"}, status=429)
        response["Retry-After"] = str(max(1, int((throttle.wait() or 60) + 0.999)))
        return response
    return None


def _body(request: HttpRequest) -> bytes:
    return request.read(conf.max_body_bytes() + 1)[: conf.max_body_bytes() + 1]


@csrf_exempt  # a machine door: authenticated by the message's checksum, no cookies, no session
@require_POST
def callback(request: HttpRequest) -> JsonResponse:
    refused = _guard(request)
    if refused is not None:
        return refused
    body = _body(request)
    if len(body) > conf.max_body_bytes():
        return JsonResponse({"status": services.FAILED, "message": "body too large"}, status=413)
    reply = services.handle_callback(body=body, client_address=client_address(request))
    return JsonResponse(reply, status=200 if reply["status"] == services.SUCCESSFUL else 400)


@csrf_exempt  # a machine door: authenticated by MaXacThuc, no cookies, no session
@require_POST
def bill_lookup(request: HttpRequest) -> JsonResponse:
    refused = _guard(request)
    if refused is not None:
        return refused
    body = _body(request)
    if len(body) > conf.max_body_bytes():
        return JsonResponse({"error_code": -1, "message": "body too large"}, status=413)
    return JsonResponse(services.bill_lookup(body=body, client_address=client_address(request)))
