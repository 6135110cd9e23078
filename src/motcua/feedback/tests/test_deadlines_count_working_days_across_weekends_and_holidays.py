"""The four time limits of index 5.2 (refuse 2, ask for information 5, handle 15, publish 2
working days) are counted on the agency's working calendar: weekends, Tết, the make-up Saturday
and the days off swapped for it, and the pause while the citizen is asked for more."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.core.time import VN_TZ
from motcua.workcalendar.selectors import calendar_for

from .. import deadlines, services
from .factories import file, vn

pytestmark = pytest.mark.django_db


def test_filed_the_friday_before_tet_every_limit_skips_the_holiday(world):
    feedback = file(world, at=vn(2025, 1, 24, 9, 0))  # Tết 2025: 27 January to 1 February off
    assert feedback.decide_due_at == vn(2025, 2, 4, 9, 0)
    assert feedback.info_due_at == vn(2025, 2, 7, 9, 0)
    assert feedback.handle_due_at == vn(2025, 2, 21, 9, 0)


def test_the_make_up_saturday_counts_and_the_swapped_friday_does_not(world):
    # 26/4/2025 is worked in exchange for 2/5; 30/4 and 1/5 are holidays.
    feedback = file(world, at=vn(2025, 4, 25, 9, 0))
    assert feedback.decide_due_at == vn(2025, 4, 28, 9, 0)  # Saturday 26 counts as the first day
    assert feedback.info_due_at == vn(2025, 5, 6, 9, 0)  # 26, 28, 29, 5, 6


def test_filed_on_a_sunday_evening_the_count_starts_monday_morning(world):
    feedback = file(world, at=vn(2025, 3, 9, 20, 0))
    assert feedback.decide_due_at == vn(2025, 3, 11, 17, 30)  # two full working days: Monday, Tuesday


def test_publication_is_due_two_working_days_after_the_answer(world):
    feedback = file(world, at=vn(2025, 3, 3, 9, 0))
    services.accept_feedback(feedback_id=feedback.pk, actor=world.specialist, at=vn(2025, 3, 4, 9, 0))
    answered = services.answer_feedback(
        feedback_id=feedback.pk, actor=world.specialist, answer="Trả lời.", at=vn(2025, 3, 7, 16, 0)
    )
    assert answered.publish_due_at == vn(2025, 3, 11, 16, 0)  # Friday 16:00 -> Tuesday 16:00


def test_asking_for_information_stops_the_handling_clock(world):
    feedback = file(world, at=vn(2025, 3, 3, 9, 0))
    assert feedback.handle_due_at == vn(2025, 3, 24, 9, 0)
    services.accept_feedback(feedback_id=feedback.pk, actor=world.specialist, at=vn(2025, 3, 3, 10, 0))
    services.ask_for_information(
        feedback_id=feedback.pk, actor=world.specialist, question="Xin số hồ sơ.", at=vn(2025, 3, 3, 10, 0)
    )
    # The citizen replies on Saturday: the 15 days less the hour used count again from Monday 07:30.
    resumed = services.reply_with_information(
        feedback_id=feedback.pk, actor=world.citizen, reply="Số hồ sơ là ...", at=vn(2025, 3, 8, 11, 0)
    )
    assert resumed.handle_due_at == vn(2025, 3, 28, 16, 30)


def test_a_feedback_already_late_when_asked_stays_late(world):
    feedback = file(world, at=vn(2025, 3, 3, 9, 0))
    services.accept_feedback(feedback_id=feedback.pk, actor=world.specialist, at=vn(2025, 3, 3, 10, 0))
    services.ask_for_information(
        feedback_id=feedback.pk, actor=world.specialist, question="?", at=vn(2025, 3, 25, 9, 0)
    )
    resumed = services.reply_with_information(
        feedback_id=feedback.pk, actor=world.citizen, reply="...", at=vn(2025, 4, 1, 9, 0)
    )
    assert resumed.handle_due_at == vn(2025, 3, 24, 9, 0)


moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 12, 20)).map(
    lambda d: d.replace(tzinfo=VN_TZ)
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(received=moments)
def test_every_due_moment_is_working_time_exactly_n_working_days_later(db, received):
    cal = calendar_for(None)
    due = deadlines.on_receipt(cal, received)
    start = cal.next_working_moment(received)
    for moment, days in (
        (due.decide_due, deadlines.DECIDE_DAYS),
        (due.info_due, deadlines.ASK_INFO_DAYS),
        (due.handle_due, deadlines.HANDLE_DAYS),
    ):
        assert cal.is_working_moment(moment)
        assert cal.is_working_day(moment.astimezone(VN_TZ).date())
        assert cal.working_seconds_between(start, moment) == days * cal.day_seconds
    assert received < due.decide_due < due.info_due < due.handle_due
    # Never fewer calendar days than working days; at most 3 weeks more than that (Tết is the longest break).
    assert timedelta(days=15) <= due.handle_due - received <= timedelta(days=15 + 21 + 1)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(received=moments, asked_after=st.integers(0, 30 * 24 * 3600), wait=st.integers(0, 20 * 24 * 3600))
def test_the_pause_gives_back_exactly_the_time_that_was_left(db, received, asked_after, wait):
    cal = calendar_for(None)
    handle_due = deadlines.on_receipt(cal, received).handle_due
    asked = received + timedelta(seconds=asked_after)
    replied = asked + timedelta(seconds=wait)
    resumed = deadlines.resume_after_info(cal, handle_due=handle_due, asked_at=asked, replied_at=replied)
    left = cal.working_seconds_between(asked, handle_due)
    assert resumed >= handle_due
    if left > 0:
        assert cal.working_seconds_between(cal.next_working_moment(replied), resumed) == left
    else:
        assert resumed == handle_due
