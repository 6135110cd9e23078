"""The demo has a published answer anyone reads, a private answer, pending feedback in the demo
officer's list (one overdue), a repeat linked to the earlier one, and a request for information."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.core.time import now
from motcua.demo.catalogue import load_agencies, load_catalogue
from motcua.demo.feedback import seed_feedback
from motcua.demo.seed import ensure_demo_accounts

from ..models import Feedback
from ..selectors import officer_feedback, overdue_count
from ..states import State

pytestmark = pytest.mark.django_db


def test_demo_feedback(monkeypatch, settings):
    settings.DEMO_MODE = True
    from motcua.demo import catalogue as demo

    monkeypatch.setattr(
        demo, "PROCEDURES", [p for p in demo.PROCEDURES if p["code"] in ("3.000333", "1.001193")]
    )
    load_catalogue(load_agencies())
    ensure_demo_accounts()
    assert seed_feedback() == 6
    assert seed_feedback() == 0  # once
    states = sorted(Feedback.objects.values_list("state", flat=True))
    assert states == sorted(
        [State.PUBLISHED, State.ANSWERED, State.RECEIVED, State.RECEIVED, State.AWAITING_INFO, State.RECEIVED]
    )
    assert Feedback.objects.filter(repeat_of__isnull=False).count() == 1
    officer = User.objects.get(username="chuyenvien")
    assert officer_feedback(officer, state="open", at=now()).count() >= 3
    assert overdue_count(officer, now()) >= 1
    published = Feedback.objects.get(state=State.PUBLISHED)
    assert (
        "bưu chính công ích" in Client().get("/phan-anh-kien-nghi/" + published.code + "/").content.decode()
    )
