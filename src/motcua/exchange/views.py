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
from .services import receive_batch, receive_message
from .transport.direct import BatchMalformed, decode_batch


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


def _calling_peer(request: HttpRequest) -> Peer | None:
    der = _client_certificate(request)
    if not der:
        return None
    return Peer.objects.filter(
        client_cert_sha256=hashlib.sha256(der).hexdigest(),
        transport=Peer.Transport.DIRECT,
        is_active=True,
    ).first()


def _refusal_of(exc: Exception) -> tuple[str, str, int]:
    """The code, message and HTTP status a message's refusal is answered with."""
    if isinstance(exc, edxml.EdxmlError):
        return exc.code, exc.message, 400
    if isinstance(exc, ScannerUnavailable):  # the virus scanner is down: the sender retries later
        return exc.code, exc.message, 503
    if isinstance(exc, DomainError):
        return exc.code, exc.message, 403 if exc.http_status == 403 else 422
    raise exc


@csrf_exempt  # a machine door: authenticated by its TLS client certificate, no cookies, no session
@require_POST
def inbox(request: HttpRequest) -> JsonResponse:
    """Receive one message; 200 with the receipt (01, 02, 15...) whenever it could be answered."""
    peer = _calling_peer(request)
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
    except (edxml.EdxmlError, ScannerUnavailable, DomainError) as exc:
        return _refusal(*_refusal_of(exc))
    return JsonResponse(receipt.as_json())


@csrf_exempt  # a machine door: authenticated by its TLS client certificate, no cookies, no session
@require_POST
def batch_inbox(request: HttpRequest) -> JsonResponse:
    """Receive several messages in one request (`transport.direct.encode_batch`), at most
    MOTCUA_EXCHANGE_MAX_BATCH_MESSAGES and MOTCUA_EXCHANGE_MAX_BATCH_BYTES, each message within
    MOTCUA_EXCHANGE_MAX_MESSAGE_BYTES; 200 with `results`, one per message in order: its receipt
    with `status` 200, or its refusal with the status the single inbox would have answered."""
    peer = _calling_peer(request)
    if peer is None:
        return _refusal("exchange_unknown_peer", "Chứng thư TLS của hệ thống gửi không được chấp nhận.", 403)
    count = conf.max_batch_messages()
    limit = conf.max_batch_bytes() + 4 * count  # the messages and their length prefixes
    try:
        announced = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        announced = 0
    if announced > limit:
        return _refusal("exchange_too_large", "Lô thông điệp vượt quá kích thước cho phép.", 413)
    data = request.read(limit + 1)  # never request.body: it would hold any size in memory first
    if len(data) > limit:
        return _refusal("exchange_too_large", "Lô thông điệp vượt quá kích thước cho phép.", 413)
    try:
        payloads = decode_batch(data, max_count=count, max_each=conf.max_message_bytes())
    except BatchMalformed:
        return _refusal(
            "exchange_bad_batch",
            "Lô thông điệp không đúng định dạng, quá số lượng hoặc có thông điệp quá lớn.",
            400,
        )
    results: list[dict[str, object]] = []
    for outcome in receive_batch(payloads, transport=Peer.Transport.DIRECT, peer=peer):
        if outcome.receipt is not None:
            results.append({"status": 200, **outcome.receipt.as_json()})
        else:
            code, message, status = _refusal_of(outcome.error)  # type: ignore[arg-type]
            results.append({"status": status, "accepted": False, "code": code, "message": message})
    return JsonResponse({"results": results})
