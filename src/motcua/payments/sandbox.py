"""A sandbox of the national payment gateway on loopback, for the demo and the tests.

It plays the gateway's part end to end, with no internet: the payer page a citizen is redirected
to (pay or cancel), the signed callback to the province (`POST <callback_url>`), the browser's
return to `returnUrl`, and the day's transaction list the reconciliation page reads
(`GET /doi-soat?ngay=YYYY-MM-DD`). It checks the redirect request's checksum as the real gateway
would. Started by `motcua demo` and by the tests (`start_sandbox`); `stop()` ends it.
"""

from __future__ import annotations

import html
import json
import secrets
import threading
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from motcua.core.loopback import LoopbackHttpService
from motcua.core.time import VN_TZ

from . import gateway

CALLBACK_PATH = "/thanh-toan/nen-tang/thong-bao/"
CANCELLED = "24"  # the payer cancelled (VNPAY-style code; any code but "00" is "not paid")


@dataclass
class Transaction:
    order_id: str
    transaction_no: str
    amount: int
    pay_date: str
    error_code: str
    callback_status: int = 0
    callback_reply: str = ""


@dataclass
class Sandbox(LoopbackHttpService):
    thread_name = "payment-sandbox"

    secret: str
    callback_url: str
    partner_code: str = "MOTCUA"
    port: int = 0
    transactions: list[Transaction] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # --- the gateway's side ---------------------------------------------------------------------
    def pay(self, request: dict[str, str], *, cancel: bool = False) -> tuple[Transaction, str]:
        """What the payer's click does: send the signed callback; returns it and the return URL."""
        now = datetime.now(VN_TZ)
        tx = Transaction(
            order_id=request["orderId"],
            transaction_no=f"SBX{now:%y%m%d}{secrets.randbelow(10**8):08d}",
            amount=int(request["amount"]),
            pay_date=f"{now:%Y%m%d%H%M%S}",
            error_code=CANCELLED if cancel else gateway.PAID,
        )
        body = gateway.sign_callback(
            {
                "amount": tx.amount,
                "orderId": tx.order_id,
                "orderInfo": request.get("orderInfo", ""),
                "requestCode": request.get("requestCode", ""),
                "transactionNo": tx.transaction_no,
                "payDate": tx.pay_date,
                "paygate": "SANDBOX",
                "errorCode": tx.error_code,
                "type": "PAYMENT",
                "transactionCode": tx.transaction_no,
            },
            self.secret,
        )
        tx.callback_status, tx.callback_reply = self.post_callback(body)
        with self._lock:
            self.transactions.append(tx)
        back = request.get("returnUrl", "")
        query = urlencode({"orderId": tx.order_id, "errorCode": tx.error_code})
        return tx, f"{back}?{query}" if back else ""

    def post_callback(self, body: dict[str, Any]) -> tuple[int, str]:
        data = json.dumps(body).encode()
        req = urllib.request.Request(  # noqa: S310 (the loopback URL the sandbox was started with)
            self.callback_url, data=data, headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(req, timeout=10) as response:  # noqa: S310 (loopback URL we were given)
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(errors="replace")
        except OSError as exc:
            return 0, str(exc)

    def day(self, day: str) -> list[dict[str, Any]]:
        compact = day.replace("-", "")
        with self._lock:
            return [
                {
                    "orderId": t.order_id,
                    "transactionNo": t.transaction_no,
                    "amount": t.amount,
                    "payDate": t.pay_date,
                    "errorCode": t.error_code,
                }
                for t in self.transactions
                if t.pay_date.startswith(compact)
            ]

    # --- HTTP ------------------------------------------------------------------------------------
    def on_get(self, h: BaseHTTPRequestHandler) -> None:
        url = urlparse(h.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/thanh-toan":
            if not gateway.checksum_ok(query, gateway.REQUEST_FIELDS, self.secret):
                self._page(h, 400, "Yêu cầu thanh toán không hợp lệ", "<p>Sai mã kiểm tra (checksum).</p>")
                return
            self._page(h, 200, "Thanh toán phí, lệ phí", _payer_form(query))
            return
        if url.path == "/doi-soat":
            self._json(
                h, 200, {"partnerCode": self.partner_code, "transactions": self.day(query.get("ngay", ""))}
            )
            return
        self._page(h, 404, "Không tìm thấy", "<p>Không có trang này.</p>")

    def on_post(self, h: BaseHTTPRequestHandler) -> None:
        length = min(int(h.headers.get("Content-Length") or 0), 64 * 1024)
        form = {k: v[0] for k, v in parse_qs(h.rfile.read(length).decode()).items()}
        if urlparse(h.path).path != "/thanh-toan/xac-nhan" or not gateway.checksum_ok(
            form, gateway.REQUEST_FIELDS, self.secret
        ):
            self._page(h, 400, "Yêu cầu thanh toán không hợp lệ", "<p>Sai mã kiểm tra (checksum).</p>")
            return
        _tx, back = self.pay(form, cancel=form.get("choice") == "cancel")
        h.send_response(303)
        h.send_header("Location", back or "/")
        h.end_headers()

    def _page(self, h: BaseHTTPRequestHandler, status: int, title: str, body: str) -> None:
        page = (
            '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)} – Nền tảng thanh toán (thử nghiệm)</title>"
            "<style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;"
            "color:#1a1a1a}"
            "header{border-bottom:3px solid #b3261e;margin-bottom:1rem}table{border-collapse:collapse}"
            "th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #ccc}"
            "button{font-size:1rem;padding:.6rem 1.2rem;margin:.5rem .5rem 0 0;cursor:pointer}"
            ".pay{background:#0b5cad;color:#fff;border:0}"
            ".cancel{background:#fff;color:#1a1a1a;border:1px solid #555}"
            "</style></head><body>"
            "<header><p><strong>Nền tảng thanh toán – môi trường thử nghiệm</strong></p></header>"
            f"<main><h1>{html.escape(title)}</h1>{body}</main></body></html>"
        ).encode()
        h.send_response(status)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(page)))
        h.end_headers()
        h.wfile.write(page)

    def _json(self, h: BaseHTTPRequestHandler, status: int, data: Any) -> None:
        body = json.dumps(data).encode()
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)


def _payer_form(query: dict[str, str]) -> str:
    amount = int(query.get("amount", "0") or 0)
    hidden = "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in query.items()
    )
    money = f"{amount:,}".replace(",", ".") + " đồng"
    return (
        "<table><caption>Thông tin giao dịch</caption><tbody>"
        f'<tr><th scope="row">Mã đơn hàng</th><td>{html.escape(query.get("orderId", ""))}</td></tr>'
        f'<tr><th scope="row">Nội dung</th><td>{html.escape(query.get("orderInfo", ""))}</td></tr>'
        f'<tr><th scope="row">Số tiền</th><td id="so-tien">{money}</td></tr>'
        "</tbody></table>"
        f'<form method="post" action="/thanh-toan/xac-nhan">{hidden}'
        '<button class="pay" name="choice" value="pay">Thanh toán</button>'
        '<button class="cancel" name="choice" value="cancel">Hủy giao dịch</button></form>'
    )


def start_sandbox(*, callback_url: str, secret: str | None = None, partner_code: str = "MOTCUA") -> Sandbox:
    return Sandbox(
        secret=secret or secrets.token_hex(16), callback_url=callback_url, partner_code=partner_code
    ).start()
