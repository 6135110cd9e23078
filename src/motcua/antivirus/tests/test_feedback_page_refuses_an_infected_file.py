"""The feedback page is another door: an infected file is refused in Vietnamese, nothing is filed, and
the file is quarantined with its audit row (MOTCUA_UPLOAD_SCANNER, the old hook, is gone)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.antivirus.models import QuarantinedFile
from motcua.feedback.models import Feedback, FeedbackAttachment
from motcua.feedback.states import Subject
from motcua.feedback.tests.factories import build_world

from .clamd_server import CUSTOM_MARKER, CUSTOM_SIGNATURE


def test_an_infected_feedback_file_is_refused_and_quarantined(scanning, db) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    client = Client()
    client.force_login(world.citizen)
    infected = SimpleUploadedFile(
        "bang-chung.pdf", b"%PDF-1.4\n" + CUSTOM_MARKER + b"\n%%EOF\n", content_type="application/pdf"
    )
    form = {
        "subject": Subject.PROCEDURE,
        "procedure": world.version.procedure.code,
        "title": "Phản ánh",
        "content": "Nội dung phản ánh",
        "consent": "1",
        "files": [infected],
    }
    response = client.post("/phan-anh-kien-nghi/gui/", form)
    assert response.status_code == 400
    assert "chứa mã độc" in response.content.decode()
    assert Feedback.objects.count() == 0
    assert FeedbackAttachment.objects.count() == 0
    row = QuarantinedFile.objects.get()
    assert (row.door, row.original_name, row.signature) == ("feedback", "bang-chung.pdf", CUSTOM_SIGNATURE)
