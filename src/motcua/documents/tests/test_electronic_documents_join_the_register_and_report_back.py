"""An eDoc the exchange accepts is entered in the incoming register by itself, and each step of its
handling is reported to the sender as edXML status 03, 04, 05, 06, queued with the step."""

from __future__ import annotations

import pytest

from motcua.agencies.models import Role
from motcua.documents.models import IncomingDocument
from motcua.documents.services.incoming import (
    assign_incoming,
    complete_incoming,
    decide_handling,
    record_progress,
    register_incoming,
)
from motcua.dossiers.tests.factories import UnitFactory, staff, vn
from motcua.exchange.models import OutboxMessage
from motcua.exchange.services import receive_message
from motcua.exchange.tests.world import World, numbered_edoc, receiving_world
from motcua.signatures.testing.pki import Pki


@pytest.fixture
def world(db: None, pki: Pki) -> World:
    return receiving_world(pki)


def statuses_sent(document_id: str) -> list[str]:
    return list(
        OutboxMessage.objects.filter(document_id=document_id, kind="status")
        .order_by("pk")
        .values_list("status_code", flat=True)
    )


def test_an_accepted_edoc_is_registered_and_each_step_reported(world, django_capture_on_commit_callbacks):
    doc = numbered_edoc(301)
    with django_capture_on_commit_callbacks(execute=True):
        receive_message(world.sign(doc), transport="direct", peer=world.peer)

    entry = IncomingDocument.objects.get(exchange_document_id=doc.document_id)
    assert entry.channel == IncomingDocument.Channel.ELECTRONIC
    assert entry.arrival_number == 1
    assert statuses_sent(doc.document_id) == ["01", "03"]

    unit = UnitFactory(agency=world.agency)
    leader = staff(world.agency, Role.LEADER)
    officer = staff(world.agency, Role.SPECIALIST, unit)
    decide_handling(document_id=entry.pk, actor=leader, lead_unit_id=unit.pk)
    assign_incoming(document_id=entry.pk, actor=leader, assignee_id=officer.pk)
    record_progress(document_id=entry.pk, actor=officer, progress="Đang dự thảo văn bản trả lời.")
    complete_incoming(document_id=entry.pk, actor=officer)

    assert statuses_sent(doc.document_id) == ["01", "03", "04", "05", "06"]


def test_the_same_edoc_twice_is_one_entry(world, django_capture_on_commit_callbacks):
    doc = numbered_edoc(302)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            receive_message(world.sign(doc), transport="direct", peer=world.peer)

    assert IncomingDocument.objects.filter(exchange_document_id=doc.document_id).count() == 1
    assert statuses_sent(doc.document_id).count("03") == 1


def test_a_paper_document_tells_nobody(world):
    clerk = staff(world.agency, Role.CLERK)
    register_incoming(
        actor=clerk,
        agency_id=world.agency.pk,
        author="UBND xã Gio Linh",
        notation="12/UBND-VP",
        document_date=vn(2025, 3, 3).date(),
        type_name="Công văn",
        subject="Đề nghị hướng dẫn",
    )

    assert not OutboxMessage.objects.filter(kind="status").exists()
