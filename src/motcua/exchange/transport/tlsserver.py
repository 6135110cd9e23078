"""A small standalone TLS server for the direct inbox: mutual TLS in Python, no reverse proxy needed.

It requires a client certificate verified against the exchange CA, hands the verified certificate
to Django in the WSGI environ (`SSL_CLIENT_CERT`), and serves the inbox path only. The TLS
handshake runs in the connection's own thread, so a slow client holds nobody else up.

It speaks HTTP/1.1 with persistent connections (Django's own request handler: a body is read only
up to its Content-Length, headers with underscores are dropped): a peer's worker sends a whole
batch of messages over one handshake, and the connection's thread keeps its database connection
between them. An idle connection is closed after `IDLE_TIMEOUT`, and the thread's database
connections with it.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import ssl
from collections.abc import Callable, Iterable
from typing import Any
from wsgiref.simple_server import WSGIServer

from django.core.servers.basehttp import WSGIRequestHandler

from .direct import BATCH_PATH, INBOX_PATH

HANDSHAKE_TIMEOUT = 15.0
IO_TIMEOUT = 60.0  # also how long a kept-alive connection may wait for its next request


class _Handler(WSGIRequestHandler):
    # The answer leaves in several small writes: without this, on a kept connection each waits for
    # the client's delayed ACK (about 40 ms a request).
    disable_nagle_algorithm = True

    def get_environ(self) -> dict[str, Any]:
        environ = super().get_environ()
        der = self.connection.getpeercert(binary_form=True)  # type: ignore[attr-defined]
        if der:
            environ["SSL_CLIENT_CERT"] = ssl.DER_cert_to_PEM_cert(der)
        environ["wsgi.url_scheme"] = "https"
        return environ

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def handle(self) -> None:
        # an idle kept-alive connection timed out, or the peer went away between requests
        with contextlib.suppress(TimeoutError, ssl.SSLError, ConnectionError):
            super().handle()


class MutualTlsServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], context: ssl.SSLContext, app: Callable[..., Any]) -> None:
        self.context = context
        super().__init__(address, _Handler)
        self.set_app(_inbox_only(app))

    def get_request(self) -> tuple[socket.socket, Any]:
        sock, address = self.socket.accept()
        sock.settimeout(HANDSHAKE_TIMEOUT)
        return self.context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), address

    def finish_request(self, request: Any, client_address: Any) -> None:
        try:
            request.do_handshake()
        except (ssl.SSLError, OSError):
            return  # no valid client certificate: the connection ends here
        request.settimeout(IO_TIMEOUT)
        super().finish_request(request, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a peer that hangs up mid-request is not our error to print

    def close_request(self, request: Any) -> None:
        # Runs in the connection's own thread: its database connections end with it.
        from django.conf import settings
        from django.db import connections

        if settings.configured:  # a stand-in application (tests, benchmarks) may run without Django
            connections.close_all()
        super().close_request(request)


def _inbox_only(app: Callable[..., Any]) -> Callable[..., Any]:
    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if not (path.endswith(INBOX_PATH) or path.endswith(BATCH_PATH)):
            start_response(
                "404 Not Found", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", "9")]
            )
            return [b"Not found"]
        return app(environ, start_response)

    return serve
