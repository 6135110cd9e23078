"""The counter reads a procedure's form with the portal's reader: dates written day first, a
number that is no number said precisely, and the service's own verdict shown at the field."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import mandatory_document_id, pdf

from .support import staff_login

pytestmark = pytest.mark.django_db


def _post(world, **form):  # type: ignore[no-untyped-def]
    browser = staff_login(Client(), world.intake)
    body = {
        "channel": "counter",
        "kind": "citizen",
        "name": "Nguyễn Văn Bình",
        "id_number": "045090004321",
        "phone": "0914555666",
        "address": "Số 12 Lê Duẩn, phường Đông Hà",
        f"doc__{mandatory_document_id(world)}": pdf("to-khai.pdf"),
        "form-ho_ten": "Nguyễn Văn Bình",
        "form-ngay_sinh": "02/11/1988",
        "form-so_luong": "2",
    } | form
    return browser.post(f"/can-bo/tiep-nhan/dang-ky/{world.code}/", body)


def test_a_day_first_date_is_the_day_the_applicant_means(world, clock):
    response = _post(world)

    assert response.status_code == 302, response.content.decode()[:3000]
    dossier = Dossier.objects.get(applicant_name="Nguyễn Văn Bình")
    assert dossier.form_data == {"ho_ten": "Nguyễn Văn Bình", "ngay_sinh": "1988-11-02", "so_luong": 2}


def test_what_cannot_be_read_is_said_at_the_field_and_nothing_is_registered(world, clock):
    response = _post(world, **{"form-ngay_sinh": "31/02/1988", "form-so_luong": "hai"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Ngày sinh: không phải ngày hợp lệ" in page
    assert "Số lượng phiếu: phải là số nguyên" in page
    assert 'value="hai"' in page  # what was typed stays, to be corrected
    assert not Dossier.objects.filter(applicant_name="Nguyễn Văn Bình").exists()


def test_the_schema_verdict_of_the_service_is_shown_at_the_field(world, clock):
    response = _post(world, **{"form-so_luong": "50"})

    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="form-so_luong-error"' in page
    assert not Dossier.objects.filter(applicant_name="Nguyễn Văn Bình").exists()
