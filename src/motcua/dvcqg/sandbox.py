"""A small stand-in for the national portal's sync adapter, served on loopback.

A plain WSGI application (no Django): it must behave like a remote system, not share motcua's
settings, database, middleware or login; and it is started the way the demo PKI is (a thread of the
process that needs it: the demo, a test fixture, the benchmark) and stopped with it.

It speaks the adapter's dialect (domain-vn.md §6.1): `POST /login` gives a session; `POST
/DongBoHoSoMC` and `POST /CapNhatTienDoHoSoMC` take `{session, madonvi, service, data: [...]}`,
validate every row against `fields` (the reference's field list) and record it; they answer
`{"error_code": "0", "message": ...}`, or HTTP 400 with the problems, or 401 without a session.
Like the portal, it keeps one dossier per MaHoSo (a body sent twice replaces itself) and every
progress row it is given. Tests can make it answer 502 or answer late (`fail_next`, `delay_next`).
"""

from __future__ import annotations

import json
import secrets
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from motcua.core.loopback import serve_in_thread, shut_down

from . import fields

MAX_BODY = 8 * 1024 * 1024


@dataclass
class Received:
    service: str
    data: list[Any]
    at: float


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass


@dataclass
class Sandbox:
    host: str = "127.0.0.1"
    port: int = 0
    date_format: str = "yyyyMMddHHmmss"
    progress_date_format: str = "yyyyMMddHHmmss"
    username: str = "motcua"
    password: str = "sandbox"
    dossiers: dict[str, dict[str, Any]] = field(default_factory=dict)
    progress: list[dict[str, Any]] = field(default_factory=list)
    calls: list[Received] = field(default_factory=list)
    refused: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    requests: int = 0  # sync calls that arrived (answered or not yet)
    _sessions: set[str] = field(default_factory=set)
    _faults: list[tuple[int, float]] = field(default_factory=list)  # (status or 0, delay seconds)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: _Server | None = None
    _thread: threading.Thread | None = None

    # --- control --------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def settings(self) -> dict[str, str]:
        """The motcua settings (or environment) that point the sync at this sandbox."""
        return {
            "MOTCUA_DVCQG_URL": self.url,
            "MOTCUA_DVCQG_USERNAME": self.username,
            "MOTCUA_DVCQG_PASSWORD": self.password,
            "MOTCUA_DVCQG_DATE_FORMAT": self.date_format,
            "MOTCUA_DVCQG_PROGRESS_DATE_FORMAT": self.progress_date_format,
        }

    def fail_next(self, status: int = 502, count: int = 1) -> None:
        """The next `count` sync calls answer `status` without recording anything."""
        with self._lock:
            self._faults += [(status, 0.0)] * count

    def delay_next(self, seconds: float, count: int = 1, *, then_record: bool = True) -> None:
        """The next `count` sync calls wait `seconds` before answering (recording first, as a portal
        that accepted the body but whose answer is lost does)."""
        with self._lock:
            self._faults += [(0 if then_record else -1, seconds)] * count

    def start(self) -> Sandbox:
        self._server = make_server(
            self.host, self.port, self.app, server_class=_Server, handler_class=_QuietHandler
        )
        self.port = self._server.server_address[1]
        self._thread = serve_in_thread(self._server, "dvcqg-sandbox")
        return self

    def stop(self) -> None:
        if self._server is not None:
            shut_down(self._server, self._thread)
            self._server = self._thread = None

    @property
    def running(self) -> bool:
        return self._server is not None

    # --- the application ------------------------------------------------------------------------

    def app(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        def answer(status: int, body: dict[str, Any]) -> list[bytes]:
            reason = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found"}.get(
                status, "Error"
            )
            data = json.dumps(body, ensure_ascii=False).encode()
            start_response(
                f"{status} {reason}",
                [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(data)))],
            )
            return [data]

        path = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD") == "GET" and path == "/":
            return answer(
                200, {"error_code": "0", "dossiers": len(self.dossiers), "progress": len(self.progress)}
            )
        if environ.get("REQUEST_METHOD") != "POST":
            return answer(404, {"error_code": "404", "message": "Không có dịch vụ này."})
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            if length > MAX_BODY:
                return answer(400, {"error_code": "400", "message": "Nội dung quá lớn."})
            payload = json.loads(environ["wsgi.input"].read(length).decode("utf-8"))
            if not isinstance(payload, dict):
                raise ValueError
        except (ValueError, UnicodeDecodeError):
            return answer(400, {"error_code": "400", "message": "Nội dung không phải JSON hợp lệ."})
        if path == "/login":
            if (payload.get("username"), payload.get("password")) != (self.username, self.password):
                return answer(401, {"error_code": "401", "message": "Sai tài khoản hoặc mật khẩu."})
            session = secrets.token_hex(16)
            with self._lock:
                self._sessions.add(session)
            return answer(200, {"error_code": "0", "session": session})
        if path not in ("/DongBoHoSoMC", "/CapNhatTienDoHoSoMC"):
            return answer(404, {"error_code": "404", "message": "Không có dịch vụ này."})
        if payload.get("session") not in self._sessions:
            return answer(401, {"error_code": "401", "message": "Phiên làm việc không hợp lệ."})
        with self._lock:
            self.requests += 1
            fault = self._faults.pop(0) if self._faults else None
        if fault is not None and fault[0] > 0:
            return answer(fault[0], {"error_code": str(fault[0]), "message": "Cổng tạm thời không phục vụ."})
        rows = payload.get("data")
        if not isinstance(rows, list) or not rows:
            return answer(400, {"error_code": "400", "message": "Thiếu trường data."})
        if path == "/DongBoHoSoMC":
            found = [p for row in rows for p in fields.problems(row, date_format=self.date_format)]
        else:
            found = [
                p
                for row in rows
                for p in fields.progress_problems(row, date_format=self.progress_date_format)
            ]
        if found:
            with self._lock:
                self.refused.append((path, found))
            return answer(
                400,
                {"error_code": "400", "message": "; ".join(f"{f}: {r}" for f, r in found[:20])},
            )
        if fault is None or fault[0] == 0:
            self._record(path, rows)
        if fault is not None:
            time.sleep(fault[1])
            if fault[0] < 0:  # held and dropped: whoever still waits learns nothing was recorded
                return answer(504, {"error_code": "504", "message": "Hết thời gian xử lý."})
        return answer(200, {"error_code": "0", "message": f"Đã nhận {len(rows)} bản ghi."})

    def _record(self, path: str, rows: list[Any]) -> None:
        with self._lock:
            self.calls.append(Received(path.lstrip("/"), rows, time.time()))
            if path == "/DongBoHoSoMC":
                for row in rows:
                    self.dossiers[row["MaHoSo"]] = row
            else:
                self.progress.extend(rows)


def serve_forever(host: str = "127.0.0.1", port: int = 0) -> None:  # pragma: no cover  (manual use)
    sandbox = Sandbox(host=host, port=port).start()
    sys.stdout.write(f"Hộp cát Cổng DVC quốc gia: {sandbox.url}\n")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        sandbox.stop()
