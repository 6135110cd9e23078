"""A landline number such as 0233 3852 999 is accepted by the account pages and the applicant check,
and anything else gets a message that says what is expected."""

from __future__ import annotations

import pytest

from motcua.accounts.models import User
from motcua.catalog.schemas import form_errors
from motcua.core.errors import ValidationFailed
from motcua.dossiers.services import application_errors

pytestmark = pytest.mark.django_db
PASSWORD = "Quang-Tri-2025-an-toan"
EXPECTED = "nhập số di động 10 chữ số (ví dụ 0912 345 678) hoặc số cố định"


def test_registration_accepts_a_landline_and_stores_it_normalised(client):
    response = client.post(
        "/tai-khoan/dang-ky/",
        {
            "full_name": "Văn phòng Luật Hòa Bình",
            "email": "vanphong@example.vn",
            "phone": "0233 3852 999",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert User.objects.get().phone == "02333852999"


def test_a_wrong_number_says_what_is_expected(client):
    response = client.post(
        "/tai-khoan/dang-ky/",
        {
            "full_name": "Mai",
            "email": "mai@example.vn",
            "phone": "0123 45",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 400
    assert EXPECTED in response.content.decode()


def test_the_account_service_refuses_a_wrong_number_too():
    from motcua.accounts.services import register_citizen

    with pytest.raises(ValidationFailed) as refused:
        register_citizen(full_name="Mai", email="mai@example.vn", phone="12345", password=PASSWORD)
    assert EXPECTED in refused.value.details["fields"]["phone"]


def test_the_applicant_check_accepts_a_landline_and_refuses_with_the_same_message(judicial):
    from motcua.portal.tests.support import JUDICIAL_RECORD

    ok = application_errors(
        procedure_code=JUDICIAL_RECORD, applicant={"name": "A", "phone": "+84 233 3852 999"}, form_data={}
    )
    assert "applicant.phone" not in ok
    bad = application_errors(
        procedure_code=JUDICIAL_RECORD, applicant={"name": "A", "phone": "0233 385"}, form_data={}
    )
    assert EXPECTED in bad["applicant.phone"]


def test_procedure_forms_take_landlines_through_the_schema_format():
    schema = {
        "type": "object",
        "properties": {"so_dien_thoai": {"type": "string", "title": "Số điện thoại", "format": "vn-phone"}},
    }
    assert form_errors(schema, {"so_dien_thoai": "02333852999"}) == {}
    errors = form_errors(schema, {"so_dien_thoai": "0233"})
    assert errors["so_dien_thoai"].startswith("Số điện thoại: nhập số di động 10 chữ số")
