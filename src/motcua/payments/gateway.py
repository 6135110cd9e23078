"""The payment gateway's messages, modelled on the national payment platform (PayGov).

Pure functions: build the redirect request, sign and check checksums, read a callback. The exact
keys and checksum of PayGov are not public; as OpenCPS's gateway code does, the checksum is
HMAC-SHA256 (hex) over the fields joined by "|" in a fixed order, keyed with the shared secret
(`conf.secret()`). A different real contract changes this module only.

Redirect request: partnerCode, returnUrl, orderId "{unit}-{dossier code}-{nn}", amount, orderInfo
(without diacritics), requestCode, ipAddress, checksum.
Callback: amount, orderId, orderInfo, requestCode, transactionNo, payDate (yyyyMMddHHmmss),
paygate, errorCode ("00" = paid), type, transactionCode, checksum. We answer SUCCESSFUL or FAILED.
Bill look-up (`dptracuuthanhtoanhs`): {MaHoSo, MaXacThuc}; answer error_code -1, 0 or 1.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from text_unidecode import unidecode

from motcua.core.time import VN_TZ

REQUEST_FIELDS = ("partnerCode", "orderId", "amount", "requestCode", "returnUrl")
CALLBACK_FIELDS = (
    "amount",
    "orderId",
    "requestCode",
    "transactionNo",
    "payDate",
    "errorCode",
    "transactionCode",
)
LOOKUP_FIELDS = ("MaHoSo",)
PAID = "00"
PAY_DATE = "%Y%m%d%H%M%S"


def checksum(message: dict[str, Any], fields: tuple[str, ...], secret: str) -> str:
    text = "|".join(str(message.get(name, "")) for name in fields)
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def checksum_ok(message: dict[str, Any], fields: tuple[str, ...], secret: str) -> bool:
    given = message.get("checksum", message.get("MaXacThuc", ""))
    if not secret or not isinstance(given, str):
        return False
    # Bytes: compare_digest refuses str with non-ASCII characters (a hostile checksum must not crash us).
    return hmac.compare_digest(given.lower().encode(), checksum(message, fields, secret).encode())


def order_id(unit_code: str, dossier_code: str, attempt: int) -> str:
    return f"{unit_code}-{dossier_code}-{attempt:02d}"


def order_info(dossier_code: str, procedure_name: str) -> str:
    """orderInfo without diacritics (the gateway's rule), at most 255 characters."""
    text = f"Thanh toan phi, le phi ho so {dossier_code}: {unidecode(procedure_name)}"
    return text[:255]


def redirect_request(
    *,
    partner_code: str,
    order: str,
    amount: int,
    info: str,
    request_code: str,
    return_url: str,
    ip_address: str,
    secret: str,
) -> dict[str, Any]:
    message: dict[str, Any] = {
        "partnerCode": partner_code,
        "returnUrl": return_url,
        "orderId": order,
        "amount": amount,
        "orderInfo": info,
        "requestCode": request_code,
        "ipAddress": ip_address,
    }
    message["checksum"] = checksum(message, REQUEST_FIELDS, secret)
    return message


def redirect_url(gateway_url: str, message: dict[str, Any]) -> str:
    return f"{gateway_url}/thanh-toan?{urlencode(message)}"


@dataclass(frozen=True)
class Callback:
    order_id: str
    amount: int
    transaction_no: str
    paid: bool
    paid_at: datetime | None
    paygate: str
    error_code: str


class BadCallback(ValueError):
    """A callback we cannot read; the message is the logged reason."""


def read_callback(message: Any) -> Callback:
    """The fields we act on, typed; raises BadCallback with the reason when one is missing or wrong."""
    if not isinstance(message, dict):
        raise BadCallback("body is not a JSON object")
    for name in ("orderId", "amount", "transactionNo", "errorCode"):
        if name not in message or message[name] in (None, ""):
            raise BadCallback(f"missing {name}")
    try:
        amount = int(str(message["amount"]))
    except ValueError as exc:
        raise BadCallback("amount is not a whole number") from exc
    if amount < 0:
        raise BadCallback("negative amount")
    paid_at = None
    if message.get("payDate"):
        try:
            paid_at = datetime.strptime(str(message["payDate"]), PAY_DATE).replace(tzinfo=VN_TZ)
        except ValueError as exc:
            raise BadCallback("payDate is not yyyyMMddHHmmss") from exc
    transaction_no = str(message["transactionNo"])
    if len(transaction_no) > 64:
        raise BadCallback("transactionNo longer than 64 characters")
    return Callback(
        order_id=str(message["orderId"])[:80],
        amount=amount,
        transaction_no=transaction_no,
        paid=str(message["errorCode"]) == PAID,
        paid_at=paid_at,
        paygate=str(message.get("paygate", ""))[:40],
        error_code=str(message["errorCode"])[:8],
    )


def sign_callback(message: dict[str, Any], secret: str) -> dict[str, Any]:
    """The gateway's side (the sandbox, and tests): add the checksum to a callback."""
    return {**message, "checksum": checksum(message, CALLBACK_FIELDS, secret)}
