"""At the counter an intake officer records the payment: the table of actions says who and when, the
dossier gets one paid event, a receipt number, and nothing is due afterwards."""

from __future__ import annotations

import pytest

from motcua.core.errors import Conflict, PermissionDenied
from motcua.dossiers.actions import Action
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.permissions import allowed_actions
from motcua.payments import selectors, services
from motcua.payments.models import Payment
from motcua.payments.receipts import receipt_pdf


def test_the_counter_takes_the_fee_once(world, dossier):
    assert Action.RECORD_PAYMENT in allowed_actions(world.intake, dossier)
    assert Action.RECORD_PAYMENT not in allowed_actions(world.specialist, dossier)
    services.record_counter_payment(dossier_id=dossier.pk, actor=world.intake, payer_name="Nguyễn Văn A")
    payment = Payment.objects.get(dossier=dossier)
    assert payment.channel == Payment.Channel.COUNTER
    assert payment.amount == 200_000
    assert payment.officer == world.intake
    assert payment.payer_name == "Nguyễn Văn A"
    assert DossierEvent.objects.filter(dossier=dossier, kind=DossierEvent.Kind.FEE_PAID).count() == 1
    assert selectors.outstanding(dossier) == 0
    assert not selectors.paid_online(dossier)
    with pytest.raises(Conflict):
        services.record_counter_payment(dossier_id=dossier.pk, actor=world.intake)
    assert receipt_pdf(payment).startswith(b"%PDF")


def test_others_may_not_take_fees(world, dossier):
    for someone in (world.specialist, world.other_intake, world.citizen):
        with pytest.raises(PermissionDenied):
            services.record_counter_payment(dossier_id=dossier.pk, actor=someone)
    assert not Payment.objects.exists()


@pytest.mark.usefixtures("gateway_conf")
def test_paid_online_says_whether_the_gateway_was_used(dossier):
    from .support import callback, send, start

    assert not selectors.paid_online(dossier)
    send(callback(start(dossier)))
    assert selectors.paid_online(dossier)


@pytest.mark.usefixtures("gateway_conf")
def test_paid_at_the_counter_while_paying_online_is_recorded_and_flagged(world, dossier, caplog):
    import logging

    from .support import callback, send, start

    pending = start(dossier)  # the citizen is on the gateway's page...
    services.record_counter_payment(dossier_id=dossier.pk, actor=world.intake)  # ...and pays in cash
    with caplog.at_level(logging.WARNING, logger="motcua.payments"):
        assert send(callback(pending))["status"] == "SUCCESSFUL"  # the gateway took the money too
    assert "to refund" in caplog.text
    assert DossierEvent.objects.filter(dossier=dossier, kind=DossierEvent.Kind.FEE_PAID).count() == 2
    assert selectors.paid_total(dossier) == 400_000
