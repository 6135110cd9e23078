"""The verification page words every verdict for a citizen, in Vietnamese or English; the ETSI
codes (TOTAL-PASSED, INDETERMINATE, REVOKED_NO_POE, ...) appear only in the downloadable XML."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.signatures import services
from motcua.signatures.reports import INDICATIONS, SUB_INDICATION_MESSAGES
from motcua.signatures.testing import documents

URL = "/xac-minh-chu-ky/"
ETSI_CODES = [*INDICATIONS.values(), *SUB_INDICATION_MESSAGES]


@pytest.fixture(autouse=True)
def _full_budget():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def trusted(db, pki):
    services.add_trust_anchors(actor=services.SYSTEM, data=pki.cert_pem("root"))


def verify(content: bytes, language: str = "vi", **fields: str) -> tuple[str, Client]:
    client = Client(raise_request_exception=False)
    if language != "vi":
        client.post("/i18n/setlang/", {"language": language})
    upload = SimpleUploadedFile("vb.pdf", content, content_type="application/pdf")
    response = client.post(URL, {"tep": upload, **fields})
    assert response.status_code == 200
    return response.content.decode(), client


def no_code_in(html: str) -> None:
    words = set(re.findall(r"[A-Z][A-Z_-]{4,}", html))
    assert not words & set(ETSI_CODES), words & set(ETSI_CODES)


def test_a_revoked_signer_reads_as_not_valid_and_why(trusted, signing):
    html, client = verify(signing.document("official-revoked"), bao_cao_xml="1")  # report asked for

    assert 'data-verdict="invalid"' in html
    assert "Không hợp lệ" in html
    assert "đã bị thu hồi từ" in html
    assert "Không nên tin văn bản này" in html
    no_code_in(html)
    # the raw codes stay available in the report for the specialist
    link = re.search(r"/xac-minh-chu-ky/bao-cao/([^\"]+)\.xml", html)
    assert link is not None
    xml = client.get(link.group(0)).content
    assert b"urn:etsi:019102:mainindication:" in xml


def test_an_unknown_issuer_reads_plainly(db, signing):
    html, _client = verify(signing.document())

    assert "không do tổ chức được tin cậy cấp" in html.lower()
    no_code_in(html)


def test_a_broken_signature_cannot_be_verified(trusted, signing):
    html, _client = verify(documents.break_signature_dictionary(signing.document()))

    assert 'data-verdict="indeterminate"' in html
    assert "Không thể xác minh" in html
    no_code_in(html)


def test_in_english_the_verdict_and_reasons_are_english(trusted, signing):
    html, _client = verify(signing.document("official-revoked"), language="en")

    assert "Not valid" in html
    assert "has been revoked since" in html
    assert "Không hợp lệ" not in html
    assert "thu hồi" not in html
    no_code_in(html)


def test_in_english_a_valid_document(trusted, signing):
    html, _client = verify(signing.document(level="B-LTA"), language="en")

    assert "Valid" in html
    assert "All 1 digital signatures" in html or "The digital signature on the document is valid" in html
    assert "Hợp lệ" not in html
    no_code_in(html)
