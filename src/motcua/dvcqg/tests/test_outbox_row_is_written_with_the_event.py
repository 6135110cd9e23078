"""The outbox row commits with the dossier event, or not at all; never twice for one event."""

import pytest
from django.db import IntegrityError, transaction

from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dvcqg.models import SyncOutbox

from .lives import received, submitted


def test_each_event_queues_one_row_in_its_own_transaction(world):
    dossier = received(world)
    rows = list(SyncOutbox.objects.filter(dossier=dossier).order_by("event_seq"))
    assert [(r.event_seq, r.event_kind, r.state) for r in rows] == [
        (1, "submitted", "pending"),
        (2, "received", "pending"),
    ]


def test_a_refused_action_queues_nothing(world):
    dossier = submitted(world)
    with pytest.raises(DomainError):
        services.return_result(dossier_id=dossier.pk, actor=world.clerk)
    assert SyncOutbox.objects.filter(dossier=dossier).count() == 1


def test_a_rolled_back_event_leaves_no_row(world):
    dossier = submitted(world)

    class Boom(Exception):
        pass

    def receive_then_fail() -> None:
        with transaction.atomic():
            services.receive_dossier(dossier_id=dossier.pk, actor=world.intake)
            assert SyncOutbox.objects.filter(dossier=dossier).count() == 2
            raise Boom

    with pytest.raises(Boom):
        receive_then_fail()
    assert SyncOutbox.objects.filter(dossier=dossier).count() == 1


def test_one_row_per_dossier_event(world):
    dossier = submitted(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        SyncOutbox.objects.create(dossier=dossier, event_seq=1, event_kind="submitted")


def test_linking_a_dossier_to_an_account_changes_nothing_the_portal_holds(world):
    from motcua.dvcqg.services import NOT_SYNCED

    assert "owner_linked" in NOT_SYNCED
