"""A new appointment (Form 04) falls on working time of the agency's calendar, at every door.

The Saturday an apology once accepted is refused with a message naming the next working moment;
any moment the calendar calls working time is accepted.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.core.errors import ValidationFailed
from motcua.dossiers import services
from motcua.dossiers.deadlines import calendar_of
from motcua.dossiers.models import Dossier
from motcua.workcalendar.engine import WorkCalendar

from .factories import APPLICANT, FORM_DATA, World, mandatory_document_id, pdf, vn

RECEIVED = vn(2025, 3, 3, 9, 0)  # Monday; due Monday 10 March 09:00 (5 working days)
LATE = vn(2025, 3, 11, 9, 0)


def _late_dossier(world: World) -> Dossier:
    return services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf())],
        at=RECEIVED,
    )


def _apologise(world: World, dossier: Dossier, new_appointment: datetime) -> Dossier:
    return services.apologise_and_extend(
        dossier_id=dossier.pk,
        actor=world.intake,
        new_appointment=new_appointment,
        reason="Cần xác minh thêm",
        at=LATE,
    )


@pytest.mark.django_db
def test_a_saturday_is_refused_naming_the_next_working_moment(world):
    dossier = _late_dossier(world)
    with pytest.raises(ValidationFailed) as refused:
        _apologise(world, dossier, vn(2025, 3, 15, 9, 0))  # Saturday
    assert "không rơi vào giờ làm việc" in refused.value.message
    assert "07:30 ngày 17/03/2025" in refused.value.message  # Monday, first window
    dossier.refresh_from_db()
    assert dossier.appointment_at is None


@pytest.mark.django_db
def test_the_lunch_break_and_the_evening_are_refused_too(world):
    dossier = _late_dossier(world)
    for moment, following in (
        (vn(2025, 3, 14, 12, 0), "13:30 ngày 14/03/2025"),
        (vn(2025, 3, 14, 18, 0), "07:30 ngày 17/03/2025"),
    ):
        with pytest.raises(ValidationFailed) as refused:
            _apologise(world, dossier, moment)
        assert following in refused.value.message


@pytest.mark.django_db
def test_the_end_of_the_working_day_is_a_valid_appointment(world):
    dossier = _late_dossier(world)
    _apologise(world, dossier, vn(2025, 3, 14, 17, 30))
    dossier.refresh_from_db()
    assert dossier.appointment_at == vn(2025, 3, 14, 17, 30)


moments = st.integers(min_value=0, max_value=30 * 24 * 4).map(
    lambda quarters: vn(2025, 3, 11, 9, 15) + timedelta(minutes=15 * quarters)
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moment=moments)
@pytest.mark.django_db
def test_accepted_exactly_when_the_calendar_says_working_time(world, moment):
    dossier = _late_dossier(world)
    calendar = calendar_of(dossier)
    if calendar.is_working_moment(moment):
        _apologise(world, dossier, moment)
        dossier.refresh_from_db()
        assert dossier.appointment_at == moment
    else:
        with pytest.raises(ValidationFailed) as refused:
            _apologise(world, dossier, moment)
        following = calendar.next_working_moment(moment)
        assert f"{following:%H:%M} ngày {following:%d/%m/%Y}" in refused.value.message


@given(moment=st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31)))
def test_the_next_working_moment_is_working_time_with_nothing_worked_before_it(moment):
    week = WorkCalendar()
    start = moment.replace(tzinfo=RECEIVED.tzinfo)
    following = week.next_working_moment(start)
    assert following >= start
    assert week.is_working_moment(following)
    assert week.working_seconds_between(start, following) == 0
