"""Helpers of the payment tests: start a payment and make the gateway's callback for it."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, urlparse

from motcua.dossiers.models import Dossier
from motcua.payments import gateway, services
from motcua.payments.models import Payment

from .conftest import SECRET


def start(dossier: Dossier) -> Payment:
    url = services.start_online_payment(dossier_id=dossier.pk, user=dossier.owner, client_ip="203.0.113.5")
    query = {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}
    assert gateway.checksum_ok(query, gateway.REQUEST_FIELDS, SECRET)
    return Payment.objects.get(order_id=query["orderId"])


def callback(payment: Payment, *, secret: str = SECRET, **changes: Any) -> dict[str, Any]:
    message = {
        "amount": payment.amount,
        "orderId": payment.order_id,
        "orderInfo": "Thanh toan",
        "requestCode": payment.request_code,
        "transactionNo": "TX0001",
        "payDate": "20261206093000",
        "paygate": "SANDBOX",
        "errorCode": "00",
        "type": "PAYMENT",
        "transactionCode": "TC0001",
    }
    message.update(changes)
    return gateway.sign_callback(message, secret)


def send(message: Any) -> dict[str, str]:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return services.handle_callback(body=body, client_address="203.0.113.9")
