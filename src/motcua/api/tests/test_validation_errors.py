"""Bad applications get 400 with a Vietnamese message per field, and nothing is stored."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from motcua.dossiers.models import Attachment, Dossier

from .factories import Province
from .support import TINY_PDF, application, client_for, multipart, pdf

URL = "/api/v1/dossiers/"


def _post(world: Province, body: dict[str, Any], files: dict[str, Any] | None = None) -> Any:
    return client_for(world.citizen).post(URL, multipart(body, files), format="multipart")


def _fields(response: Any) -> dict[str, str]:
    assert response.status_code == 400, response.content
    return response.json()["error"]["details"]["fields"]


@pytest.fixture
def nothing_stored(world: Province):  # type: ignore[no-untyped-def]
    yield
    assert Dossier.objects.count() == 0
    assert Attachment.objects.count() == 0


def _mandatory(world: Province, upload: Any) -> dict[str, Any]:
    return {f"document_{world.mandatory_document.pk}": upload}


def test_a_missing_required_form_field(world: Province, nothing_stored: None):
    body = application(world, form_data={"birth_date": "1990-02-17"})

    response = _post(world, body, _mandatory(world, pdf()))

    assert response.json()["error"]["code"] == "invalid_application"
    assert _fields(response) == {"form.full_name": "Vui lòng nhập Họ và tên."}


def test_an_impossible_date(world: Province, nothing_stored: None):
    body = application(world, form_data={"full_name": "Trần Thị Hoa", "birth_date": "1990-02-30"})

    fields = _fields(_post(world, body, _mandatory(world, pdf())))

    expected = "Ngày sinh: phải là một ngày có thật, ghi theo dạng năm-tháng-ngày (ví dụ 1990-05-17)."
    assert fields == {"form.birth_date": expected}


def test_applicant_errors_are_reported_per_field(world: Province, nothing_stored: None):
    body = application(world)
    body["applicant"] = {**body["applicant"], "name": "", "id_number": "12ab", "email": "khong-phai-email"}

    fields = _fields(_post(world, body, _mandatory(world, pdf())))

    assert set(fields) == {"applicant.name", "applicant.id_number", "applicant.email"}
    assert fields["applicant.name"] == "Vui lòng nhập họ tên người nộp hồ sơ."


def test_an_executable_disguised_as_pdf(world: Province, nothing_stored: None):
    disguised = SimpleUploadedFile(
        "to-khai.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, content_type="application/pdf"
    )

    response = _post(world, application(world), _mandatory(world, disguised))

    assert response.json()["error"]["code"] == "unacceptable_upload"
    key = f"documents.{world.mandatory_document.pk}"
    assert (
        _fields(response)[key]
        == "Tệp 'to-khai.pdf' không phải PDF, JPEG hoặc PNG. Chỉ chấp nhận các định dạng này."
    )


def test_a_png_named_pdf(world: Province, nothing_stored: None):
    png = SimpleUploadedFile("anh.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="application/pdf")

    fields = _fields(_post(world, application(world), _mandatory(world, png)))

    assert "không khớp với nội dung" in fields[f"documents.{world.mandatory_document.pk}"]


def test_an_empty_file(world: Province, nothing_stored: None):
    empty = SimpleUploadedFile("rong.pdf", b"", content_type="application/pdf")

    fields = _fields(_post(world, application(world), _mandatory(world, empty)))

    assert fields[f"documents.{world.mandatory_document.pk}"] == "Tệp 'rong.pdf' rỗng."


@override_settings(MOTCUA_MAX_UPLOAD_BYTES=1024)
def test_a_file_over_the_size_limit(world: Province, nothing_stored: None):
    big = pdf("lon.pdf", TINY_PDF + b"0" * 2048)

    fields = _fields(_post(world, application(world), _mandatory(world, big)))

    assert "vượt quá giới hạn" in fields[f"documents.{world.mandatory_document.pk}"]


def test_a_missing_mandatory_document(world: Province, nothing_stored: None):
    optional_only = {f"document_{world.optional_document.pk}": pdf("uy-quyen.pdf")}

    fields = _fields(_post(world, application(world), optional_only))

    assert fields == {f"documents.{world.mandatory_document.pk}": "Vui lòng đính kèm: Tờ khai theo mẫu."}


def test_a_document_of_another_procedure(world: Province, nothing_stored: None):
    files = {**_mandatory(world, pdf()), "document_999999": pdf("la.pdf")}

    fields = _fields(_post(world, application(world), files))

    assert fields == {"documents.999999": "Thành phần hồ sơ không thuộc thủ tục này."}


@pytest.mark.parametrize(
    ("payload", "files", "field"),
    [
        ("{khong phai json", None, "payload"),
        ("[1, 2]", None, "payload"),
        (None, None, "payload"),
        ("{}", {"tep_la": "x"}, "tep_la"),
    ],
)
def test_malformed_multipart(world: Province, nothing_stored: None, payload, files, field):
    data: dict[str, Any] = {}
    if payload is not None:
        data["payload"] = payload
    for name in files or {}:
        data[name] = pdf()
    response = client_for(world.citizen).post(URL, data, format="multipart")

    assert field in _fields(response)


def test_shape_errors_in_json_bodies_use_the_same_format(world: Province, nothing_stored: None):
    body = {"applicant": {"kind": "robot"}, "form_data": "không phải đối tượng"}

    fields = _fields(client_for(world.citizen).post(URL, body, format="json"))

    assert set(fields) == {"procedure", "applicant.kind", "form_data"}
    assert fields["procedure"] == "Trường này là bắt buộc."


def test_broken_json_is_a_400_in_vietnamese(world: Province, nothing_stored: None):
    response = client_for(world.citizen).post(URL, "{", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_request"


def test_an_unknown_procedure_is_404(world: Province, nothing_stored: None):
    response = client_for(world.citizen).post(URL, application(world, procedure="9.999999"), format="json")

    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Không tìm thấy thủ tục hành chính."


def test_an_overlong_idempotency_key_is_refused(world: Province, nothing_stored: None):
    response = client_for(world.citizen).post(
        URL,
        multipart(application(world), _mandatory(world, pdf())),
        format="multipart",
        HTTP_IDEMPOTENCY_KEY="k" * 65,
    )

    assert "Idempotency-Key" in _fields(response)


def test_payload_json_may_carry_vietnamese_text(world: Province):
    body = application(world)
    data = {"payload": json.dumps(body, ensure_ascii=False), **_mandatory(world, pdf())}

    response = client_for(world.citizen).post(URL, data, format="multipart")

    assert response.status_code == 201
    assert response.json()["applicant"]["address"] == "Phường Hoa Lư, tỉnh Ninh Bình"
