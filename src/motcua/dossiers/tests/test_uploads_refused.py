"""Uploads are judged by their content: every refusal says why, and nothing is stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers import services
from motcua.dossiers.errors import InvalidApplication, UnacceptableUpload
from motcua.dossiers.models import Attachment, Dossier
from motcua.dossiers.uploads import check_upload

from .factories import APPLICANT, FORM_DATA, PDF_BYTES, PNG_BYTES, mandatory_document_id, pdf, vn


def test_pdf_and_png_are_accepted_by_content():
    assert check_upload(pdf()).content_type == "application/pdf"
    assert check_upload(SimpleUploadedFile("anh.PNG", PNG_BYTES)).content_type == "image/png"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("giay-to.pdf", b"MZ\x90\x00 this is an executable", "không phải PDF, JPEG hoặc PNG"),
        ("giay-to.pdf", b"", "rỗng"),
        ("anh.jpg", PDF_BYTES, "không khớp với nội dung"),
        ("virus.exe", PDF_BYTES, "không khớp với nội dung"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason(name, content, message):
    with pytest.raises(UnacceptableUpload) as refused:
        check_upload(SimpleUploadedFile(name, content))
    assert message in refused.value.message


def test_too_large_upload_is_refused(settings):
    settings.MOTCUA_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(UnacceptableUpload) as refused:
        check_upload(pdf(content=PDF_BYTES + b"0" * 2048))
    assert "vượt quá giới hạn" in refused.value.message


def test_refused_submission_stores_nothing(world):
    bad = SimpleUploadedFile("to-khai.pdf", b"<html>not a pdf</html>")
    with pytest.raises(UnacceptableUpload):
        services.submit_dossier(
            procedure_code=world.code,
            applicant=APPLICANT,
            form_data=FORM_DATA,
            documents=[(mandatory_document_id(world), bad)],
            at=vn(2025, 3, 3, 9, 0),
        )
    assert Dossier.objects.count() == 0
    assert Attachment.objects.count() == 0


def test_form_errors_are_reported_per_field(world):
    with pytest.raises(InvalidApplication) as refused:
        services.submit_dossier(
            procedure_code=world.code,
            applicant={**APPLICANT, "id_number": "12ab"},
            form_data={"ngay_sinh": "17/05/1990", "so_luong": 0},
            at=vn(2025, 3, 3, 9, 0),
        )
    errors = refused.value.errors
    assert errors["form.ho_ten"] == "Vui lòng nhập Họ và tên."
    assert (
        errors["form.ngay_sinh"]
        == "Ngày sinh: phải là một ngày có thật, ghi theo dạng năm-tháng-ngày (ví dụ 1990-05-17)."
    )
    assert errors["form.so_luong"] == "Số lượng phiếu: phải từ 1 trở lên."
    assert "applicant.id_number" in errors
    assert f"documents.{mandatory_document_id(world)}" in errors
    assert Dossier.objects.count() == 0
