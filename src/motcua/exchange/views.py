"""The direct inbox: another motcua instance POSTs an edXML message here over mutual TLS.

Who is calling is decided by the TLS client certificate only, pinned to a `Peer` by its SHA-256:
either our own TLS server (`motcua exchange serve`) verified it and put it in the WSGI environ
(`SSL_CLIENT_CERT`, a key no HTTP header can produce), or a reverse proxy that verifies client
certificates passes it in the header named by MOTCUA_EXCHANGE_CLIENT_CERT_HEADER, trusted only when
that setting is made (and then the proxy must strip the header from what clients send).
"""

from __future__ import annotations

import hashlib
import ssl
from urllib.parse import unquote

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from motcua.antivirus.errors import ScannerUnavailable

from . import conf, edxml
from .errors import DomainError
from .models import Peer
from .services import receive_message


def _client_certificate(request: HttpRequest) -> bytes | None:
    """The DER of the verified client certificate, or None."""
    pem = request.META.get("SSL_CLIENT_CERT", "")
    header = conf.client_cert_header()
    if not pem and header:
        verdict = request.META.get("HTTP_" + conf.client_verify_header().upper().replace("-", "_"), "")
        if verdict != "SUCCESS":
            return None
        pem = unquote(request.META.get("HTTP_" + header.upper().replace("-", "_"), ""))
    if not pem:
        return None
    try:
        return ssl.PEM_cert_to_DER_cert(pem.strip())
    except ValueError:
        return None


def _refusal(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse({"accepted": False, "code": code, "message": message}, status=status)


@csrf_exempt  # a machine door: authenticated by its TLS client certificate, no cookies, no session
@require_POST
def inbox(request: HttpRequest) -> JsonResponse:
    """Receive one message; 200 with the receipt (01, 02, 15...) whenever it could be answered."""
    der = _client_certificate(request)
    peer = (
        Peer.objects.filter(
            client_cert_sha256=hashlib.sha256(der).hexdigest(),
            transport=Peer.Transport.DIRECT,
            is_active=True,
        ).first()
        if der
        else None
    )
    if peer is None:
        return _refusal("exchange_unknown_peer", "Chứng thư TLS của hệ thống gửi không được chấp nhận.", 403)
    limit = conf.max_message_bytes()
    try:
        announced = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        announced = 0
    if announced > limit:
        return _refusal("exchange_too_large", "Thông điệp vượt quá kích thước cho phép.", 413)
    data = request.read(limit + 1)  # never request.body: it would hold any size in memory first
    if len(data) > limit:
        return _refusal("exchange_too_large", "Thông điệp vượt quá kích thước cho phép.", 413)
    try:
        receipt = receive_message(data, transport=Peer.Transport.DIRECT, peer=peer)
    except edxml.EdxmlError as exc:
        return _refusal(exc.code, exc.message, 400)
    except ScannerUnavailable as exc:  # the virus scanner is down: the sender retries later
        return _refusal(exc.code, exc.message, 503)
    except DomainError as exc:
        return _refusal(exc.code, exc.message, 403 if exc.http_status == 403 else 422)
    return JsonResponse(receipt.as_json())
