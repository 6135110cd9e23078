"""The online application's upload step is a door too: an infected file is refused with the reason,
the draft keeps nothing of it, and the file is quarantined with its audit row."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.antivirus.models import QuarantinedFile
from motcua.antivirus.tests.clamd_server import CUSTOM_MARKER, CUSTOM_SIGNATURE
from motcua.antivirus.tests.fixtures import clamd_address, scanning  # noqa: F401  (fixtures: a real clamd)
from motcua.portal.models import ApplicationDraft, DraftFile

from .support import JUDICIAL_RECORD, PDF, mandatory_documents

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("scanning")]


def test_an_infected_file_is_refused_and_quarantined(client, citizen, settings):  # type: ignore[no-untyped-def]
    client.get(f"/thu-tuc/{JUDICIAL_RECORD}/nop-truc-tuyen/")
    draft = ApplicationDraft.objects.get()
    document = mandatory_documents()[0]
    infected = SimpleUploadedFile("giay-to.pdf", PDF + CUSTOM_MARKER)

    refused = client.post(f"/nop-ho-so/{draft.pk}/giay-to/{document.pk}/", {"file": infected})

    assert refused.status_code == 400
    assert "chứa mã độc" in refused.content.decode()
    assert not DraftFile.objects.filter(draft=draft).exists()
    row = QuarantinedFile.objects.get()
    assert (row.door, row.original_name, row.signature) == ("portal-draft", "giay-to.pdf", CUSTOM_SIGNATURE)
    assert (settings.MOTCUA_QUARANTINE_ROOT / row.stored_name).exists()
