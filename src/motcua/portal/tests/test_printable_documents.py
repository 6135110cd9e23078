"""Printable PDFs: the acknowledgement with a QR code to the tracking page, and blank forms."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

import pytest
from pypdf import PdfReader

from motcua.accounts.models import User
from motcua.catalog.models import Procedure

from .helpers import submit
from .support import JUDICIAL_RECORD

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(content)).pages)


def test_acknowledgement_has_the_codes_and_a_qr_code_to_tracking(judicial, client, monkeypatch):
    user = User.objects.create_user("mai", password="x", full_name="Phạm Thị Mai")
    client.force_login(user)
    dossier = submit(client, user)
    encoded = []
    from motcua.portal.views import dossiers as views

    real = views.qr_data_uri
    monkeypatch.setattr(views, "qr_data_uri", lambda text: encoded.append(text) or real(text))

    response = client.get(f"/ho-so/{dossier.code}/giay-xac-nhan.pdf")

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "GIẤY XÁC NHẬN NỘP HỒ SƠ TRỰC TUYẾN" in text.upper()
    assert dossier.code in text
    assert dossier.lookup_secret in text
    assert "Phạm Thị Mai" in text
    (url,) = encoded
    parts = urlsplit(url)
    assert parts.scheme == "http"
    assert parts.netloc == "testserver"
    assert parts.path == "/tra-cuu/"
    assert parse_qs(parts.query) == {"ma": [dossier.code], "ma-tra-cuu": [dossier.lookup_secret]}
    # Scanning it (anonymously) opens the dossier's tracking page.
    client.logout()
    response = client.get(f"{parts.path}?{parts.query}")
    assert response["Location"] == f"/tra-cuu/{dossier.code}/"
    assert client.get(response["Location"]).status_code == 200


def test_blank_form_of_a_required_document(judicial, client):
    version = Procedure.objects.get(code=JUDICIAL_RECORD).current_version
    with_form = version.required_documents.exclude(blank_form_name="").get()
    without = version.required_documents.filter(blank_form_name="").first()
    page = client.get(f"/thu-tuc/{JUDICIAL_RECORD}/").content.decode()
    assert f"/thu-tuc/{JUDICIAL_RECORD}/mau-don/{with_form.pk}.pdf" in page

    response = client.get(f"/thu-tuc/{JUDICIAL_RECORD}/mau-don/{with_form.pk}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Mẫu số 03/2013/TT-LLTP" in text
    assert "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp".upper() in text.upper()
    assert "Ngày, tháng, năm sinh" in text
    assert "NGƯỜI KHAI" in text
    assert client.get(f"/thu-tuc/{JUDICIAL_RECORD}/mau-don/{without.pk}.pdf").status_code == 404
