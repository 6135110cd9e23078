"""Errors raised by the services are translatable: Vietnamese by default, English when chosen."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from motcua.core.errors import DomainError, NotFound
from motcua.dossiers import services
from motcua.dossiers.errors import IllegalTransition, InvalidApplication, UnacceptableUpload
from motcua.dossiers.uploads import check_upload

from .factories import APPLICANT, FORM_DATA, vn

pytestmark = pytest.mark.django_db


def _raised(call, language: str) -> DomainError:  # type: ignore[no-untyped-def]
    with translation.override(language), pytest.raises(DomainError) as raised:
        call()
    return raised.value


def test_an_empty_file(world):
    empty = lambda: check_upload(SimpleUploadedFile("cccd.png", b""))  # noqa: E731
    assert isinstance(_raised(empty, "vi"), UnacceptableUpload)
    assert _raised(empty, "vi").message == "Tệp 'cccd.png' rỗng."
    assert _raised(empty, "en").message == "The file 'cccd.png' is empty."


def test_an_unknown_procedure(world):
    def submit():  # type: ignore[no-untyped-def]
        services.submit_dossier(
            procedure_code="KHONG-CO", applicant=APPLICANT, form_data=FORM_DATA, at=vn(2025, 3, 3, 9)
        )

    error = _raised(submit, "en")
    assert isinstance(error, NotFound)
    assert error.message == "Procedure not found."


def test_an_invalid_application_and_the_phone_rule(world):
    def submit():  # type: ignore[no-untyped-def]
        services.submit_dossier(
            procedure_code=world.code,
            applicant={**APPLICANT, "phone": "12345"},
            form_data={**FORM_DATA, "so_luong": 0},
            at=vn(2025, 3, 3, 9),
        )

    error = _raised(submit, "en")
    assert isinstance(error, InvalidApplication)
    assert error.message == "The application is not complete yet. Please check the marked fields."
    assert error.errors["applicant.phone"].startswith("Invalid phone number: enter a 10-digit mobile number")
    assert error.errors["form.so_luong"] == "Số lượng phiếu: must be at least 1."


def test_a_transition_the_state_machine_refuses():
    assert IllegalTransition("received", "Rút hồ sơ").message.startswith(
        "Không thể thực hiện thao tác 'Rút hồ sơ'"
    )
    with translation.override("en"):
        english = IllegalTransition("received", "Withdraw")
    assert english.message.startswith("'Withdraw' cannot be done while the dossier is")


def test_free_text_inputs_are_named_in_the_users_language():
    from django.utils.translation import gettext_lazy

    from motcua.dossiers.services import checked_text

    def refuse():  # type: ignore[no-untyped-def]
        checked_text("", label=gettext_lazy("lý do từ chối"), required=True)

    assert _raised(refuse, "vi").message == "Vui lòng nhập lý do từ chối."
    assert _raised(refuse, "en").message == "Please enter the reason for refusing."
