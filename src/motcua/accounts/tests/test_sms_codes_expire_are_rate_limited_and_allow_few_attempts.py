"""One-time codes by text message, through the loopback SMS gateway sandbox: they reach the phone,
expire after five minutes, are limited per phone and per client address, allow a few wrong tries,
and are stored only as a keyed hash."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db.models import F

from motcua.accounts import phone_codes
from motcua.accounts.models import PhoneCode, User
from motcua.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "0905123456"
RECOVER = PhoneCode.Purpose.RECOVER


def last_code(sandbox) -> str:  # type: ignore[no-untyped-def]
    return re.search(r"\b(\d{6})\b", sandbox.to("84905123456")[-1]["text"]).group(1)


@pytest.fixture
def account(db):  # type: ignore[no-untyped-def]
    return User.objects.create_user("so-dien-thoai", password="mat-khau-cu-123", phone=PHONE)


def test_the_code_reaches_the_phone_and_resets_the_password(account, sms_gateway):
    phone_codes.send_code(phone="+84 905 123 456", purpose=RECOVER, address="1.2.3.4")
    code = last_code(sms_gateway)
    row = PhoneCode.objects.get()
    assert code not in row.code_hash  # only a keyed hash is stored
    assert len(row.code_hash) == 64
    phone_codes.reset_password_by_phone(phone=PHONE, code=code, password="Mat-khau-moi-2026")
    account.refresh_from_db()
    assert account.check_password("Mat-khau-moi-2026")
    assert account.phone_verified_at is not None
    with pytest.raises(ValidationFailed):  # used once
        phone_codes.reset_password_by_phone(phone=PHONE, code=code, password="Mat-khau-khac-2026")


def test_a_code_expires_after_five_minutes(account, sms_gateway):
    phone_codes.send_code(phone=PHONE, purpose=RECOVER, address="1.2.3.4")
    code = last_code(sms_gateway)
    row = PhoneCode.objects.get()
    assert row.expires_at - row.created_at == timedelta(minutes=5)
    PhoneCode.objects.update(expires_at=F("expires_at") - timedelta(minutes=5, seconds=1))  # 5 min later
    with pytest.raises(ValidationFailed, match="hết hạn"):
        phone_codes.consume_code(phone=PHONE, purpose=RECOVER, code=code)


def test_wrong_codes_are_limited(account, sms_gateway):
    phone_codes.send_code(phone=PHONE, purpose=RECOVER, address="1.2.3.4")
    code = last_code(sms_gateway)
    wrong = "000000" if code != "000000" else "111111"
    for left in (4, 3, 2, 1):
        with pytest.raises(ValidationFailed, match=f"còn {left} lần"):
            phone_codes.consume_code(phone=PHONE, purpose=RECOVER, code=wrong)
    with pytest.raises(ValidationFailed, match="quá số lần"):
        phone_codes.reset_password_by_phone(phone=PHONE, code=wrong, password="Mat-khau-moi-2026")
    with pytest.raises(ValidationFailed, match="quá số lần"):  # even the right code, now
        phone_codes.consume_code(phone=PHONE, purpose=RECOVER, code=code)
    assert PhoneCode.objects.get().attempts == 5  # counted although each try was refused


def test_a_new_code_voids_the_earlier_one(account, sms_gateway):
    phone_codes.send_code(phone=PHONE, purpose=RECOVER, address="1.2.3.4")
    first = last_code(sms_gateway)
    phone_codes.send_code(phone=PHONE, purpose=RECOVER, address="1.2.3.4")
    second = last_code(sms_gateway)
    if first != second:
        with pytest.raises(ValidationFailed):
            phone_codes.consume_code(phone=PHONE, purpose=RECOVER, code=first)
    phone_codes.consume_code(phone=PHONE, purpose=RECOVER, code=second)


def test_sending_is_limited_per_phone(account, sms_gateway):
    for i in range(3):
        phone_codes.send_code(phone=PHONE, purpose=RECOVER, address=f"10.0.0.{i}")
    with pytest.raises(ValidationFailed, match="quá nhiều mã"):
        phone_codes.send_code(phone=PHONE, purpose=RECOVER, address="10.0.0.9")
    assert len(sms_gateway.to("84905123456")) == 3


def test_sending_is_limited_per_address(db, sms_gateway, settings):
    settings.MOTCUA_SMS_CODES_PER_ADDRESS = 4
    for i in range(4):
        phone_codes.send_code(phone=f"090500000{i}", purpose=PhoneCode.Purpose.REGISTER, address="5.6.7.8")
    with pytest.raises(ValidationFailed, match="quá nhiều mã"):
        phone_codes.send_code(phone="0905000009", purpose=PhoneCode.Purpose.REGISTER, address="5.6.7.8")
    phone_codes.send_code(phone="0905000009", purpose=PhoneCode.Purpose.REGISTER, address="9.9.9.9")


def test_an_unknown_number_looks_the_same_but_gets_nothing(db, sms_gateway):
    phone_codes.send_code(phone="0912000000", purpose=RECOVER, address="1.2.3.4")  # no error
    assert sms_gateway.messages == []


def test_a_landline_cannot_receive_codes(db, sms_gateway):
    with pytest.raises(ValidationFailed, match="di động"):
        phone_codes.send_code(phone="0233 3852 999", purpose=RECOVER, address="1.2.3.4")


def test_registration_by_phone_needs_no_email(db, sms_gateway):
    phone_codes.send_code(phone=PHONE, purpose=PhoneCode.Purpose.REGISTER, address="1.2.3.4")
    user = phone_codes.register_by_phone(
        full_name="Hồ Văn Nam", phone=PHONE, password="Mat-khau-moi-2026", code=last_code(sms_gateway)
    )
    assert (user.phone, user.email) == (PHONE, "")
    assert user.phone_verified_at is not None
    # A number that has an account gets no registration code (and the page says the same thing).
    phone_codes.send_code(phone=PHONE, purpose=PhoneCode.Purpose.REGISTER, address="1.2.3.4")
    assert len(sms_gateway.messages) == 1
