"""The sender sees, per receiver, the latest status and its history, whatever order statuses arrive in."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.agencies.models import Role
from motcua.core.time import VN_TZ
from motcua.dossiers.tests.factories import staff
from motcua.exchange import statuses
from motcua.exchange.errors import MessageRefused, UnknownRecipient
from motcua.exchange.models import OutboxMessage, ReceivedStatus
from motcua.exchange.selectors import sent_documents
from motcua.exchange.services import receive_batch, receive_message, send_document
from motcua.exchange.tests.world import World, numbered_edoc, sending_world, status_about
from motcua.signatures import services as signature_services
from motcua.signatures.testing.pki import Pki

T0 = datetime(2026, 3, 3, 8, 0, tzinfo=VN_TZ)
PROGRESS = ["01", "03", "04", "05", "06"]


@pytest.fixture
def world(db: None, pki: Pki) -> World:
    return sending_world(pki)


def send(world: World, number: int) -> str:
    doc = numbered_edoc(number)
    send_document(actor=signature_services.SYSTEM, agency_id=world.agency.pk, edoc=doc)
    return doc.document_id


def report(world: World, document_id: str, code: str, minutes: int) -> None:
    status = status_about(document_id, code, timestamp=T0 + timedelta(minutes=minutes))
    receive_message(world.sign(status), transport="direct", peer=world.peer)


def test_sending_queues_one_message_per_remote_receiver_and_only_once(world: World) -> None:
    document_id = send(world, 301)
    send(world, 301)

    assert list(OutboxMessage.objects.values_list("recipient", "document_id", "status_code", "state")) == [
        (world.remote.organ_id, document_id, "", "pending")
    ]


def test_only_the_holder_of_the_seal_rule_sends(world: World) -> None:
    specialist = staff(world.agency, Role.SPECIALIST)

    with pytest.raises(Exception, match="không được giao"):
        send_document(actor=specialist, agency_id=world.agency.pk, edoc=numbered_edoc(302))


def test_a_receiver_without_a_declared_connection_is_refused_before_anything_is_queued(world: World) -> None:
    world.remote.delete()

    with pytest.raises(UnknownRecipient):
        send(world, 303)
    assert not OutboxMessage.objects.exists()


def test_statuses_out_of_order_and_twice_give_one_history_and_the_furthest_step(world: World) -> None:
    document_id = send(world, 304)
    for code, minutes in [("05", 30), ("01", 1), ("03", 10), ("05", 30), ("01", 1), ("04", 20)]:
        report(world, document_id, code, minutes)

    [document] = sent_documents(world.agency.pk)
    [track] = document.receivers
    assert track.organ_id == world.remote.organ_id
    assert [entry.code for entry in track.history] == ["01", "03", "04", "05"]
    assert track.latest is not None
    assert track.latest.code == "05"
    assert ReceivedStatus.objects.count() == 4


def test_a_status_about_a_document_never_sent_to_that_receiver_is_refused(world: World) -> None:
    with pytest.raises(MessageRefused):
        report(world, "000.00.12.H48,2026/03/02,999/STP-VP", "01", 1)
    assert not ReceivedStatus.objects.exists()


def test_a_batch_of_statuses_is_matched_to_the_documents_sent_each_alone(world: World) -> None:
    # the batch reads once which documents went to whom; a status about another one still fails alone
    first, second = send(world, 306), send(world, 307)
    never_sent = "000.00.12.H48,2026/03/02,998/STP-VP"
    batch = [
        world.sign(status_about(first, "01", timestamp=T0)),
        world.sign(status_about(never_sent, "01", timestamp=T0)),
        world.sign(status_about(second, "01", timestamp=T0)),
        world.sign(status_about(first, "03", timestamp=T0 + timedelta(minutes=5))),
        world.sign(status_about(first, "01", timestamp=T0)),  # twice in one batch
    ]

    outcomes = receive_batch(batch, transport="direct", peer=world.peer)

    assert [type(o.error) for o in outcomes] == [type(None), MessageRefused, *[type(None)] * 3]
    assert [o.receipt.duplicate for o in outcomes if o.receipt] == [False, False, False, True]
    assert sorted(ReceivedStatus.objects.values_list("document_id", "status_code", "agency_id")) == sorted(
        [(first, "01", world.agency.pk), (first, "03", world.agency.pk), (second, "01", world.agency.pk)]
    )


def test_an_unsigned_status_is_refused_and_changes_nothing(world: World) -> None:
    from motcua.exchange import edxml

    document_id = send(world, 305)
    with pytest.raises(MessageRefused):
        receive_message(edxml.build(status_about(document_id, "06")), transport="direct", peer=world.peer)
    assert not ReceivedStatus.objects.exists()


def test_the_list_of_sent_documents_takes_three_queries(world: World, django_assert_num_queries) -> None:
    for number in range(310, 316):
        report(world, send(world, number), "01", 1)

    with django_assert_num_queries(3):
        documents = sent_documents(world.agency.pk)
    assert len(documents) == 6
    assert all(d.receivers[0].latest.code == "01" for d in documents)  # type: ignore[union-attr]


@given(st.permutations(PROGRESS), st.lists(st.sampled_from(PROGRESS), max_size=4))
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_latest_is_the_furthest_step_whatever_the_arrival_order(order: list[str], repeats: list[str]) -> None:
    entries = [
        statuses.StatusEntry(code, T0 + timedelta(minutes=PROGRESS.index(code))) for code in order + repeats
    ]

    assert statuses.latest(entries).code == "06"  # type: ignore[union-attr]
    assert [e.code for e in statuses.in_order(entries)] == sorted(order + repeats, key=PROGRESS.index)


@given(st.integers(min_value=1, max_value=500), st.floats(min_value=0, max_value=0.999))
def test_backoff_doubles_is_capped_and_never_negative(attempts: int, jitter: float) -> None:
    delay = statuses.backoff_seconds(attempts, base=5, cap=3600, jitter=jitter)
    following = statuses.backoff_seconds(attempts + 1, base=5, cap=3600, jitter=0)

    assert 0 < delay <= 3600
    assert following >= statuses.backoff_seconds(attempts, base=5, cap=3600, jitter=0)
