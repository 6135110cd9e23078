"""The applicant is told by text message as well as by e-mail, through the SMS gateway (here its
loopback sandbox, which records what it receives), after commit, through the task queue."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core import mail

from motcua.accounts.sms_sandbox import SmsSandbox, start_sms_sandbox
from motcua.dossiers import services

from .factories import APPLICANT, FORM_DATA, mandatory_document_id, pdf, vn


@pytest.fixture
def sms_gateway(monkeypatch) -> Iterator[SmsSandbox]:  # type: ignore[no-untyped-def]
    sandbox = start_sms_sandbox()
    monkeypatch.setenv("MOTCUA_SMS_GATEWAY_URL", sandbox.url + "/gui")
    monkeypatch.setenv("MOTCUA_SMS_API_KEY", sandbox.api_key)
    yield sandbox
    sandbox.stop()


def test_reception_is_texted_and_mailed(world, sms_gateway, django_capture_on_commit_callbacks):
    applicant = {**APPLICANT, "phone": "0912 345 678"}
    with django_capture_on_commit_callbacks(execute=True):
        dossier = services.submit_dossier(
            procedure_code=world.code,
            applicant=applicant,
            form_data=FORM_DATA,
            documents=[(mandatory_document_id(world), pdf())],
            at=vn(2025, 3, 3, 8, 0),
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.receive_dossier(dossier_id=dossier.pk, actor=world.intake, at=vn(2025, 3, 3, 9, 0))
    texts = [m["text"] for m in sms_gateway.to("84912345678")]
    assert texts == [
        f"Da nhan ho so truc tuyen {dossier.code}. Ma tra cuu: {dossier.lookup_secret}. Cong dich vu cong",
        f"Ho so {dossier.code} da duoc tiep nhan. Hen tra: 10/03/2025. Ma tra cuu: {dossier.lookup_secret}. "
        "Cong dich vu cong",
    ]
    assert len(mail.outbox) == 2


def test_a_phone_only_applicant_is_texted(world, sms_gateway, django_capture_on_commit_callbacks):
    applicant = {**APPLICANT, "phone": "0912345678", "email": ""}
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_dossier(
            procedure_code=world.code,
            applicant=applicant,
            form_data=FORM_DATA,
            documents=[(mandatory_document_id(world), pdf())],
            at=vn(2025, 3, 3, 8, 0),
        )
    assert len(sms_gateway.messages) == 1
    assert mail.outbox == []


def test_a_landline_gets_no_text(world, sms_gateway, django_capture_on_commit_callbacks):
    applicant = {**APPLICANT, "phone": "0233 3852 999"}
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_dossier(
            procedure_code=world.code,
            applicant=applicant,
            form_data=FORM_DATA,
            documents=[(mandatory_document_id(world), pdf())],
            at=vn(2025, 3, 3, 8, 0),
        )
    assert sms_gateway.messages == []
