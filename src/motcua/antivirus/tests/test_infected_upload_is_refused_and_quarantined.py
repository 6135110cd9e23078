"""An infected file is refused with a clear Vietnamese message at every door, kept in the quarantine
folder (never in the media storage) and recorded in an audit row, although the refusal rolls the
service's transaction back."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.antivirus.models import QuarantinedFile
from motcua.api.tests.factories import Province
from motcua.api.tests.support import pdf, submit_online
from motcua.dossiers.models import Dossier

from .clamd_server import CUSTOM_MARKER, CUSTOM_SIGNATURE, EICAR, EICAR_SIGNATURE

INFECTED_PDF = b"%PDF-1.4\n" + CUSTOM_MARKER + b"\n%%EOF\n"


def test_the_api_refuses_an_infected_attachment_and_quarantines_it(scanning, world: Province, client_api):  # type: ignore[no-untyped-def]
    response = submit_online(
        client_api, world, **{f"document_{world.mandatory_document.pk}": pdf("to-khai.pdf", INFECTED_PDF)}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "infected_upload"
    assert "chứa mã độc" in error["message"]
    assert "to-khai.pdf" in error["message"]
    assert Dossier.objects.count() == 0

    row = QuarantinedFile.objects.get()
    assert row.status == QuarantinedFile.Status.INFECTED
    assert row.signature == CUSTOM_SIGNATURE
    assert row.original_name == "to-khai.pdf"
    assert row.size == len(INFECTED_PDF)
    kept = scanning.MOTCUA_QUARANTINE_ROOT / row.stored_name
    assert kept.read_bytes() == INFECTED_PDF
    assert not any(p.is_file() for p in scanning.MEDIA_ROOT.rglob("*"))


def test_eicar_named_as_a_pdf_is_quarantined_before_the_type_check(scanning, world: Province, client_api):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("giay-to.pdf", EICAR, content_type="application/pdf")
    response = submit_online(client_api, world, **{f"document_{world.mandatory_document.pk}": upload})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "infected_upload"
    assert QuarantinedFile.objects.get().signature == EICAR_SIGNATURE


def test_a_clean_attachment_is_accepted(scanning, world: Province, client_api):  # type: ignore[no-untyped-def]
    assert submit_online(client_api, world).status_code == 201
    assert QuarantinedFile.objects.count() == 0
