"""A→B→A: a dossier handed to an agency on another instance is processed there with the ordinary
actions, its progress comes back as statuses in the origin's history, and its result is returned."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.dossiers import services
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.states import State
from motcua.exchange.models import InboxDocument, OutboxMessage
from motcua.interagency.models import Handover, IncomingDossier
from motcua.interagency.tests.two_sides import TwoSides, process_at_b, two_sides
from motcua.signatures.testing.pki import Pki

Kind = DossierEvent.Kind


@pytest.fixture
def sides(db: None, pki: Pki) -> TwoSides:
    return two_sides(pki)


def peer_codes(dossier: Dossier) -> list[str]:
    return [e.payload["code"] for e in dossier.events.filter(kind=Kind.PEER_STATUS).order_by("seq")]


def registered_at_b(sides: TwoSides, capture: Any) -> tuple[Dossier, Dossier]:
    """A hands the dossier over and B registers it: (A's dossier, B's copy)."""
    with capture(execute=True):
        origin = sides.hand_over()
        sides.deliver()
    return origin, IncomingDossier.objects.get().dossier


def withdraw_at_a(sides: TwoSides, origin: Dossier) -> None:
    services.request_withdrawal(dossier_id=origin.pk, actor=sides.a_intake, reason="Người nộp xin rút hồ sơ.")


def test_handed_over_processed_at_b_result_back_at_a_and_returned(
    sides: TwoSides, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        origin = sides.hand_over()
    # The hand-over and its message committed together.
    [message] = OutboxMessage.objects.filter(agency=sides.a, kind=OutboxMessage.Kind.EDOC)
    assert message.recipient == sides.b.code
    assert origin.current_agency_id == sides.stand_in.pk
    assert Handover.objects.get(dossier=origin).document_id == message.document_id

    with django_capture_on_commit_callbacks(execute=True):
        sides.deliver()

    incoming = IncomingDossier.objects.get()
    copy = incoming.dossier
    assert incoming.origin_code == origin.code
    assert copy.receiving_agency_id == sides.b.pk
    assert copy.state == State.PROCESSING
    assert copy.current_unit_id == sides.b_unit.pk
    assert copy.current_step == 3
    assert copy.applicant_name == origin.applicant_name
    assert copy.form_data == origin.form_data
    assert copy.due_at == origin.step_due_at  # B's share of the time, not B's whole procedure time
    assert [a.sha256 for a in copy.attachments.all()] == [a.sha256 for a in origin.attachments.all()]
    assert peer_codes(Dossier.objects.get(pk=origin.pk)) == ["01", "03"]

    with django_capture_on_commit_callbacks(execute=True):
        process_at_b(sides, copy.pk)
        sides.deliver()

    origin.refresh_from_db()
    assert peer_codes(origin) == ["01", "03", "05", "06"]
    assert origin.state == State.RESOLVED
    result = origin.results.get()
    assert result.notation == copy.results.exclude(notation="").get().notation
    assert not result.is_signed  # an unsigned PDF: nothing to verify
    assert InboxDocument.objects.get(agency=sides.a).last_status == "06"

    services.return_result(dossier_id=origin.pk, actor=sides.a_intake, method="counter")
    origin.refresh_from_db()
    assert origin.state == State.RETURNED
    # Nothing is left to send, and nothing was sent twice.
    assert not OutboxMessage.objects.exclude(state=OutboxMessage.State.SENT).exists()


def test_a_refusal_at_b_gives_the_dossier_back_to_who_handed_it_over(
    sides: TwoSides, django_capture_on_commit_callbacks: Any
) -> None:
    from motcua.agencies.models import Role
    from motcua.dossiers.tests.factories import staff

    origin, copy = registered_at_b(sides, django_capture_on_commit_callbacks)
    head = staff(sides.b, Role.LEADER, sides.b_unit)
    with django_capture_on_commit_callbacks(execute=True):
        services.stop_dossier(
            dossier_id=copy.pk, actor=head, reason="Công trình không thuộc thẩm quyền của Sở."
        )
        sides.deliver()

    origin.refresh_from_db()
    assert peer_codes(origin)[-1] == "02"
    assert origin.current_agency_id == sides.a.pk
    assert origin.current_unit_id == sides.a_one_stop.pk
    assert (
        origin.events.filter(kind=Kind.PEER_STATUS).last().note == "Công trình không thuộc thẩm quyền của Sở."
    )


def test_a_withdrawal_at_a_recalls_the_dossier_from_b(
    sides: TwoSides, django_capture_on_commit_callbacks: Any
) -> None:
    origin, copy = registered_at_b(sides, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_at_a(sides, origin)
        sides.deliver()

    copy.refresh_from_db()
    origin.refresh_from_db()
    assert copy.state == State.STOPPED
    assert peer_codes(origin)[-1] == "15"
    assert origin.state == State.STOPPED


def test_a_result_that_crosses_the_withdrawal_declines_it_and_resolves_the_dossier(
    sides: TwoSides, django_capture_on_commit_callbacks: Any
) -> None:
    origin, copy = registered_at_b(sides, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        process_at_b(sides, copy.pk)  # B completes; its messages are on their way
        withdraw_at_a(sides, origin)
        sides.deliver()  # B's result reaches A first; A's recall reaches B after its 06

    origin.refresh_from_db()
    copy.refresh_from_db()
    assert origin.state == State.RESOLVED
    assert copy.state == State.RETURNED
    declined = origin.events.get(kind=Kind.WITHDRAWAL_REJECTED)
    assert declined.actor_id is None
    assert "không thể rút hồ sơ" in declined.note
    assert peer_codes(origin)[-1] == "16"  # B refused the recall: it had completed
    assert origin.results.get().notation == copy.results.exclude(notation="").get().notation


def test_a_recall_refused_by_the_peer_declines_the_withdrawal(
    sides: TwoSides, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        origin = sides.hand_over()
        sides.deliver()
        withdraw_at_a(sides, origin)
    services.record_peer_status(
        dossier_id=origin.pk,
        organ_id=sides.b.code,
        organ_name=sides.b.name,
        code="16",
        label="Từ chối thu hồi",
    )

    origin.refresh_from_db()
    assert origin.state == State.PROCESSING  # back where the request was made, still at B
    assert origin.current_agency_id == sides.stand_in.pk
    assert origin.events.filter(kind=Kind.WITHDRAWAL_REJECTED).count() == 1


def test_a_signed_result_arrives_marked_signed(
    sides: TwoSides, signing: Any, django_capture_on_commit_callbacks: Any
) -> None:
    signed_pdf = signing.document()
    origin, copy = registered_at_b(sides, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        process_at_b(sides, copy.pk, result=signed_pdf)
        sides.deliver()

    result = Dossier.objects.get(pk=origin.pk).results.get()
    assert result.is_signed
    assert result.sha256 == copy.results.exclude(notation="").get().sha256


def test_a_result_met_by_busy_verifiers_waits_for_the_next_run(
    sides: TwoSides, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from motcua.interagency import services as interagency
    from motcua.interagency import wire
    from motcua.signatures.errors import VerifierBusy

    origin, copy = registered_at_b(sides, django_capture_on_commit_callbacks)

    def busy(*args: Any, **kwargs: Any) -> Any:
        raise VerifierBusy()

    with monkeypatch.context() as patched:
        patched.setattr(interagency, "verify_pdf_isolated", busy)
        with django_capture_on_commit_callbacks(execute=True):
            process_at_b(sides, copy.pk)
            sides.deliver()
    origin.refresh_from_db()
    assert origin.state == State.PROCESSING  # not taken; the result waits in the inbox
    assert InboxDocument.objects.get(agency=sides.a, document_info=wire.RESULT_KIND).last_status == "01"

    with django_capture_on_commit_callbacks(execute=True):
        assert interagency.register_waiting() == 1
    origin.refresh_from_db()
    assert origin.state == State.RESOLVED


def test_the_same_dossier_message_twice_registers_one_dossier(
    sides: TwoSides, django_capture_on_commit_callbacks: Any
) -> None:
    from motcua.exchange.services import receive_message

    with django_capture_on_commit_callbacks(execute=True):
        sides.hand_over()
        sides.deliver()
        row = OutboxMessage.objects.get(agency=sides.a, kind=OutboxMessage.Kind.EDOC)
        receipt = receive_message(bytes(row.signed), transport="direct", peer=sides.peers[sides.a.code])

    assert receipt.duplicate
    assert IncomingDossier.objects.count() == 1


def test_a_dossier_accepted_but_not_registered_is_registered_by_the_command(
    sides: TwoSides, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.management import call_command

    from motcua.exchange.services import receive_message

    with django_capture_on_commit_callbacks(execute=True):
        sides.hand_over()
    row = OutboxMessage.objects.get(agency=sides.a, kind=OutboxMessage.Kind.EDOC)
    # Accepted, but the announcement after the commit never runs (a crash): nothing registered.
    receive_message(sides.seal(row), transport="direct", peer=sides.peers[sides.a.code])
    assert not IncomingDossier.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("interagency", "register")
        call_command("interagency", "register")

    assert IncomingDossier.objects.get().origin_code == Dossier.objects.get(receiving_agency=sides.a).code


def test_dossier_and_result_messages_stay_out_of_the_clerks_incoming_register(
    sides: TwoSides, django_capture_on_commit_callbacks: Any
) -> None:
    from motcua.documents.models import IncomingDocument

    with django_capture_on_commit_callbacks(execute=True):
        sides.hand_over()
        sides.deliver()
        process_at_b(sides, IncomingDossier.objects.get().dossier_id)
        sides.deliver()

    assert InboxDocument.objects.count() == 2  # the dossier at B, the result at A
    assert not IncomingDocument.objects.exists()


def test_a_dossier_given_back_and_handed_over_again_travels_again(
    sides: TwoSides, django_capture_on_commit_callbacks: Any
) -> None:
    from motcua.agencies.models import Role
    from motcua.dossiers.tests.factories import staff

    with django_capture_on_commit_callbacks(execute=True):
        origin = sides.hand_over()
        sides.deliver()
        first = IncomingDossier.objects.get().dossier
        services.stop_dossier(
            dossier_id=first.pk, actor=staff(sides.b, Role.LEADER, sides.b_unit), reason="Thiếu bản vẽ."
        )
        sides.deliver()
        services.forward_dossier(dossier_id=origin.pk, actor=sides.a_intake, note="Đã bổ sung bản vẽ.")
        sides.deliver()

    assert IncomingDossier.objects.count() == 2
    assert Handover.objects.filter(dossier=origin).count() == 2
