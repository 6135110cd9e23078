"""An HTTP server on loopback that records every request it gets: what a forged request would hit.

Tests point certificates' OCSP, CRL and caIssuers addresses at it (a `Pki` built with its port)
and check that verification never reaches it, or that what reaches it is cut short: it can answer
with an endless body, a declared huge body, a slow answer or a redirect.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CHUNK = b"\x30" * 65536


@dataclass
class Victim:
    """`behaviour`: "record" (404), "endless", "huge" (declares 100 MB), "slow", "redirect"."""

    behaviour: str = "record"
    delay: float = 0.0
    redirect_to: str = ""
    requests: list[tuple[str, str]] = field(default_factory=list)
    bytes_sent: int = 0
    _server: Any = None
    _thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Victim:
        victim = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # the body ends when the connection closes

            def log_message(self, *args: Any) -> None:
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(min(length, 1 << 20))
                victim.requests.append((self.command, self.path))
                # the client hanging up mid-answer is what the limits are for
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    victim.answer(self)

            do_GET = _answer
            do_POST = _answer

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="victim", daemon=True)
        self._thread.start()
        return self

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        if self.behaviour == "slow":
            time.sleep(self.delay)
        if self.behaviour == "redirect":
            handler.send_response(302)
            handler.send_header("Location", self.redirect_to)
            handler.end_headers()
            return
        if self.behaviour in ("endless", "huge"):
            handler.send_response(200)
            handler.send_header("Content-Type", "application/pkix-crl")
            if self.behaviour == "huge":
                handler.send_header("Content-Length", str(100 * 1024 * 1024))
            handler.end_headers()
            while self.bytes_sent < 1 << 30:  # until the client hangs up
                handler.wfile.write(CHUNK)
                self.bytes_sent += len(CHUNK)
            return
        handler.send_response(404)
        handler.end_headers()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> Victim:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
