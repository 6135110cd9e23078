"""An officer links a repeat to the earlier feedback on the same matter, helped by a suggestion
from the overlap of their folded words; links always point to the first of the chain."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.errors import ValidationFailed
from motcua.core.text import fold

from .. import services
from ..selectors import similar_feedback
from ..similarity import similarity
from .factories import file, vn

pytestmark = pytest.mark.django_db


def test_the_earlier_feedback_on_the_same_matter_is_suggested_first(world):
    first = file(world, title="Thời hạn cấp Phiếu lý lịch tư pháp quá dài", at=vn(2025, 3, 3, 9, 0))
    file(world, title="Phí đăng ký xe máy", content="Lệ phí đăng ký xe máy cao.", at=vn(2025, 3, 3, 10, 0))
    again = file(world, title="Cấp phiếu lý lịch tư pháp chậm, thời hạn dài", at=vn(2025, 3, 5, 9, 0))
    suggested = similar_feedback(again)
    assert [f for f, _ in suggested] == [first]
    linked = services.link_repeat(feedback_id=again.pk, actor=world.specialist, target=first.code.lower())
    assert linked.repeat_of == first
    third = file(world, at=vn(2025, 3, 6, 9, 0))
    assert (
        services.link_repeat(feedback_id=third.pk, actor=world.specialist, target=again.code).repeat_of
        == first
    )


def test_another_agencys_feedback_cannot_be_linked(world):
    mine = file(world)
    elsewhere = file(world, subject="conduct", procedure_code="", agency_id=str(world.other_department.pk))
    with pytest.raises(ValidationFailed):
        services.link_repeat(feedback_id=mine.pk, actor=world.specialist, target=elsewhere.code)
    with pytest.raises(ValidationFailed):
        services.link_repeat(feedback_id=mine.pk, actor=world.specialist, target=mine.code)


@given(st.text(max_size=200), st.text(max_size=200))
def test_similarity_is_a_symmetric_score_between_0_and_1(a, b):
    score = similarity(fold(a), fold(b))
    assert 0.0 <= score <= 1.0
    assert score == similarity(fold(b), fold(a))
