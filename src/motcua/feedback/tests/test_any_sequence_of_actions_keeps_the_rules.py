"""Property: whatever sequence of actions anyone tries, a service succeeds exactly when the table
allows it (`allowed_actions`), and the feedback never breaks a rule: published only with consent
and after an answer, rated only once answered, information asked at most once, the handling due
moment never earlier than at receipt."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.core.errors import DomainError

from .. import services
from ..actions import Action
from ..models import Feedback
from ..permissions import allowed_actions
from ..states import State
from .factories import build_world, file, vn

pytestmark = pytest.mark.django_db

INPUTS: dict[Action, dict[str, Any]] = {
    Action.ACCEPT: {},
    Action.REFUSE: {"reason": "Không thuộc thẩm quyền."},
    Action.ASK_INFO: {"question": "Xin mã hồ sơ."},
    Action.REPLY_INFO: {"reply": "Mã hồ sơ là ..."},
    Action.ANSWER: {"answer": "Trả lời."},
    Action.PUBLISH: {},
    Action.LINK: {"target": ""},
    Action.RATE: {"score": 2},
}
ACTORS = ("citizen", "intake", "specialist", "leader", "clerk", "other_specialist")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    consent=st.booleans(),
    steps=st.lists(
        st.tuples(st.sampled_from(list(Action)), st.sampled_from(ACTORS), st.integers(0, 72)), max_size=12
    ),
)
def test_services_follow_the_table(db, consent, steps):
    with transaction.atomic():
        world = build_world()
        earlier = file(world, at=vn(2025, 3, 3, 8, 0))
        feedback = file(world, at=vn(2025, 3, 3, 9, 0), consent_to_publish=consent)
        first_due = feedback.handle_due_at
        hours = 0
        for action, who, wait in steps:
            hours += wait
            actor = getattr(world, who)
            current = Feedback.objects.get(pk=feedback.pk)
            allowed = action in {spec.action for spec in allowed_actions(actor, current)}
            inputs = dict(INPUTS[action], target=earlier.code) if action == Action.LINK else INPUTS[action]
            at = vn(2025, 3, 3, 9, 0) + timedelta(hours=hours)
            try:
                services.perform(action, feedback_id=feedback.pk, actor=actor, inputs=inputs, at=at)
            except DomainError:
                assert not allowed, (action, who)
            else:
                assert allowed, (action, who)
            now = Feedback.objects.get(pk=feedback.pk)
            if now.state == State.PUBLISHED:
                assert now.consent_to_publish
                assert now.answered_at is not None
            if now.rating is not None:
                assert now.answered_at is not None
            assert now.events.filter(action=Action.ASK_INFO).count() <= 1
            assert now.handle_due_at >= first_due
        transaction.set_rollback(True)
