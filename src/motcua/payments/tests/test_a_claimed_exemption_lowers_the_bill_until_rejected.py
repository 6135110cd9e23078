"""A claimed exemption lowers what is owed at once (the quote, online payment, the bill look-up, the
counter); the officer confirms it or rejects it with a reason, each an event of the history; rejected,
the standard fee is owed again, and what was paid at the reduced rate leaves the difference due."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from motcua.backoffice.tests.support import staff_login
from motcua.catalog.models import Fee, FeeExemption
from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.dossiers import services as dossier_services
from motcua.dossiers.actions import Action
from motcua.dossiers.models import Dossier, DossierEvent, ExemptionStatus
from motcua.dossiers.permissions import RequirementUnmet, allowed_actions
from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, mandatory_document_id, pdf
from motcua.payments import gateway, selectors, services
from motcua.payments.fees import quote
from motcua.payments.models import Payment

from .conftest import SECRET
from .support import callback, send, start

K = DossierEvent.Kind


@pytest.fixture
def exemptions(world):  # type: ignore[no-untyped-def]
    """The judicial record's shape: 200.000 đ; 100.000 đ for students; nothing for children."""
    standard = world.version.fees.get(standard=True)
    reduced = Fee.objects.create(
        version=world.version, name="Phí (sinh viên)", amount=100_000, kind=standard.kind, standard=False
    )
    return {
        "students": FeeExemption.objects.create(
            version=world.version, description="Sinh viên", reduced_fee=reduced
        ),
        "children": FeeExemption.objects.create(version=world.version, description="Trẻ em"),
    }


def _claim(world: Any, exemption: FeeExemption) -> Dossier:
    return dossier_services.submit_dossier(
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf())],
        owner=world.citizen,
        fee_exemption_id=exemption.pk,
    )


def _ask(code: str) -> dict[str, Any]:
    message = {"MaHoSo": code}
    message["MaXacThuc"] = gateway.checksum(message, gateway.LOOKUP_FIELDS, SECRET)
    return services.bill_lookup(body=json.dumps(message).encode(), client_address="203.0.113.7")


def test_the_quote_on_the_dossier_uses_the_claim(world, exemptions):
    dossier = _claim(world, exemptions["students"])
    summary = selectors.fee_summary(dossier)
    assert summary.quote.total == 100_000
    assert summary.claim == "Sinh viên"
    assert summary.claim_status == ExemptionStatus.CLAIMED
    assert selectors.outstanding(_claim(world, exemptions["children"])) == 0


@pytest.mark.usefixtures("gateway_conf")
def test_online_payment_and_the_bill_ask_the_reduced_amount(world, exemptions):
    dossier = _claim(world, exemptions["students"])
    bill = _ask(dossier.code)["message"]
    assert bill["SoTien"] == 100_000
    assert sum(line["SoTien"] for line in bill["PhiLePhi"]) == 100_000
    payment = start(dossier)
    assert payment.amount == 100_000
    assert send(callback(payment))["status"] == "SUCCESSFUL"
    assert selectors.outstanding(dossier) == 0
    assert _ask(dossier.code)["error_code"] == 0


@pytest.mark.usefixtures("gateway_conf")
def test_paid_at_the_reduced_rate_then_rejected_leaves_the_difference_due(world, exemptions):
    dossier = _claim(world, exemptions["students"])
    send(callback(start(dossier)))
    services.decide_fee_exemption(
        dossier_id=dossier.pk, actor=world.intake, accept=False, reason="Thẻ sinh viên đã hết hạn."
    )
    dossier.refresh_from_db()
    assert dossier.fee_exemption_status == ExemptionStatus.REJECTED
    assert selectors.outstanding(dossier) == 100_000
    assert _ask(dossier.code)["message"]["SoTien"] == 100_000
    rejected = dossier.events.get(kind=K.EXEMPTION_REJECTED)
    assert rejected.note == "Thẻ sinh viên đã hết hạn."
    assert rejected.payload | {} == {
        "exemption_id": exemptions["students"].pk,
        "exemption": "Sinh viên",
        "total": 200_000,
        "paid": 100_000,
        "outstanding": 100_000,
    }
    # The counter takes the difference.
    services.record_counter_payment(dossier_id=dossier.pk, actor=world.intake)
    assert Payment.objects.filter(dossier=dossier, channel=Payment.Channel.COUNTER).get().amount == 100_000
    assert selectors.outstanding(dossier) == 0


def test_confirmed_the_reduced_rate_stays(world, exemptions):
    dossier = _claim(world, exemptions["students"])
    services.decide_fee_exemption(dossier_id=dossier.pk, actor=world.intake, accept=True)
    dossier.refresh_from_db()
    assert dossier.fee_exemption_status == ExemptionStatus.CONFIRMED
    assert selectors.outstanding(dossier) == 100_000
    assert dossier.events.filter(kind=K.EXEMPTION_CONFIRMED).count() == 1
    # The applicant reads both decisions in the timeline of their dossier.
    from motcua.portal.presenters import timeline

    assert any("miễn, giảm" in entry.title for entry in timeline(dossier))


