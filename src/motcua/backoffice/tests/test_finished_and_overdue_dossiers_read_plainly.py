"""Issue 9 item 8: a returned dossier says early / on time / late (not "Chưa tính hạn"); a dossier
overdue since Friday says since when, not "Quá hạn dưới 1 phút" (a weekend has no working time)."""

from __future__ import annotations

from datetime import datetime

import pytest

from motcua.backoffice.queries import urgency_of
from motcua.backoffice.templatetags.backoffice import urgency_badge
from motcua.core.time import VN_TZ
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import State

FRIDAY_5PM = datetime(2025, 12, 5, 17, 0, tzinfo=VN_TZ)  # Friday
SUNDAY_NOON = datetime(2025, 12, 7, 12, 0, tzinfo=VN_TZ)


def dossier(**fields: object) -> Dossier:
    return Dossier(receiving_agency_id=None, **fields)


@pytest.mark.parametrize(
    ("finished", "label", "level"),
    [
        (datetime(2025, 12, 3, 9, 0, tzinfo=VN_TZ), "Trước hạn", "early"),
        (FRIDAY_5PM, "Đúng hạn", "on_time"),
        (datetime(2025, 12, 8, 9, 0, tzinfo=VN_TZ), "Quá hạn", "late"),
    ],
)
@pytest.mark.parametrize("state", [State.RESOLVED, State.RETURNED])
def test_a_finished_dossier_says_how_it_ended(db, state, finished, label, level):
    urgency = urgency_of(
        dossier(state=state, due_at=FRIDAY_5PM, finished_at=finished, returned_at=finished), SUNDAY_NOON
    )

    assert urgency.level == "finished"
    assert urgency.timeliness == level
    html = str(urgency_badge(urgency))
    assert label in html
    assert "Chưa tính hạn" not in html


def test_refused_and_stopped_dossiers_have_no_deadline_to_meet(db):
    for state in (State.REFUSED, State.STOPPED):
        html = str(urgency_badge(urgency_of(dossier(state=state, due_at=FRIDAY_5PM), SUNDAY_NOON)))
        assert "Không tính hạn" in html
        assert "Chưa tính hạn" not in html


def test_overdue_since_friday_says_since_when(db):
    urgency = urgency_of(dossier(state=State.PROCESSING, due_at=FRIDAY_5PM), SUNDAY_NOON)

    assert urgency.level == "overdue"
    html = str(urgency_badge(urgency))
    assert "dưới 1 phút" not in html
    assert "từ 17:00 05/12/2025" in html


def test_overdue_for_working_days_says_how_long_and_since_when(db):
    tuesday = datetime(2025, 12, 9, 17, 0, tzinfo=VN_TZ)
    html = str(urgency_badge(urgency_of(dossier(state=State.PROCESSING, due_at=FRIDAY_5PM), tuesday)))

    assert "2 ngày" in html
    assert "từ 17:00 05/12/2025" in html
