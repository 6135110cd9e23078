"""The citizen is e-mailed, after the commit and through the task queue, when their feedback is
refused, when information is asked for, when it is answered and when the answer is published."""

from __future__ import annotations

import pytest
from django.core import mail

from .. import services
from .factories import file, vn

pytestmark = pytest.mark.django_db


def test_the_author_hears_of_each_step_that_concerns_them(
    world, django_capture_on_commit_callbacks, settings
):
    settings.MOTCUA_PORTAL_URL = "https://dichvucong.example.vn/"
    with django_capture_on_commit_callbacks(execute=True):
        feedback = file(world)
        services.accept_feedback(feedback_id=feedback.pk, actor=world.specialist, at=vn(2025, 3, 3, 10, 0))
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.ask_for_information(
            feedback_id=feedback.pk,
            actor=world.specialist,
            question="Xin mã hồ sơ.",
            at=vn(2025, 3, 4, 10, 0),
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_with_information(feedback_id=feedback.pk, actor=world.citizen, reply="Mã là ...")
        services.answer_feedback(
            feedback_id=feedback.pk, actor=world.specialist, answer="Đã rút ngắn thời hạn."
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_publication(feedback_id=feedback.pk, actor=world.leader)
    assert [m.subject for m in mail.outbox] == [
        f"Phản ánh {feedback.code}: đề nghị bổ sung thông tin",
        f"Phản ánh {feedback.code} đã có trả lời",
        f"Trả lời phản ánh {feedback.code} đã được công khai",
    ]
    assert mail.outbox[0].to == [world.citizen.email]
    assert "Xin mã hồ sơ." in mail.outbox[0].body
    assert "10 giờ 00, ngày 04/03/2025" in mail.outbox[0].body
    assert f"https://dichvucong.example.vn/phan-anh-kien-nghi/{feedback.code}/" in mail.outbox[1].body


def test_a_rolled_back_action_sends_nothing(world, django_capture_on_commit_callbacks):
    feedback = file(world)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Exception):  # noqa: B017, PT011
        services.refuse_feedback(feedback_id=feedback.pk, actor=world.specialist, reason="")
    assert mail.outbox == []
