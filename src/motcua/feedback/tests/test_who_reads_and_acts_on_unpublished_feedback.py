"""Unpublished feedback is read only by its author and the officers of the responsible agency;
published feedback by anyone, without the sender. Who may act follows the table of actions."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from motcua.agencies.models import Role
from motcua.core.errors import NotFound, PermissionDenied
from motcua.dossiers.tests.factories import UserFactory, staff

from .. import services
from ..actions import Action
from ..errors import IllegalState
from ..permissions import allowed_actions
from ..selectors import feedback_for, officer_feedback, published_feedback
from .factories import file, vn

pytestmark = pytest.mark.django_db


def _published(world):  # type: ignore[no-untyped-def]
    feedback = file(world)
    services.accept_feedback(feedback_id=feedback.pk, actor=world.specialist, at=vn(2025, 3, 3, 10, 0))
    services.answer_feedback(
        feedback_id=feedback.pk, actor=world.specialist, answer="Đã xem xét.", at=vn(2025, 3, 4, 9, 0)
    )
    return services.approve_publication(feedback_id=feedback.pk, actor=world.leader, at=vn(2025, 3, 4, 10, 0))


def test_unpublished_feedback_is_read_by_its_author_and_the_agency_only(world):
    feedback = file(world)
    assert feedback_for(world.citizen, feedback.code).private
    assert feedback_for(world.specialist, feedback.code).private
    assert feedback_for(world.intake, feedback.code).private
    admin_here = staff(world.department, Role.ADMINISTRATOR)
    assert feedback_for(admin_here, feedback.code).private
    for stranger in (AnonymousUser(), UserFactory(), world.other_specialist, world.other_intake):
        with pytest.raises(NotFound):
            feedback_for(stranger, feedback.code)
    assert list(officer_feedback(world.other_specialist, at=vn(2025, 3, 3, 9, 0))) == []
    assert list(officer_feedback(world.specialist, at=vn(2025, 3, 3, 9, 0))) == [feedback]


def test_a_published_answer_is_public_but_not_its_sender(world):
    feedback = _published(world)
    reading = feedback_for(AnonymousUser(), feedback.code)
    assert reading.feedback == feedback
    assert not reading.private
    assert list(published_feedback()) == [feedback]


def test_an_answer_without_consent_is_never_published(world):
    feedback = file(world, consent_to_publish=False)
    services.accept_feedback(feedback_id=feedback.pk, actor=world.specialist)
    services.answer_feedback(feedback_id=feedback.pk, actor=world.specialist, answer="Trả lời riêng.")
    assert Action.PUBLISH not in {s.action for s in allowed_actions(world.leader, feedback)}
    with pytest.raises(IllegalState):
        services.approve_publication(feedback_id=feedback.pk, actor=world.leader)
    with pytest.raises(NotFound):
        feedback_for(AnonymousUser(), feedback.code)
    assert list(published_feedback()) == []


def test_only_a_leader_of_the_agency_publishes(world):
    feedback = file(world)
    services.accept_feedback(feedback_id=feedback.pk, actor=world.specialist)
    services.answer_feedback(feedback_id=feedback.pk, actor=world.specialist, answer="Trả lời.")
    for not_allowed in (world.specialist, world.citizen, world.other_specialist, world.clerk):
        with pytest.raises(PermissionDenied):
            services.approve_publication(feedback_id=feedback.pk, actor=not_allowed)
    services.approve_publication(feedback_id=feedback.pk, actor=world.leader)


def test_officers_of_another_agency_and_citizens_cannot_handle_it(world):
    feedback = file(world)
    for outsider in (world.other_specialist, world.citizen, UserFactory(), world.clerk):
        with pytest.raises(PermissionDenied):
            services.accept_feedback(feedback_id=feedback.pk, actor=outsider)
        assert allowed_actions(outsider, feedback) == []
    offered = {s.action for s in allowed_actions(world.specialist, feedback)}
    assert offered == {Action.ACCEPT, Action.REFUSE, Action.LINK}


def test_only_the_author_rates_and_only_once(world):
    feedback = _published(world)
    with pytest.raises(PermissionDenied):
        services.rate_answer(feedback_id=feedback.pk, actor=UserFactory(), score=3)
    services.rate_answer(feedback_id=feedback.pk, actor=world.citizen, score=3, comment="Cảm ơn")
    with pytest.raises(IllegalState):
        services.rate_answer(feedback_id=feedback.pk, actor=world.citizen, score=1)
