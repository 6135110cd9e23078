"""motcua to motcua: POST the edXML message to the peer's inbox over HTTPS with a client certificate.

Both sides hold certificates from the province's CA (or of CAs each side trusts): we verify the
peer's server certificate against that CA, and present our own client certificate, which the peer
pins to our `Peer` record by its SHA-256 fingerprint.
"""

from __future__ import annotations

import http.client
import ssl
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

from .base import DeliveryError, classify_http

CONTENT_TYPE = "application/xml; charset=utf-8"
INBOX_PATH = "/lien-thong/v1/thong-diep/"


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
    """Sends one message per request; keeps no connection between messages (peers restart)."""

    def __init__(self, identity: TlsIdentity, *, timeout: float = 30.0) -> None:
        self.identity = identity
        self.timeout = timeout

    def send(self, url: str, payload: bytes, *, sender: str, recipient: str) -> None:
        """Deliver `payload`; raises `DeliveryError` (retry) or `PermanentDeliveryError`."""
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise DeliveryError(f"Địa chỉ kết nối không hợp lệ (cần https://): {url}")
        connection = http.client.HTTPSConnection(
            parts.hostname, parts.port or 443, timeout=self.timeout, context=self.identity.client_context
        )
        try:
            connection.request(
                "POST",
                (parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
                body=payload,
                headers={"Content-Type": CONTENT_TYPE, "X-Edxml-From": sender, "X-Edxml-To": recipient},
            )
            response = connection.getresponse()
            body = response.read(64 * 1024)
        except (OSError, http.client.HTTPException) as exc:
            raise DeliveryError(f"Không kết nối được tới {parts.hostname}:{parts.port}: {exc}") from exc
        finally:
            connection.close()
        if failure := classify_http(response.status, body):
            raise failure
