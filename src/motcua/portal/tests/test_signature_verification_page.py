"""/xac-minh-chu-ky/ (a portal page): anybody uploads a PDF and reads the verdict; bad files get a
verdict, not a 500."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.signatures import services
from motcua.signatures.testing import documents

URL = "/xac-minh-chu-ky/"


@pytest.fixture(autouse=True)
def _full_budget():
    """Each test starts with the public checker's whole throttle budget."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def trusted(db, pki):
    services.add_trust_anchors(actor=services.SYSTEM, data=pki.cert_pem("root"))


def upload(client: Client, content: bytes, name: str = "ket-qua.pdf", **fields: str):
    return client.post(
        URL, {"tep": SimpleUploadedFile(name, content, content_type="application/pdf"), **fields}
    )


def test_the_page_needs_no_login_and_has_a_protected_form(db):
    response = Client().get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Xác minh chữ ký số trên văn bản điện tử" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'enctype="multipart/form-data"' in html


def test_a_valid_document(trusted, signing):
    response = upload(Client(), signing.document(level="B-LTA"), bao_cao_xml="1")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-verdict="valid"' in html
    assert "Nguyễn Văn An" in html
    assert "TOTAL-PASSED" not in html  # the ETSI code stays in the XML report
    assert "motcua Test Specialized CA" in html
    link = response.context["record"].pk
    xml = Client().get(f"/xac-minh-chu-ky/bao-cao/{link}.xml")
    assert xml.status_code == 200
    assert xml["Content-Type"].startswith("application/xml")
    assert b"urn:etsi:019102:mainindication:total-passed" in xml.content


def test_a_tampered_document_says_why(trusted, signing):
    html = upload(Client(), documents.flip_one_byte(signing.document())).content.decode()

    assert 'data-verdict="invalid"' in html
    assert "đã bị thay đổi sau khi ký" in html


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda s: b"Day khong phai PDF", "không phải là tài liệu PDF"),
        (lambda s: documents.truncate(s.document()), "cắt cụt"),
        (lambda s: documents.break_signature_dictionary(s.document()), "chữ ký"),
    ],
)
def test_bad_files_get_a_verdict_not_a_server_error(trusted, signing, make, words):
    response = upload(Client(raise_request_exception=False), make(signing))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-verdict="indeterminate"' in html
    assert "Không thể xác minh" in html
    assert words in html


def test_a_file_over_the_limit(trusted, signing, settings):
    settings.MOTCUA_SIGNATURE_MAX_VERIFY_BYTES = 2048
    html = upload(Client(), signing.document()).content.decode()

    assert 'data-verdict="indeterminate"' in html
    assert "Tệp quá lớn" in html


def test_no_file_is_a_form_error(db):
    response = Client().post(URL, {})

    assert response.status_code == 400
    assert "Vui lòng chọn tệp PDF" in response.content.decode()


def test_csrf_is_enforced(db, signing):
    client = Client(enforce_csrf_checks=True)
    assert upload(client, signing.document()).status_code == 403


def test_unknown_report(db):
    assert Client().get("/xac-minh-chu-ky/bao-cao/khong-co.xml").status_code == 404
