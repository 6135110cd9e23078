"""The gateway delivers one callback several times at once (it retries on a slow answer): on
PostgreSQL, under real concurrency, the payment is settled once, with exactly one paid event."""

from __future__ import annotations

import json
import threading

import pytest
from django.db import connections

from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, build_world, mandatory_document_id, pdf
from motcua.payments import services
from motcua.payments.models import GatewayMessage, Payment

from .support import callback, start

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("gateway_conf")
def test_eight_deliveries_at_once_make_one_payment_and_one_event():
    world = build_world()
    dossier = dossier_services.submit_dossier(
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf())],
        owner=world.citizen,
    )
    payment = start(dossier)
    body = json.dumps(callback(payment)).encode()
    barrier = threading.Barrier(8)
    replies: list[str] = []
    lock = threading.Lock()

    def deliver() -> None:
        try:
            barrier.wait()
            reply = services.handle_callback(body=body, client_address="203.0.113.9")
            with lock:
                replies.append(reply["status"])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert replies == ["SUCCESSFUL"] * 8
    assert DossierEvent.objects.filter(dossier=dossier, kind=DossierEvent.Kind.FEE_PAID).count() == 1
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.PAID
    outcomes = list(GatewayMessage.objects.values_list("outcome", flat=True))
    assert outcomes.count(GatewayMessage.Outcome.ACCEPTED) == 1
    assert outcomes.count(GatewayMessage.Outcome.DUPLICATE) == 7
