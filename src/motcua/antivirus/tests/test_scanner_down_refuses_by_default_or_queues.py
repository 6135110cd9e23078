"""clamd down: uploads are refused with a message to come back later (the default), or, with
MOTCUA_SCAN_WHEN_DOWN = "queue", accepted, kept aside and scanned when clamd is back."""

from __future__ import annotations

from motcua.antivirus.models import QuarantinedFile
from motcua.antivirus.services import rescan_pending
from motcua.api.tests.factories import Province
from motcua.api.tests.support import pdf, submit_online
from motcua.dossiers.models import Dossier

from .clamd_server import CUSTOM_MARKER, CUSTOM_SIGNATURE


def test_refused_while_the_scanner_is_down(scanning, world: Province, client_api, tmp_path):  # type: ignore[no-untyped-def]
    scanning.MOTCUA_CLAMD = str(tmp_path / "down.sock")
    scanning.MOTCUA_CLAMD_TIMEOUT = 1
    response = submit_online(client_api, world)
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "scanner_unavailable"
    assert "thử lại sau" in error["message"]
    assert Dossier.objects.count() == 0
    assert QuarantinedFile.objects.count() == 0


def test_queued_while_down_then_scanned_when_back(scanning, world: Province, client_api, tmp_path):  # type: ignore[no-untyped-def]
    real = scanning.MOTCUA_CLAMD
    scanning.MOTCUA_CLAMD = str(tmp_path / "down.sock")
    scanning.MOTCUA_CLAMD_TIMEOUT = 1
    scanning.MOTCUA_SCAN_WHEN_DOWN = "queue"
    document = f"document_{world.mandatory_document.pk}"
    clean = submit_online(client_api, world)
    infected = submit_online(
        client_api, world, **{document: pdf("ho-so.pdf", b"%PDF-1.4\n" + CUSTOM_MARKER + b"\n%%EOF\n")}
    )
    assert (clean.status_code, infected.status_code) == (201, 201)
    assert Dossier.objects.count() == 2
    assert QuarantinedFile.objects.filter(status=QuarantinedFile.Status.PENDING).count() == 2

    # still down: nothing changes
    assert rescan_pending() == {"released": 0, "infected": 0, "still_pending": 2}

    scanning.MOTCUA_CLAMD = real
    assert rescan_pending() == {"released": 1, "infected": 1, "still_pending": 0}
    found = QuarantinedFile.objects.get(status=QuarantinedFile.Status.INFECTED)
    assert found.original_name == "ho-so.pdf"
    assert found.signature == CUSTOM_SIGNATURE
    assert (scanning.MOTCUA_QUARANTINE_ROOT / found.stored_name).exists()
    released = QuarantinedFile.objects.get(status=QuarantinedFile.Status.RELEASED)
    assert released.stored_name == ""
    assert released.rescanned_at is not None
