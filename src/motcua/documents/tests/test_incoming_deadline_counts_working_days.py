"""The leader gives the handling deadline of an incoming document in working days from the handling
decision; it is counted on the agency's working calendar (weekends do not count), and the document is
flagged overdue on the follow-up register once that working time has run out."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from motcua.backoffice.tests.support import staff_login
from motcua.core.time import VN_TZ
from motcua.documents import selectors
from motcua.documents.models import IncomingDocument
from motcua.documents.selectors import is_overdue
from motcua.documents.services import decide_handling, register_incoming

THURSDAY = datetime(2026, 3, 5, 9, 0, tzinfo=VN_TZ)


@pytest.fixture
def document(world) -> IncomingDocument:  # type: ignore[no-untyped-def]
    return register_incoming(
        actor=world.clerk,
        agency_id=world.department.pk,
        author="UBND tỉnh Quảng Trị",
        notation="125/UBND-KSTT",
        document_date=date(2026, 3, 4),
        type_name="Công văn",
        subject="V/v đẩy mạnh dịch vụ công trực tuyến",
        at=THURSDAY,
    )


def test_three_working_days_from_thursday_run_to_tuesday(world, document) -> None:
    decided = decide_handling(
        document_id=document.pk,
        actor=world.leader,
        lead_unit_id=world.unit_a.pk,
        working_days=3,
        at=THURSDAY,
    )
    assert decided.deadline_working_days == 3
    assert decided.deadline == date(2026, 3, 10)  # Fri, Mon, Tue: the weekend does not count
    assert decided.due_at == datetime(2026, 3, 10, 9, 0, tzinfo=VN_TZ)
    # Five calendar days later, but only two working days: not overdue.
    assert not is_overdue(decided, at=datetime(2026, 3, 9, 16, 0, tzinfo=VN_TZ))
    assert not is_overdue(decided, at=datetime(2026, 3, 10, 8, 59, tzinfo=VN_TZ))
    assert is_overdue(decided, at=datetime(2026, 3, 10, 9, 30, tzinfo=VN_TZ))


def test_the_follow_up_register_flags_it(client, world, document, monkeypatch) -> None:
    decide_handling(
        document_id=document.pk, actor=world.leader, lead_unit_id=world.unit_a.pk, working_days=1, at=THURSDAY
    )
    staff_login(client, world.clerk)
    monkeypatch.setattr(selectors, "now", lambda: datetime(2026, 3, 6, 8, 0, tzinfo=VN_TZ))
    assert "QUÁ HẠN" not in client.get("/can-bo/van-thu/so/theo-doi/?nam=2026").content.decode()
    monkeypatch.setattr(selectors, "now", lambda: datetime(2026, 3, 6, 9, 1, tzinfo=VN_TZ))
    assert "QUÁ HẠN" in client.get("/can-bo/van-thu/so/theo-doi/?nam=2026").content.decode()


def test_the_slip_takes_working_days(client, world, document) -> None:
    staff_login(client, world.leader)
    page = client.get(f"/can-bo/van-thu/van-ban-den/{document.pk}/").content.decode()
    assert "ngày làm việc" in page
    response = client.post(
        f"/can-bo/van-thu/van-ban-den/{document.pk}/",
        {"buoc": "chi-dao", "lead_unit": world.unit_a.pk, "working_days": "5"},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.deadline_working_days == 5
    assert document.due_at is not None


def test_a_negative_or_absurd_count_is_refused(client, world, document) -> None:
    staff_login(client, world.leader)
    for bad in ("-1", "abc", "1000"):
        response = client.post(
            f"/can-bo/van-thu/van-ban-den/{document.pk}/",
            {"buoc": "chi-dao", "lead_unit": world.unit_a.pk, "working_days": bad},
        )
        assert response.status_code == 400
    document.refresh_from_db()
    assert document.deadline_working_days is None
