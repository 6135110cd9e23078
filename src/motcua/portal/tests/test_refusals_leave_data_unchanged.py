"""Every refusal of an upload or of the form says why, in Vietnamese, and changes no stored data.

A draft keeps what the citizen typed (so that nothing typed is lost), but a refused file never
replaces the one in its slot, and a refused application never becomes a dossier.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers import services
from motcua.dossiers.models import Attachment, Dossier, DossierEvent
from motcua.portal.models import ApplicationDraft, DraftFile

from .support import (
    APPLICANT_FORM,
    EXE,
    JUDICIAL_FORM,
    JUDICIAL_RECORD,
    PDF,
    PNG,
    id_card_document,
    mandatory_documents,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client, citizen):  # type: ignore[no-untyped-def]
    client.get(f"/thu-tuc/{JUDICIAL_RECORD}/nop-truc-tuyen/")
    return ApplicationDraft.objects.get(owner=citizen)


def upload(client, draft, document, name: str, content: bytes):  # type: ignore[no-untyped-def]
    return client.post(
        f"/nop-ho-so/{draft.pk}/giay-to/{document.pk}/", {"file": SimpleUploadedFile(name, content)}
    )


def slot_state(draft):  # type: ignore[no-untyped-def]
    return sorted(
        DraftFile.objects.filter(draft=draft).values_list("required_document_id", "original_name", "sha256")
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("giay-to.pdf", EXE, "không phải PDF, JPEG hoặc PNG"),  # a program disguised by its extension
        ("anh-chup.png", PDF, "không khớp với nội dung thực"),  # a PDF pretending to be a picture
        ("trong.pdf", b"", "rỗng"),
    ],
)
def test_refused_file_keeps_the_slot_as_it_was(client, draft, name, content, message):
    document = mandatory_documents()[0]
    assert upload(client, draft, document, "to-khai.pdf", PDF).status_code == 302
    before = slot_state(draft)

    response = upload(client, draft, document, name, content)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert slot_state(draft) == before


def test_too_large_file_is_refused(client, draft, settings):
    settings.MOTCUA_MAX_UPLOAD_BYTES = 1024
    document = id_card_document()
    response = upload(client, draft, document, "cccd.png", PNG + b"\x00" * 2048)
    assert response.status_code == 400
    assert "vượt quá giới hạn" in response.content.decode()
    assert slot_state(draft) == []


def test_htmx_refusal_shows_the_message_in_the_slot(client, draft):
    document = mandatory_documents()[0]
    response = client.post(
        f"/nop-ho-so/{draft.pk}/giay-to/{document.pk}/",
        {"file": SimpleUploadedFile("x.pdf", EXE)},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert f'id="slot-{document.pk}"' in html
    assert 'role="alert"' in html
    assert "không phải PDF" in html


def test_missing_file_is_named(client, draft):
    response = client.post(f"/nop-ho-so/{draft.pk}/giay-to/")
    assert response.status_code == 400
    html = response.content.decode()
    for document in mandatory_documents():
        assert f"Vui lòng đính kèm: {document.name}" in html
        assert f'href="#doc-{document.pk}"' in html  # the error summary links to the slot


def details(client, draft, **changes):  # type: ignore[no-untyped-def]
    data = {**APPLICANT_FORM, **JUDICIAL_FORM, "action": "next", **changes}
    return client.post(f"/nop-ho-so/{draft.pk}/to-khai/", {k: v for k, v in data.items() if v is not None})


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"form-noi_sinh": ""}, "form-noi_sinh", "Vui lòng nhập Nơi sinh."),
        ({"form-ngay_sinh": "30/02/1990"}, "form-ngay_sinh", "không phải ngày hợp lệ"),
        ({"form-ngay_sinh": "hôm qua"}, "form-ngay_sinh", "không phải ngày hợp lệ"),
        ({"form-so_luong_phieu": "hai"}, "form-so_luong_phieu", "phải là số nguyên"),
        ({"form-so_luong_phieu": "11"}, "form-so_luong_phieu", "không được lớn hơn 10."),
        ({"form-so_dinh_danh": "12345"}, "form-so_dinh_danh", "gồm đúng 12 chữ số"),
        ({"form-gioi_tinh": "Khác"}, "form-gioi_tinh", "Giới tính: chọn một trong các giá trị: Nam; Nữ."),
        ({"applicant-name": ""}, "applicant-name", "Vui lòng nhập họ tên người nộp hồ sơ."),
        ({"applicant-email": "mai@"}, "applicant-email", "Địa chỉ thư điện tử không hợp lệ."),
    ],
)
def test_form_errors_are_shown_at_the_field_and_keep_what_was_typed(client, draft, changes, field, message):
    response = details(client, draft, **changes)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert f'href="#{field}"' in html  # summary links to the field
    assert f'id="{field}-error"' in html
    assert 'aria-invalid="true"' in html
    typed = next(iter(changes.values()))
    if typed and field != "form-gioi_tinh":
        assert f'value="{typed}"' in html  # what the citizen typed comes back
    assert Dossier.objects.count() == 0
    assert ApplicationDraft.objects.get(pk=draft.pk).step == ApplicationDraft.Step.FORM


def test_a_valid_form_moves_on(client, draft):
    response = details(client, draft)
    assert response.status_code == 302
    assert response["Location"].endswith("/giay-to/")


def test_submission_refused_until_everything_is_there(client, draft):
    details(client, draft)
    response = client.post(f"/nop-ho-so/{draft.pk}/xem-lai/", {"declaration": "1"})
    assert response.status_code == 400
    assert "Vui lòng đính kèm" in response.content.decode()
    assert Dossier.objects.count() == 0


def test_declaration_is_required(client, draft):
    details(client, draft)
    for document in mandatory_documents():
        upload(client, draft, document, "a.pdf", PDF)
    response = client.post(f"/nop-ho-so/{draft.pk}/xem-lai/", {})
    assert response.status_code == 400
    assert "xác nhận lời cam đoan" in response.content.decode()
    assert Dossier.objects.count() == 0


def test_refused_supplement_leaves_the_dossier_as_it_was(client, draft, citizen):
    details(client, draft)
    for document in mandatory_documents():
        upload(client, draft, document, "a.pdf", PDF)
    client.post(f"/nop-ho-so/{draft.pk}/xem-lai/", {"declaration": "1"})
    dossier = Dossier.objects.get()
    from .support import officers

    staff = officers()
    services.request_supplement(dossier_id=dossier.pk, actor=staff.intake, missing=["Bản chụp rõ hơn"])
    dossier.refresh_from_db()
    before = (dossier.state, dossier.version, Attachment.objects.count(), DossierEvent.objects.count())
    document = id_card_document()

    for name, content, message in [
        ("cccd.png", EXE, "không phải PDF, JPEG hoặc PNG"),
        ("cccd.png", b"", "rỗng"),
        ("cccd.jpg", PNG, "không khớp với nội dung thực"),
    ]:
        response = client.post(
            f"/ho-so/{dossier.code}/bo-sung/", {f"doc-{document.pk}": SimpleUploadedFile(name, content)}
        )
        assert response.status_code == 400
        assert message in response.content.decode()
        dossier.refresh_from_db()
        assert (
            dossier.state,
            dossier.version,
            Attachment.objects.count(),
            DossierEvent.objects.count(),
        ) == before

    response = client.post(f"/ho-so/{dossier.code}/bo-sung/", {})
    assert response.status_code == 400
    assert "ít nhất một tệp" in response.content.decode()
