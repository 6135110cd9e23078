"""Feedback on a procedure goes to its competent agency, on a dossier (only the citizen's own) to
the dossier's agency, on an officer's conduct to the agency the citizen names; and it follows
accept, ask, reply, answer, publish, rate with one history row each."""

from __future__ import annotations

import pytest

from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.dossiers import services as dossier_services
from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, UserFactory, mandatory_document_id, pdf

from .. import services
from ..states import State, Subject
from .factories import file, vn

pytestmark = pytest.mark.django_db


def _dossier(world, owner):  # type: ignore[no-untyped-def]
    return dossier_services.submit_dossier(
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf())],
        owner=owner,
        at=vn(2025, 3, 3, 8, 0),
    )


def test_routing_by_subject(world):
    assert file(world).agency == world.department
    dossier = _dossier(world, world.citizen)
    on_dossier = file(world, subject=Subject.DOSSIER, procedure_code="", dossier_code=dossier.code)
    assert (on_dossier.agency, on_dossier.dossier) == (dossier.receiving_agency, dossier)
    conduct = file(
        world,
        subject=Subject.CONDUCT,
        procedure_code="",
        agency_id=str(world.other_department.pk),
        officer_name="Ông A",
    )
    assert conduct.agency == world.other_department


def test_someone_elses_dossier_is_refused_without_saying_it_exists(world):
    dossier = _dossier(world, UserFactory())
    with pytest.raises(ValidationFailed) as refused:
        file(world, subject=Subject.DOSSIER, procedure_code="", dossier_code=dossier.code)
    assert "hồ sơ của bạn" in refused.value.message


def test_staff_accounts_do_not_file_feedback(world):
    with pytest.raises(PermissionDenied):
        file(world, author=world.specialist)


def test_the_whole_journey(world):
    feedback = file(world)
    assert feedback.code.startswith("PAKN-2025-")
    assert feedback.state == State.RECEIVED
    services.accept_feedback(feedback_id=feedback.pk, actor=world.intake, at=vn(2025, 3, 4, 9, 0))
    services.ask_for_information(
        feedback_id=feedback.pk, actor=world.specialist, question="Xin thêm thông tin."
    )
    services.reply_with_information(feedback_id=feedback.pk, actor=world.citizen, reply="Đây là thông tin.")
    services.answer_feedback(feedback_id=feedback.pk, actor=world.specialist, answer="Trả lời.")
    services.approve_publication(feedback_id=feedback.pk, actor=world.leader)
    done = services.rate_answer(feedback_id=feedback.pk, actor=world.citizen, score=2)
    assert done.state == State.PUBLISHED
    assert done.rating == 2
    assert list(done.events.values_list("action", flat=True)) == [
        "file",
        "accept",
        "ask_info",
        "reply_info",
        "answer",
        "publish",
        "rate",
    ]
    assert done.events.get(action="accept").on_time is True


def test_refusal_needs_a_reason_and_is_late_after_two_working_days(world):
    feedback = file(world, at=vn(2025, 3, 3, 9, 0))
    with pytest.raises(ValidationFailed):
        services.refuse_feedback(feedback_id=feedback.pk, actor=world.specialist, reason="  ")
    refused = services.refuse_feedback(
        feedback_id=feedback.pk,
        actor=world.specialist,
        reason="Không thuộc thẩm quyền.",
        at=vn(2025, 3, 6, 9, 0),
    )
    assert refused.state == State.REFUSED
    assert refused.events.get(action="refuse").on_time is False
