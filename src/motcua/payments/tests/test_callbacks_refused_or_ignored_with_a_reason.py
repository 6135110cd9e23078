"""A tampered checksum, a wrong amount, a replayed callback, an unknown order: each refused or
ignored, the raw message kept with the reason, and a warning in the log; the dossier records one
paid event for one payment, never two."""

from __future__ import annotations

import json
import logging

import pytest

from motcua.dossiers.models import DossierEvent
from motcua.payments.models import GatewayMessage, Payment

from .support import callback, send, start

pytestmark = pytest.mark.usefixtures("gateway_conf")


def paid_events(dossier):  # type: ignore[no-untyped-def]
    return DossierEvent.objects.filter(dossier=dossier, kind=DossierEvent.Kind.FEE_PAID).count()


def test_a_verified_callback_pays_once_with_one_event(dossier):
    payment = start(dossier)
    assert payment.amount == 200_000
    reply = send(callback(payment))
    assert reply["status"] == "SUCCESSFUL"
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert payment.receipt_number
    assert payment.transaction_no == "TX0001"
    event = DossierEvent.objects.get(dossier=dossier, kind=DossierEvent.Kind.FEE_PAID)
    assert event.payload["amount"] == 200_000
    assert event.payload["transaction_no"] == "TX0001"
    assert payment.event_id == event.pk
    kept = GatewayMessage.objects.get(payment=payment)
    assert json.loads(kept.body)["transactionNo"] == "TX0001"  # the raw payload, as it came
    assert kept.outcome == GatewayMessage.Outcome.ACCEPTED


def test_a_tampered_checksum_is_refused(dossier, caplog):
    payment = start(dossier)
    message = callback(payment)
    message["amount"] = 1  # altered after signing
    with caplog.at_level(logging.WARNING, logger="motcua.payments"):
        reply = send(message)
    assert reply["status"] == "FAILED"
    assert "checksum does not match" in caplog.text
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING
    assert paid_events(dossier) == 0
    kept = GatewayMessage.objects.get()
    assert kept.outcome == GatewayMessage.Outcome.REJECTED
    assert kept.reason == "checksum does not match"


def test_a_callback_signed_with_another_key_is_refused(dossier):
    payment = start(dossier)
    assert send(callback(payment, secret="khoa-khac"))["status"] == "FAILED"
    assert paid_events(dossier) == 0


def test_a_wrong_amount_is_refused(dossier, caplog):
    payment = start(dossier)
    with caplog.at_level(logging.WARNING, logger="motcua.payments"):
        reply = send(callback(payment, amount=100_000))  # correctly signed, but not the bill
    assert reply["status"] == "FAILED"
    assert "amount 100000 differs from the bill 200000" in caplog.text
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING
    assert paid_events(dossier) == 0


def test_a_replayed_callback_changes_nothing(dossier, caplog):
    payment = start(dossier)
    message = callback(payment)
    assert send(message)["status"] == "SUCCESSFUL"
    with caplog.at_level(logging.INFO, logger="motcua.payments"):
        again = send(message)
    assert again["status"] == "SUCCESSFUL"  # the gateway must stop retrying: it was recorded
    assert "already recorded" in caplog.text
    assert paid_events(dossier) == 1
    assert Payment.objects.filter(status=Payment.Status.PAID).count() == 1
    outcomes = sorted(GatewayMessage.objects.values_list("outcome", flat=True))
    assert outcomes == [GatewayMessage.Outcome.ACCEPTED, GatewayMessage.Outcome.DUPLICATE]


def test_a_second_transaction_for_a_settled_order_is_refused(dossier):
    payment = start(dossier)
    send(callback(payment))
    reply = send(callback(payment, transactionNo="TX0002"))
    assert reply["status"] == "FAILED"
    assert paid_events(dossier) == 1


def test_a_callback_for_an_unknown_dossier_is_refused(dossier, caplog):
    payment = start(dossier)
    with caplog.at_level(logging.WARNING, logger="motcua.payments"):
        reply = send(callback(payment, orderId="000.00.00.H99-H99.99-261206-9999-01"))
    assert reply["status"] == "FAILED"
    assert "unknown orderId" in caplog.text
    assert paid_events(dossier) == 0
    assert GatewayMessage.objects.get().outcome == GatewayMessage.Outcome.REJECTED


@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"orderId": "x"}', b'{"a":' * 50])
def test_unreadable_bodies_are_refused_and_kept(dossier, body):
    assert send(body)["status"] == "FAILED"
    assert GatewayMessage.objects.get().body == body.decode()


def test_a_cancelled_payment_records_no_event_and_can_be_retried(dossier):
    payment = start(dossier)
    assert send(callback(payment, errorCode="24"))["status"] == "SUCCESSFUL"
    payment.refresh_from_db()
    assert payment.status == Payment.Status.FAILED
    assert paid_events(dossier) == 0
    second = start(dossier)
    assert second.order_id.endswith("-02")
    send(callback(second, transactionNo="TX0009"))
    assert paid_events(dossier) == 1
