"""A fake national axis on loopback: mailboxes per organ, the four verbs, redelivery until acknowledged.

It behaves as the store-and-forward axis does for our client: a message stays listed for its
receiver until the receiver acknowledges it `done` or `fail`; acknowledgements are recorded.
"""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class AxisState:
    token: str
    messages: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> {from, to, type, data}
    acks: list[tuple[str, str]] = field(default_factory=list)
    ids: Any = field(default_factory=lambda: itertools.count(1))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def waiting(self, to: str | None, message_type: str) -> list[dict[str, Any]]:
        acked = {doc_id for doc_id, _ in self.acks}
        return [
            {"id": doc_id, "from": m["from"], "to": m["to"]}
            for doc_id, m in self.messages.items()
            if m["type"] == message_type and doc_id not in acked and (to is None or m["to"] == to)
        ]


def start_fake_axis(token: str, port: int) -> tuple[ThreadingHTTPServer, AxisState]:
    state = AxisState(token)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _answer(self, status: int, body: bytes, content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _authorised(self) -> bool:
            if self.headers.get("Authorization") != f"Bearer {state.token}":
                self._answer(401, b'{"status": "FAIL", "errorDesc": "unauthorised"}')
                return False
            return True

        def do_GET(self) -> None:
            if not self._authorised():
                return
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path.endswith("/getReceivedEdocList"):
                with state.lock:
                    listed = state.waiting(None, query.get("messagetype", "edoc"))
                self._answer(200, json.dumps({"knobsticks": listed}).encode())
            elif url.path.endswith("/getEdoc"):
                message = state.messages.get(query.get("docId", ""))
                if message is None:
                    self._answer(404, b'{"status": "FAIL"}')
                else:
                    self._answer(200, message["data"], "application/xml")
            else:
                self._answer(404, b"{}")

        def do_POST(self) -> None:
            if not self._authorised():
                return
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            path = urlsplit(self.path).path
            if path.endswith("/sendEdoc"):
                with state.lock:
                    doc_id = str(next(state.ids))
                    state.messages[doc_id] = {
                        "from": self.headers.get("X-Organ-Id", ""),
                        "to": self.headers.get("X-To", ""),
                        "type": self.headers.get("X-Message-Type", "edoc"),
                        "data": body,
                    }
                self._answer(200, json.dumps({"status": "OK", "docId": doc_id}).encode())
            elif path.endswith("/updateStatus"):
                answer = json.loads(body)
                with state.lock:
                    state.acks.append((str(answer["docid"]), str(answer["status"])))
                self._answer(200, b'{"status": "OK"}')
            else:
                self._answer(404, b"{}")

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, state
