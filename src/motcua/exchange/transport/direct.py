"""motcua to motcua: POST the edXML message to the peer's inbox over HTTPS with a client certificate.

Both sides hold certificates from the province's CA (or of CAs each side trusts): we verify the
peer's server certificate against that CA, and present our own client certificate, which the peer
pins to our `Peer` record by its SHA-256 fingerprint.
"""

from __future__ import annotations

import http.client
import ssl
import threading
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

from .base import DeliveryError, classify_http

CONTENT_TYPE = "application/xml; charset=utf-8"
INBOX_PATH = "/lien-thong/v1/thong-diep/"
MAX_ANSWER_BYTES = 64 * 1024
# What a kept connection that the peer closed meanwhile looks like on the next request.
_STALE = (http.client.RemoteDisconnected, http.client.BadStatusLine, ConnectionError, ssl.SSLEOFError)


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
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise DeliveryError(f"Địa chỉ kết nối không hợp lệ (cần https://): {url}")
        address = (parts.hostname, parts.port or 443)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {"Content-Type": CONTENT_TYPE, "X-Edxml-From": sender, "X-Edxml-To": recipient}
        kept = self._connections()
        reused = address in kept
        try:
            try:
                status, body = self._post(address, path, payload, headers)
            except _STALE:
                if not reused:
                    raise
                status, body = self._post(address, path, payload, headers)  # once, on a new connection
        except (OSError, http.client.HTTPException) as exc:
            raise DeliveryError(f"Không kết nối được tới {parts.hostname}:{parts.port}: {exc}") from exc
        if failure := classify_http(status, body):
            raise failure

    def _post(
        self, address: tuple[str, int], path: str, payload: bytes, headers: dict[str, str]
    ) -> tuple[int, bytes]:
        kept = self._connections()
        connection = kept.pop(address, None) or http.client.HTTPSConnection(
            address[0], address[1], timeout=self.timeout, context=self.identity.client_context
        )
        try:
            connection.request("POST", path, body=payload, headers=headers)
            response = connection.getresponse()
            body = response.read(MAX_ANSWER_BYTES)
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
