"""Text messages (SMS) through a gateway over HTTP; settings from the environment.

| Environment variable        | Meaning                                                              |
|-----------------------------|----------------------------------------------------------------------|
| MOTCUA_SMS_GATEWAY_URL      | the gateway's send endpoint (POST JSON); unset: no text messages     |
| MOTCUA_SMS_API_KEY          | the bearer key the gateway gave us; never in the database            |
| MOTCUA_SMS_SENDER           | the registered sender name (brandname), default `MOTCUA`             |
| MOTCUA_SMS_TIMEOUT          | seconds to wait for the gateway (10)                                 |

The request is `{"to": "84912345678", "from": <sender>, "text": <message>, "ref": <our id>}`;
the gateway answers 2xx with `{"status": "accepted", "id": ...}`. Vietnamese gateways
(brandname SMS) share this shape; an adapter for another one replaces `send` only.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass

logger = logging.getLogger(__name__)


class SmsError(Exception):
    """The gateway did not take the message."""


def gateway_url() -> str:
    return os.environ.get("MOTCUA_SMS_GATEWAY_URL", "")


def enabled() -> bool:
    return bool(gateway_url())


def international(phone: str) -> str:
    """0912345678 → 84912345678 (the form gateways expect)."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return "84" + digits[1:] if digits.startswith("0") else digits


@dataclass(frozen=True)
class Sent:
    ref: str
    gateway_id: str


def send(phone: str, text: str) -> Sent:
    """Send one message now; raises SmsError when the gateway refuses it or cannot be reached."""
    url = gateway_url()
    if not url:
        raise SmsError("no SMS gateway configured")
    ref = secrets.token_hex(8)
    body = json.dumps(
        {
            "to": international(phone),
            "from": os.environ.get("MOTCUA_SMS_SENDER", "MOTCUA"),
            "text": text,
            "ref": ref,
        },
        ensure_ascii=False,
    ).encode()
    request = urllib.request.Request(  # noqa: S310 (a URL from our own configuration)
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "Authorization": f"Bearer {os.environ.get('MOTCUA_SMS_API_KEY', '')}",
        },
    )
    try:
        timeout = float(os.environ.get("MOTCUA_SMS_TIMEOUT", "10"))
        with urllib.request.urlopen(request, timeout=timeout) as reply:  # noqa: S310 (our configured URL)
            answer = json.loads(reply.read() or b"{}")
    except urllib.error.HTTPError as exc:
        raise SmsError(f"gateway answered {exc.code}") from exc
    except (OSError, ValueError) as exc:
        raise SmsError(f"gateway unreachable: {exc}") from exc
    if answer.get("status") != "accepted":
        raise SmsError(f"gateway refused the message: {answer.get('status')}")
    logger.info("SMS %s accepted by the gateway as %s", ref, answer.get("id"))
    return Sent(ref=ref, gateway_id=str(answer.get("id", "")))
