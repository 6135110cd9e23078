"""The HTTP client of the national adapter (domain-vn.md §6.1): session login, then one call per service.

Every call posts `{"session", "madonvi", "service", ...}` as JSON and reads `{"error_code", "message"}`.
"0" is success; anything else is a refusal that is kept on the outbox row. A 5xx, a timeout or a
broken connection is transient (retried with back-off); a 4xx other than 401 is permanent until
someone fixes the data or the configuration (401 logs in again once).
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from . import conf

MAX_REPLY_BYTES = 1024 * 1024


class DeliveryError(Exception):
    """The portal could not be reached or did not accept the body; `permanent` says whether to retry."""

    def __init__(self, message: str, *, permanent: bool = False, reply: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent
        self.reply = reply


@dataclass
class Reply:
    status: int
    body: dict[str, Any]


_session_lock = threading.Lock()
_session: dict[str, str] = {}


def _post(path: str, payload: dict[str, Any]) -> Reply:
    base = conf.url()
    if not base:
        raise DeliveryError("Chưa cấu hình địa chỉ Cổng DVC quốc gia (MOTCUA_DVCQG_URL).")
    headers = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"}
    if conf.dstcode():
        headers["dstcode"] = conf.dstcode()
    data = json.dumps(payload, ensure_ascii=False).encode()
    request = urllib.request.Request(base + path, data=data, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=conf.timeout()) as response:  # noqa: S310
            status, raw = response.status, response.read(MAX_REPLY_BYTES)
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read(MAX_REPLY_BYTES)
    except TimeoutError as exc:
        raise DeliveryError(f"Cổng DVC quốc gia không trả lời sau {conf.timeout():g} giây.") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DeliveryError(f"Không kết nối được Cổng DVC quốc gia: {reason}") from exc
    try:
        body = json.loads(raw.decode("utf-8")) if raw else {}
    except (UnicodeDecodeError, ValueError):
        body = {"raw": raw[:2000].decode("utf-8", "replace")}
    if not isinstance(body, dict):
        body = {"raw": body}
    return Reply(status, body)


def _login() -> str:
    username, password = conf.credentials()
    reply = _post(conf.auth_path(), {"username": username, "password": password})
    if reply.status != 200 or str(reply.body.get("error_code")) != "0" or not reply.body.get("session"):
        raise DeliveryError(
            f"Đăng nhập Cổng DVC quốc gia không thành công (HTTP {reply.status}).",
            permanent=reply.status in (400, 401, 403),
            reply=reply.body,
        )
    return str(reply.body["session"])


def session(*, renew: bool = False) -> str:
    with _session_lock:
        key = conf.url()
        if renew or key not in _session:
            _session[key] = _login()
        return _session[key]


def call(service: str, path: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Call one service; the portal's reply when error_code is "0", else DeliveryError."""
    for attempt in (1, 2):
        payload = {"session": session(renew=attempt == 2), "madonvi": conf.agency_code(), "service": service}
        payload.update(fields)
        reply = _post(path, payload)
        if reply.status == 401 and attempt == 1:
            continue  # the session expired: log in again once
        break
    code = str(reply.body.get("error_code", ""))
    if reply.status == 200 and code == "0":
        return reply.body
    message = str(reply.body.get("message") or reply.body.get("raw") or "")[:500]
    if reply.status >= 500 or reply.status in (408, 429):
        raise DeliveryError(
            f"Cổng DVC quốc gia lỗi tạm thời (HTTP {reply.status}). {message}".strip(), reply=reply.body
        )
    raise DeliveryError(
        f"Cổng DVC quốc gia từ chối (HTTP {reply.status}, mã lỗi {code or 'không có'}): {message}",
        permanent=True,
        reply=reply.body,
    )


def send_dossiers(
    bodies: list[dict[str, Any]], *, updating: bool, progress: list[dict[str, Any]]
) -> dict[str, Any]:
    """`DongBoHoSoMC` with the bodies (the adapter takes a list), then `CapNhatTienDoHoSoMC` with the
    new progress rows; both replies."""
    reply = call(
        "DongBoHoSoMC", conf.sync_path(), {"isUpdating": "True" if updating else "False", "data": bodies}
    )
    result: dict[str, Any] = {"DongBoHoSoMC": reply}
    if progress:
        result["CapNhatTienDoHoSoMC"] = call("CapNhatTienDoHoSoMC", conf.progress_path(), {"data": progress})
    return result
