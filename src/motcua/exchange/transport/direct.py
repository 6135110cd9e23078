"""motcua to motcua: POST the edXML message to the peer's inbox over HTTPS with a client certificate.

Both sides hold certificates from the province's CA (or of CAs each side trusts): we verify the
peer's server certificate against that CA, and present our own client certificate, which the peer
pins to our `Peer` record by its SHA-256 fingerprint.
"""

from __future__ import annotations

import http.client
import json
import ssl
import struct
import threading
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

from .base import DeliveryError, classify_http

CONTENT_TYPE = "application/xml; charset=utf-8"
INBOX_PATH = "/lien-thong/v1/thong-diep/"
# Several messages in one request: each one a 4-byte big-endian length, then its bytes.
BATCH_PATH = INBOX_PATH + "lo/"
BATCH_CONTENT_TYPE = "application/vnd.motcua.edxml-batch"
MAX_ANSWER_BYTES = 64 * 1024
MAX_BATCH_ANSWER_BYTES = 1024 * 1024
# What a kept connection that the peer closed meanwhile looks like on the next request.
_STALE = (http.client.RemoteDisconnected, http.client.BadStatusLine, ConnectionError, ssl.SSLEOFError)


class BatchUnsupported(DeliveryError):
    """The peer has no batch inbox (another vendor, an older motcua): send its messages one by one."""


class BatchMalformed(ValueError):
    pass


def encode_batch(payloads: list[bytes]) -> bytes:
    return b"".join(struct.pack(">I", len(p)) + p for p in payloads)


def decode_batch(data: bytes, *, max_count: int, max_each: int) -> list[bytes]:
    """The messages of a batch body; `BatchMalformed` when truncated, over the count or a message
    over its size."""
    payloads: list[bytes] = []
    view = memoryview(data)
    offset = 0
    while offset < len(data):
        if offset + 4 > len(data):
            raise BatchMalformed("truncated length")
        (length,) = struct.unpack_from(">I", view, offset)
        offset += 4
        if length > max_each:
            raise BatchMalformed("message too large")
        if offset + length > len(data):
            raise BatchMalformed("truncated message")
        payloads.append(bytes(view[offset : offset + length]))
        offset += length
        if len(payloads) > max_count:
            raise BatchMalformed("too many messages")
    if not payloads:
        raise BatchMalformed("empty batch")
    return payloads


def batch_url(url: str) -> str:
    """The batch inbox beside a peer's inbox address."""
    parts = urlsplit(url)
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return parts._replace(path=path + "lo/").geturl()


@dataclass(frozen=True)
class TlsIdentity:
    """Our client certificate and key (PEM files) and the CA bundle we verify peers against."""

    cert_file: str
    key_file: str
    ca_file: str

    @cached_property
    def client_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=self.ca_file)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(self.cert_file, self.key_file)
        return context

    @cached_property
    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH, cafile=self.ca_file)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.verify_mode = ssl.CERT_REQUIRED  # no client certificate, no conversation
        context.load_cert_chain(self.cert_file, self.key_file)
        return context


class DirectTransport:
    """Sends each message as one POST, over a connection kept open per peer and per thread.

    A worker's pass sends all its due messages to a peer over one TLS handshake. A kept connection
    the peer has meanwhile closed (restart, idle timeout) is noticed on the next request, which is
    sent once more on a fresh connection: the receiver is idempotent, so a message that did arrive
    before the connection broke is only recognised again.
    """

    def __init__(self, identity: TlsIdentity, *, timeout: float = 30.0) -> None:
        self.identity = identity
        self.timeout = timeout
        self._local = threading.local()

    def _connections(self) -> dict[tuple[str, int], http.client.HTTPSConnection]:
        kept = getattr(self._local, "connections", None)
        if kept is None:
            kept = self._local.connections = {}
        return kept

    def close(self) -> None:
        """Close this thread's kept connections."""
        for connection in self._connections().values():
            connection.close()
        self._connections().clear()

    def send(self, url: str, payload: bytes, *, sender: str, recipient: str) -> None:
        """Deliver `payload`; raises `DeliveryError` (retry) or `PermanentDeliveryError`."""
        headers = {"Content-Type": CONTENT_TYPE, "X-Edxml-From": sender, "X-Edxml-To": recipient}
        status, body = self._exchange(url, payload, headers, MAX_ANSWER_BYTES)
        if failure := classify_http(status, body):
            raise failure

    def send_batch(self, url: str, payloads: list[bytes]) -> list[DeliveryError | None]:
        """Deliver several messages in one request to the peer's batch inbox (`url`: its inbox
        address); each message's own outcome, in order. Raises `BatchUnsupported` when the peer has
        no batch inbox, `DeliveryError` when the request as a whole failed (every message retried)."""
        headers = {"Content-Type": BATCH_CONTENT_TYPE}
        status, body = self._exchange(batch_url(url), encode_batch(payloads), headers, MAX_BATCH_ANSWER_BYTES)
        if status in (404, 405, 415):
            raise BatchUnsupported(f"HTTP {status}: không có hộp thư nhận theo lô.")
        if failure := classify_http(status, body):
            raise failure
        try:
            results = json.loads(body)["results"]
            if len(results) != len(payloads):
                raise ValueError
            return [
                classify_http(int(r["status"]), json.dumps(r, ensure_ascii=False).encode()) for r in results
            ]
        except (ValueError, KeyError, TypeError) as exc:
            raise DeliveryError("Câu trả lời của hộp thư nhận theo lô không đọc được.") from exc

    def _exchange(
        self, url: str, payload: bytes, headers: dict[str, str], answer_limit: int
    ) -> tuple[int, bytes]:
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise DeliveryError(f"Địa chỉ kết nối không hợp lệ (cần https://): {url}")
        address = (parts.hostname, parts.port or 443)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        kept = self._connections()
        reused = address in kept
        try:
            try:
                return self._post(address, path, payload, headers, answer_limit)
            except _STALE:
                if not reused:
                    raise
                return self._post(address, path, payload, headers, answer_limit)  # once, on a new connection
        except (OSError, http.client.HTTPException) as exc:
            raise DeliveryError(f"Không kết nối được tới {parts.hostname}:{parts.port}: {exc}") from exc

    def _post(
        self, address: tuple[str, int], path: str, payload: bytes, headers: dict[str, str], answer_limit: int
    ) -> tuple[int, bytes]:
        kept = self._connections()
        connection = kept.pop(address, None) or http.client.HTTPSConnection(
            address[0], address[1], timeout=self.timeout, context=self.identity.client_context
        )
        try:
            connection.request("POST", path, body=payload, headers=headers)
            response = connection.getresponse()
            body = response.read(answer_limit)
            if not response.isclosed():
                response.read()  # an answer longer than we keep: drained, or the connection is unusable
        except BaseException:
            connection.close()
            raise
        if response.will_close:
            connection.close()
        else:
            kept[address] = connection
        return response.status, body
