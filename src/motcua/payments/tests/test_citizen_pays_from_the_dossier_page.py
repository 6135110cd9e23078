"""The portal: the review page and the dossier page show the fees; the owner's "pay online" sends
them to the gateway with a signed request; the return page shows what the callback recorded."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client

from motcua.payments import gateway
from motcua.payments.models import Payment

from .conftest import SECRET
from .support import callback, send

pytestmark = pytest.mark.usefixtures("gateway_conf")


def test_owner_pays_and_downloads_the_receipt(world, dossier):
    client = Client()
    client.force_login(world.citizen)
    page = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "200.000 đ" in page
    assert "Thanh toán trực tuyến" in page
    response = client.post(f"/ho-so/{dossier.code}/thanh-toan/")
    assert response.status_code == 302
    target = urlparse(response["Location"])
    assert target.netloc == "127.0.0.1:9"
    assert target.path == "/cong/thanh-toan"
    query = {k: v[0] for k, v in parse_qs(target.query).items()}
    assert gateway.checksum_ok(query, gateway.REQUEST_FIELDS, SECRET)
    assert query["amount"] == "200000"
    assert query["returnUrl"] == "http://testserver/thanh-toan/ket-qua/"
    payment = Payment.objects.get(order_id=query["orderId"])
    send(callback(payment))
    payment.refresh_from_db()
    back = client.get(f"/thanh-toan/ket-qua/?orderId={payment.order_id}&errorCode=00").content.decode()
    assert "Đã thanh toán 200.000 đ" in back
    assert payment.receipt_number in back
    pdf = client.get(f"/ho-so/{dossier.code}/bien-lai/{payment.receipt_number}.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    page = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Thanh toán trực tuyến</button>" not in page
    assert payment.receipt_number in page


def test_strangers_neither_pay_nor_read_receipts(world, dossier):
    from .support import start

    payment = start(dossier)
    send(callback(payment))
    payment.refresh_from_db()
    stranger = Client()
    stranger.force_login(world.other_specialist)
    assert stranger.post(f"/ho-so/{dossier.code}/thanh-toan/").status_code == 404
    assert stranger.get(f"/ho-so/{dossier.code}/bien-lai/{payment.receipt_number}.pdf").status_code == 404
    page = stranger.get(f"/thanh-toan/ket-qua/?orderId={payment.order_id}").content.decode()
    assert payment.receipt_number not in page
