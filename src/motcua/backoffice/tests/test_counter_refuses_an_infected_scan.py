"""The counter is a door too: a scan carrying malware is refused on the page with the reason, no
dossier is registered, and the file is quarantined with its audit row."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.antivirus.models import QuarantinedFile
from motcua.antivirus.tests.clamd_server import EICAR, EICAR_SIGNATURE
from motcua.antivirus.tests.fixtures import clamd_address, scanning  # noqa: F401  (fixtures: a real clamd)
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import APPLICANT, mandatory_document_id

from .support import staff_login

pytestmark = pytest.mark.usefixtures("scanning")


def test_an_infected_scan_is_refused_and_quarantined(client, world, clock):  # type: ignore[no-untyped-def]
    staff_login(client, world.intake)
    doc = mandatory_document_id(world)
    body = {
        "channel": "counter",
        "kind": "citizen",
        **{k: v for k, v in APPLICANT.items() if k != "kind"},
        "form-ho_ten": "Trần Thị Hoa",
        "form-ngay_sinh": "17/05/1990",
        "form-so_luong": "1",
        f"doc__{doc}": SimpleUploadedFile("to-khai.pdf", b"%PDF-1.4\n" + EICAR + b"\n%%EOF\n"),
    }
    response = client.post(reverse("backoffice:register_dossier", args=[world.code]), body)

    assert response.status_code == 400
    assert "chứa mã độc" in response.content.decode()
    assert Dossier.objects.count() == 0
    row = QuarantinedFile.objects.get()
    assert (row.door, row.original_name, row.signature) == ("dossier", "to-khai.pdf", EICAR_SIGNATURE)
