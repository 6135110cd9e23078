"""The ETSI TS 119 102-2 XML report costs CPU for every signature: the public checker builds it
only when the reader asks (the page's checkbox, the API's xml_report), the verdict is the same."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from motcua.signatures import services


@pytest.fixture
def trusted(db, pki):  # type: ignore[no-untyped-def]
    services.add_trust_anchors(actor=services.SYSTEM, data=pki.cert_pem("root"))


def api(content: bytes, **fields: str):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("van-ban.pdf", content, content_type="application/pdf")
    return APIClient().post("/api/v1/signatures/verify", {"file": upload, **fields}, format="multipart")


def test_the_api_builds_the_report_only_on_request(trusted, signing):
    document = signing.document()

    plain = api(document).json()
    asked = api(document, xml_report="true").json()

    assert plain["verdict"] == asked["verdict"] == "valid"
    assert plain["signatures"] == asked["signatures"]
    assert plain["report_url"] is None
    assert asked["report_url"]
    from motcua.signatures.models import VerificationRecord

    assert VerificationRecord.objects.get(pk=plain["id"]).xml == ""


def test_the_page_offers_the_report_only_when_the_box_was_ticked(trusted, signing):
    upload = SimpleUploadedFile("ket-qua.pdf", signing.document(), content_type="application/pdf")
    plain = Client().post("/xac-minh-chu-ky/", {"tep": upload})

    assert 'data-verdict="valid"' in plain.content.decode()
    assert "/xac-minh-chu-ky/bao-cao/" not in plain.content.decode()
    assert 'name="bao_cao_xml"' in plain.content.decode()
