"""A sandbox of the SMS gateway on loopback that records the messages, for the demo and the tests.

`POST /gui` takes a message as `accounts.sms.send` sends it (bearer key checked) and keeps it;
`GET /tin-nhan` lists them as JSON (newest last), `GET /tin-nhan?so=849...` those to one number.
Started by `motcua demo` and the tests (`start_sms_sandbox`); `stop()` ends it.
"""

from __future__ import annotations

import json
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from motcua.core.loopback import LoopbackHttpService


@dataclass
class SmsSandbox(LoopbackHttpService):
    thread_name = "sms-sandbox"

    api_key: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    port: int = 0
    messages: list[dict[str, str]] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def to(self, number: str) -> list[dict[str, str]]:
        with self._lock:
            return [m for m in self.messages if m["to"] == number]

    def on_get(self, h: BaseHTTPRequestHandler) -> None:
        url = urlparse(h.path)
        if url.path != "/tin-nhan":
            return self._json(h, 404, {"status": "not_found"})
        number = parse_qs(url.query).get("so", [""])[0]
        with self._lock:
            rows = [m for m in self.messages if not number or m["to"] == number]
        return self._json(h, 200, {"messages": rows})

    def on_post(self, h: BaseHTTPRequestHandler) -> None:
        if urlparse(h.path).path != "/gui":
            return self._json(h, 404, {"status": "not_found"})
        if h.headers.get("Authorization", "") != f"Bearer {self.api_key}":
            return self._json(h, 401, {"status": "unauthorized"})
        length = min(int(h.headers.get("Content-Length") or 0), 16 * 1024)
        try:
            body = json.loads(h.rfile.read(length))
            message = {"to": str(body["to"]), "from": str(body.get("from", "")), "text": str(body["text"])}
        except (ValueError, KeyError, TypeError):
            return self._json(h, 400, {"status": "invalid"})
        with self._lock:
            message["id"] = f"SBX{len(self.messages) + 1:06d}"
            self.messages.append(message)
        return self._json(h, 200, {"status": "accepted", "id": message["id"]})

    @staticmethod
    def _json(h: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        h.send_response(status)
        h.send_header("Content-Type", "application/json; charset=utf-8")
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)


def start_sms_sandbox(**kwargs: Any) -> SmsSandbox:
    return SmsSandbox(**kwargs).start()
