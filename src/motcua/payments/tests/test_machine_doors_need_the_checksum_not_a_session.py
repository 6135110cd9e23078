"""The gateway's doors over HTTP: no CSRF token or session needed (the checksum authenticates),
bodies over the cap refused with 413, too many calls from one address refused with 429."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from motcua.payments import conf
from motcua.payments.models import GatewayMessage, Payment

from .support import callback, start

pytestmark = pytest.mark.usefixtures("gateway_conf")
CALLBACK = "/thanh-toan/nen-tang/thong-bao/"
LOOKUP = "/thanh-toan/nen-tang/dptracuuthanhtoanhs"


def test_the_callback_is_csrf_exempt_and_pays(dossier):
    payment = start(dossier)
    client = Client(enforce_csrf_checks=True)
    response = client.post(CALLBACK, json.dumps(callback(payment)), content_type="application/json")
    assert response.status_code == 200
    assert response.json()["status"] == "SUCCESSFUL"
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID


def test_a_refused_callback_answers_failed(dossier):
    payment = start(dossier)
    message = callback(payment)
    message["checksum"] = "0" * 64
    response = Client().post(CALLBACK, json.dumps(message), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["status"] == "FAILED"


def test_a_body_over_the_cap_is_refused_unread(dossier):
    response = Client().post(
        CALLBACK, b"{" + b" " * (conf.max_body_bytes() + 10) + b"}", content_type="application/json"
    )
    assert response.status_code == 413
    assert not GatewayMessage.objects.exists()


def test_one_address_is_rate_limited(dossier):
    conf.override(rate="3")
    client = Client()
    codes = [client.post(LOOKUP, b"{}", content_type="application/json").status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200]
    assert codes[3:] == [429, 429]


def test_get_is_not_allowed(db):
    assert Client().get(CALLBACK).status_code == 405
