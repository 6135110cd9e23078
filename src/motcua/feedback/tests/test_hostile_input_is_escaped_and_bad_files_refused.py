"""Through the portal's pages: HTML and scripts typed into feedback are shown as text, on the
citizen's page, the officers' page and the public answer; a file whose content is not what its
name says, or too big, is refused with the reason and nothing is stored; a burst is throttled;
someone else's feedback is a 404, never a hint."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.backoffice.tests.support import staff_login
from motcua.dossiers.tests.factories import PDF_BYTES, UserFactory

from .. import services
from ..models import Feedback, FeedbackAttachment
from ..states import Subject

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _form(world, **extra):  # type: ignore[no-untyped-def]
    return {
        "subject": Subject.PROCEDURE,
        "procedure": world.version.procedure.code,
        "title": f"Tiêu đề {SCRIPT}",
        "content": f"Nội dung {SCRIPT}",
        "consent": "1",
        **extra,
    }


def _citizen(world):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world.citizen)
    return client


def test_script_in_feedback_is_shown_as_text_everywhere(world):
    client = _citizen(world)
    response = client.post("/phan-anh-kien-nghi/gui/", _form(world))
    assert response.status_code == 302, response.content.decode()[:3000]
    feedback = Feedback.objects.get()
    for page in (client.get(f"/phan-anh-kien-nghi/{feedback.code}/"),):
        html = page.content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    officer = staff_login(Client(), world.specialist)
    html = officer.get(f"/can-bo/phan-anh-kien-nghi/{feedback.code}/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    services.accept_feedback(feedback_id=feedback.pk, actor=world.specialist)
    services.answer_feedback(feedback_id=feedback.pk, actor=world.specialist, answer=f"Trả lời {SCRIPT}")
    services.approve_publication(feedback_id=feedback.pk, actor=world.leader)
    for html in (
        Client().get(f"/phan-anh-kien-nghi/{feedback.code}/").content.decode(),
        Client().get("/phan-anh-kien-nghi/").content.decode(),
    ):
        assert "<script>alert" not in html
        assert "&lt;script&gt;" in html


def test_a_disguised_file_is_refused_and_nothing_is_stored(world):
    client = _citizen(world)
    disguised = SimpleUploadedFile(
        "bang-chung.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf"
    )
    response = client.post("/phan-anh-kien-nghi/gui/", _form(world, files=[disguised]))
    assert response.status_code == 400
    assert "không phải PDF, JPEG hoặc PNG" in response.content.decode()
    renamed = SimpleUploadedFile("anh.png", PDF_BYTES, content_type="image/png")
    response = client.post("/phan-anh-kien-nghi/gui/", _form(world, files=[renamed]))
    assert response.status_code == 400
    assert "không khớp với nội dung" in response.content.decode()
    assert Feedback.objects.count() == 0
    assert FeedbackAttachment.objects.count() == 0
    # What was typed is kept, escaped.
    assert "&lt;script&gt;" in response.content.decode()


def test_an_oversize_file_is_refused(world, settings):
    settings.MOTCUA_MAX_UPLOAD_BYTES = 1024
    big = SimpleUploadedFile("to-trinh.pdf", PDF_BYTES + b"0" * 2048, content_type="application/pdf")
    response = _citizen(world).post("/phan-anh-kien-nghi/gui/", _form(world, files=[big]))
    assert response.status_code == 400
    assert "vượt quá giới hạn" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_a_good_file_is_kept_and_served_only_to_its_readers(world):
    client = _citizen(world)
    good = SimpleUploadedFile("bang-chung.pdf", PDF_BYTES, content_type="application/pdf")
    assert client.post("/phan-anh-kien-nghi/gui/", _form(world, files=[good])).status_code == 302
    feedback = Feedback.objects.get()
    item = feedback.attachments.get()
    url = f"/phan-anh-kien-nghi/{feedback.code}/tep/{item.pk}/"
    assert client.get(url).status_code == 200
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.get(url).status_code == 404
    assert stranger.get(f"/phan-anh-kien-nghi/{feedback.code}/").status_code == 404
    assert Client().get(f"/phan-anh-kien-nghi/{feedback.code}/").status_code == 404
    other = staff_login(Client(), world.other_specialist)
    assert other.get(f"/can-bo/phan-anh-kien-nghi/{feedback.code}/").status_code == 404
    assert other.get(f"/can-bo/phan-anh-kien-nghi/{feedback.code}/tep/{item.pk}/").status_code == 404
    assert (
        staff_login(Client(), world.specialist)
        .get(f"/can-bo/phan-anh-kien-nghi/{feedback.code}/tep/{item.pk}/")
        .status_code
        == 200
    )


def test_a_burst_of_feedback_is_throttled(world, settings):
    settings.MOTCUA_FEEDBACK_PER_ACCOUNT_DAY = 2
    client = _citizen(world)
    assert [client.post("/phan-anh-kien-nghi/gui/", _form(world)).status_code for _ in range(3)] == [
        302,
        302,
        429,
    ]
    assert Feedback.objects.count() == 2


def test_filing_needs_a_login(world):
    response = Client().post("/phan-anh-kien-nghi/gui/", _form(world))
    assert response.status_code == 302
    assert "/dang-nhap/" in response["Location"]
    assert Feedback.objects.count() == 0
