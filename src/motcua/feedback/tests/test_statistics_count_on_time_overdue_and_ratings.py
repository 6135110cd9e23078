"""The figures statistics read (Decision 766, group 5): per agency and period, received, refused,
answered on time or late, still open past the due moment, repeats, and the average rating."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .. import services
from ..selectors import average_rating, figures_by_agency, overdue_count
from .factories import file, vn

pytestmark = pytest.mark.django_db


def test_figures_per_agency_and_period(world):
    on_time = file(world, at=vn(2025, 3, 3, 9, 0))
    services.accept_feedback(feedback_id=on_time.pk, actor=world.specialist, at=vn(2025, 3, 4, 9, 0))
    services.answer_feedback(
        feedback_id=on_time.pk, actor=world.specialist, answer="A", at=vn(2025, 3, 10, 9, 0)
    )
    services.rate_answer(feedback_id=on_time.pk, actor=world.citizen, score=3)
    late = file(world, at=vn(2025, 3, 3, 9, 0))
    services.accept_feedback(feedback_id=late.pk, actor=world.specialist, at=vn(2025, 3, 4, 9, 0))
    services.answer_feedback(feedback_id=late.pk, actor=world.specialist, answer="B", at=vn(2025, 4, 1, 9, 0))
    services.rate_answer(feedback_id=late.pk, actor=world.citizen, score=1)
    file(world, at=vn(2025, 3, 4, 9, 0))  # never accepted: overdue after 2 working days
    refused = file(world, at=vn(2025, 3, 5, 9, 0))
    services.refuse_feedback(
        feedback_id=refused.pk, actor=world.specialist, reason="R", at=vn(2025, 3, 5, 10, 0)
    )
    services.link_repeat(feedback_id=refused.pk, actor=world.specialist, target=late.code)
    file(world, at=vn(2025, 4, 2, 9, 0))  # another period

    with CaptureQueriesContext(connection) as queries:
        (figures,) = figures_by_agency(vn(2025, 3, 1, 0, 0), vn(2025, 4, 1, 0, 0), at=vn(2025, 4, 2, 12, 0))
    assert len(queries) == 1
    assert figures.agency_id == world.department.pk
    assert (figures.received, figures.refused, figures.answered) == (4, 1, 2)
    assert (figures.answered_on_time, figures.answered_late, figures.open_overdue) == (1, 1, 1)
    assert (figures.repeated, figures.rated, figures.average_rating) == (1, 2, 2.0)
    assert average_rating(agency_id=world.department.pk) == 2.0
    assert average_rating(agency_id=world.other_department.pk) is None
    assert (
        overdue_count(world.specialist, vn(2025, 4, 2, 12, 0)) == 2
    )  # the one never accepted, and an answer not yet published
