"""Small servers on loopback run by a thread of this process: the demo PKI and the sandboxes of the
national platforms (payment, DVCQG), started by `motcua demo` and by the tests."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self


def serve_in_thread(server: Any, name: str) -> threading.Thread:
    """Serve `server` (anything with serve_forever) from a daemon thread; returns the thread."""
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    return thread


def shut_down(server: Any, thread: threading.Thread | None) -> None:
    """Stop serving, close the socket (the port is free again) and wait for the thread."""
    server.shutdown()
    server.server_close()
    if thread is not None:
        thread.join(timeout=5)


class LoopbackHttpService:
    """A small HTTP service on 127.0.0.1 (a sandbox of a national platform), served from a thread.

    A subclass (a dataclass with `port`, `_server` and `_thread` fields) names its thread and answers
    `on_get(handler)` and `on_post(handler)`; port 0 takes a free port, read back after `start()`.
    """

    thread_name = "loopback-service"
    port: int
    _server: Any
    _thread: threading.Thread | None

    def on_get(self, handler: BaseHTTPRequestHandler) -> None:
        handler.send_error(405)

    def on_post(self, handler: BaseHTTPRequestHandler) -> None:
        handler.send_error(405)

    def start(self) -> Self:
        service = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                service.on_get(self)

            def do_POST(self) -> None:
                service.on_post(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self._server.server_address[1]
        self._thread = serve_in_thread(self._server, self.thread_name)
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        shut_down(self._server, self._thread)
        self._server = self._thread = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"
