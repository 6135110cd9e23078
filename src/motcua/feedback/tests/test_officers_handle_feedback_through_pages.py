"""Under /can-bo/: the agency's officers see its feedback with overdue warnings, act through the
buttons the table gives them (a leader alone publishes), and link a repeat from the suggestion."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.backoffice.tests.support import staff_login

from ..models import Feedback
from ..states import State
from .factories import file, vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):  # type: ignore[no-untyped-def]
    moments = {"now": vn(2025, 3, 10, 9, 0)}
    monkeypatch.setattr("motcua.core.time.now", lambda: moments["now"])
    return moments


def test_overdue_feedback_is_flagged_in_the_list(world, clock):
    late = file(world, at=vn(2025, 3, 3, 9, 0), title="Phản ánh chưa thụ lý")  # due Wednesday 5th
    fresh = file(world, at=vn(2025, 3, 10, 8, 0), title="Phản ánh mới")
    officer = staff_login(Client(), world.specialist)
    html = officer.get("/can-bo/phan-anh-kien-nghi/").content.decode()
    assert "1 phản ánh đã quá hạn." in html
    assert html.index(late.code) < html.index(fresh.code)  # the most urgent first
    assert html.count("overdue-mark") == 1
    assert (
        late.code
        not in staff_login(Client(), world.other_specialist)
        .get("/can-bo/phan-anh-kien-nghi/")
        .content.decode()
    )


def test_accept_answer_and_publish_through_the_pages(world, clock):
    first = file(world, at=vn(2025, 3, 3, 9, 0))
    feedback = file(
        world, at=vn(2025, 3, 5, 9, 0), title="Thời hạn cấp phiếu lý lịch tư pháp quá dài, đề nghị rút ngắn"
    )
    base = f"/can-bo/phan-anh-kien-nghi/{feedback.code}/"
    officer = staff_login(Client(), world.specialist)
    page = officer.get(base).content.decode()
    assert "Thụ lý" in page
    assert "Duyệt công khai" not in page
    assert first.code in page  # suggested as the earlier feedback on the same matter
    assert officer.post(base + "thao-tac/link/", {"target": first.code}).status_code == 302
    assert officer.post(base + "thao-tac/accept/").status_code == 302
    assert (
        officer.post(base + "thao-tac/answer/", {"answer": "Cơ quan đã rút ngắn thời hạn."}).status_code
        == 302
    )
    assert officer.post(base + "thao-tac/publish/").status_code == 302  # refused: not a leader
    assert Feedback.objects.get(pk=feedback.pk).state == State.ANSWERED
    leader = staff_login(Client(), world.leader)
    assert "Duyệt công khai trả lời" in leader.get(base).content.decode()
    leader.post(base + "thao-tac/publish/")
    done = Feedback.objects.get(pk=feedback.pk)
    assert (done.state, done.repeat_of) == (State.PUBLISHED, first)
    public = Client().get(f"/phan-anh-kien-nghi/{feedback.code}/").content.decode()
    assert "Cơ quan đã rút ngắn thời hạn." in public
    assert world.citizen.full_name not in public


def test_citizen_actions_are_not_doors_of_the_back_office(world, clock):
    feedback = file(world)
    officer = staff_login(Client(), world.specialist)
    assert (
        officer.post(f"/can-bo/phan-anh-kien-nghi/{feedback.code}/thao-tac/rate/", {"score": "3"}).status_code
        == 404
    )
