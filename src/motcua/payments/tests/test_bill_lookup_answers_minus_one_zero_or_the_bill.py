"""The bill look-up the national platform calls: -1 not found (or not authenticated), 0 nothing due,
1 the bill with its fee lines adding up to what is owed."""

from __future__ import annotations

import json

import pytest

from motcua.payments import gateway, services

from .conftest import SECRET
from .support import callback, send, start

pytestmark = pytest.mark.usefixtures("gateway_conf")


def ask(code: str, *, secret: str = SECRET) -> dict:  # type: ignore[type-arg]
    message = {"MaHoSo": code}
    message["MaXacThuc"] = gateway.checksum(message, gateway.LOOKUP_FIELDS, secret)
    return services.bill_lookup(body=json.dumps(message).encode(), client_address="203.0.113.7")


def test_unknown_dossier_is_minus_one(db, gateway_conf):
    assert ask("H99.99-261206-0001")["error_code"] == -1


def test_a_wrong_checksum_is_minus_one_even_for_a_real_dossier(dossier):
    assert ask(dossier.code, secret="sai")["error_code"] == -1


def test_an_unpaid_dossier_gets_its_bill(dossier):
    answer = ask(dossier.code)
    assert answer["error_code"] == 1
    bill = answer["message"]
    assert bill["MaHoSo"] == dossier.code
    assert bill["SoTien"] == 200_000
    assert bill["MaDichVu"] == 2
    assert sum(line["SoTien"] for line in bill["PhiLePhi"]) == bill["SoTien"]
    assert bill["MaTraCuuTT"].startswith(dossier.code)
    assert len(bill["MaTraCuuTT"]) == len(dossier.code) + 14


def test_a_paid_dossier_owes_nothing(dossier):
    send(callback(start(dossier)))
    assert ask(dossier.code)["error_code"] == 0
