"""Officers: the dossier page shows what was paid and its receipt; the reconciliation page compares
the day's payments with the sandbox gateway's own list, and flags what the gateway has and we do not."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client

from motcua.backoffice.tests.support import staff_login
from motcua.core import time as core_time
from motcua.payments import conf, gateway, services
from motcua.payments.models import Payment
from motcua.payments.sandbox import start_sandbox


@pytest.fixture
def sandbox(live_server):  # type: ignore[no-untyped-def]
    box = start_sandbox(callback_url=live_server.url + "/thanh-toan/nen-tang/thong-bao/")
    with conf.overrides_kept():
        conf.override(
            gateway_url=box.url, secret=box.secret, partner_code=box.partner_code, public_url=live_server.url
        )
        yield box
    box.stop()


def test_the_sandbox_pays_and_the_officer_sees_it(transactional_db, world, dossier, sandbox):
    url = services.start_online_payment(dossier_id=dossier.pk, user=world.citizen, client_ip="127.0.0.1")
    request = {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}
    assert gateway.checksum_ok(request, gateway.REQUEST_FIELDS, sandbox.secret)
    tx, back = sandbox.pay(request)
    assert tx.callback_status == 200, tx.callback_reply
    payment = Payment.objects.get(order_id=request["orderId"])
    assert payment.status == Payment.Status.PAID
    assert back.startswith(request["returnUrl"])

    officer = staff_login(Client(), world.intake)
    page = officer.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert payment.receipt_number in page
    assert "Nộp phí, lệ phí" in page  # the paid event in the dossier's history
    assert (
        officer.get(f"/can-bo/ho-so/{dossier.code}/bien-lai/{payment.receipt_number}.pdf").status_code == 200
    )

    day = core_time.local(core_time.now()).date().isoformat()
    report = officer.get(f"/can-bo/doi-soat-thanh-toan/?ngay={day}").content.decode()
    assert "Mọi giao dịch đều khớp" in report
    assert payment.transaction_no in report

    # The gateway took money for an order whose callback never reached us: the page says so.
    lost = Payment.objects.create(
        dossier=dossier,
        channel=Payment.Channel.ONLINE,
        order_id=payment.order_id[:-2] + "99",
        amount=200_000,
        created_at=core_time.now(),
    )
    sandbox.callback_url = "http://127.0.0.1:9/"  # nothing listens there: the callback is lost
    sandbox.pay({"orderId": lost.order_id, "amount": "200000", "requestCode": "", "returnUrl": ""})
    report = officer.get(f"/can-bo/doi-soat-thanh-toan/?ngay={day}").content.decode()
    assert "Chưa ghi nhận tại đây" in report