def test_only_whoever_holds_the_dossier_decides(world, exemptions):
    dossier = _claim(world, exemptions["students"])
    assert Action.DECIDE_EXEMPTION in allowed_actions(world.intake, dossier)
    for someone in (world.citizen, world.specialist, world.other_intake):
        assert Action.DECIDE_EXEMPTION not in allowed_actions(someone, dossier)
        with pytest.raises(PermissionDenied):
            services.decide_fee_exemption(dossier_id=dossier.pk, actor=someone, accept=True)
    with pytest.raises(ValidationFailed):  # a rejection needs its reason
        services.decide_fee_exemption(dossier_id=dossier.pk, actor=world.intake, accept=False)
    dossier.refresh_from_db()
    assert dossier.fee_exemption_status == ExemptionStatus.CLAIMED
    # Forwarded, the specialist holding it decides, and the counter no longer does.
    dossier_services.receive_dossier(dossier_id=dossier.pk, actor=world.intake)
    dossier_services.forward_dossier(dossier_id=dossier.pk, actor=world.intake)
    dossier.refresh_from_db()
    assert Action.DECIDE_EXEMPTION in allowed_actions(world.specialist, dossier)
    assert Action.DECIDE_EXEMPTION not in allowed_actions(world.intake, dossier)
    services.decide_fee_exemption(dossier_id=dossier.pk, actor=world.specialist, accept=True)
    with pytest.raises(RequirementUnmet):  # decided: nothing left to decide
        services.decide_fee_exemption(dossier_id=dossier.pk, actor=world.specialist, accept=False, reason="x")


def test_without_a_claim_there_is_nothing_to_decide(world, dossier, exemptions):
    assert Action.DECIDE_EXEMPTION not in allowed_actions(world.intake, dossier)
    with pytest.raises(RequirementUnmet):
        services.decide_fee_exemption(dossier_id=dossier.pk, actor=world.intake, accept=True)


def test_the_counter_registers_a_claim_and_decides_it_on_the_page(world, exemptions):
    browser = staff_login(Client(), world.intake)
    response = browser.post(
        f"/can-bo/tiep-nhan/dang-ky/{world.code}/",
        {
            "channel": "counter",
            "kind": "citizen",
            "name": "Nguyễn Văn Bình",
            "id_number": "045090004321",
            "phone": "0914555666",
            "address": "Số 12 Lê Duẩn, phường Đông Hà",
            f"doc__{mandatory_document_id(world)}": pdf("to-khai.pdf"),
            **{f"form-{k}": v for k, v in FORM_DATA.items()},
            "fee_exemption": str(exemptions["children"].pk),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    dossier = Dossier.objects.get(applicant_name="Nguyễn Văn Bình")
    assert dossier.fee_exemption == exemptions["children"]
    page = browser.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert "Trẻ em" in page
    assert "chờ kiểm tra" in page
    assert "mien-giam-phi" in page
    assert "Không chấp nhận: thu mức phí, lệ phí thông thường" in page  # the action's form, in place
    answer = browser.post(
        f"/can-bo/ho-so/{dossier.code}/thao-tac/mien-giam-phi/",
        {"accept": "0", "reason": "Không có giấy khai sinh.", "version": dossier.version},
    )
    assert answer.status_code == 302, answer.content.decode()[:3000]
    dossier.refresh_from_db()
    assert dossier.fee_exemption_status == ExemptionStatus.REJECTED
    assert selectors.outstanding(dossier) == 200_000


def test_a_foreign_exemption_is_refused_at_the_counter(world, exemptions):
    with pytest.raises(ValidationFailed):
        dossier_services.register_at_counter(
            officer=world.intake,
            procedure_code=world.code,
            applicant=APPLICANT,
            form_data=FORM_DATA,
            documents=[(mandatory_document_id(world), pdf())],
            fee_exemption_id="abc",
        )
    assert not Dossier.objects.exists()


AMOUNTS = st.integers(0, 10**9)


@given(standard=AMOUNTS, reduced=AMOUNTS, paid=AMOUNTS, decision=st.sampled_from(["claimed", "ok", "no"]))
def test_what_is_due_is_the_applicable_quote_less_what_was_paid(standard, reduced, paid, decision):
    from types import SimpleNamespace as Row

    fees = [
        Row(pk=1, name="Phí", amount=standard, note="", kind="fee", standard=True),
        Row(pk=2, name="Phí giảm", amount=reduced, note="", kind="fee", standard=False),
    ]
    exemption = Row(pk=7, description="Giảm", reduced_fee_id=2)
    applied = None if decision == "no" else 7
    total = quote(fees, [exemption], exemption_id=applied).total
    assert total == (standard if decision == "no" else reduced)
    due = max(0, total - paid)
    # Paid the reduced amount, then rejected: exactly the difference (never negative).
    if decision == "no" and paid == reduced:
        assert due == max(0, standard - reduced)
