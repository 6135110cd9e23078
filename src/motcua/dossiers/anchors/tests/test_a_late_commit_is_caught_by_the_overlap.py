"""Event ids are given out at insert, but a transaction may commit after a checkpoint has read past
its id. The next checkpoint looks back over the overlap and records it; without the overlap it
would be skipped for good."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from motcua.core.time import now
from motcua.dossiers.anchors.record import iter_leaves
from motcua.dossiers.anchors.services import make_checkpoint
from motcua.dossiers.models import Dossier, DossierEvent

from .support import move_on, register

pytestmark = pytest.mark.django_db


def a_late_commit(world, slow: Dossier, fast: Dossier, start) -> tuple[Dossier, Any]:
    """`slow` gets an event first (lower id) but commits after a checkpoint that sees `fast`'s event."""
    before = (slow.version, slow.last_event_hash)
    slow = move_on(world, slow)
    late_events = list(DossierEvent.objects.filter(dossier=slow, seq__gt=before[0]).values())
    head = (slow.version, slow.last_event_hash)
    move_on(world, fast)
    # Not committed yet as far as the next checkpoint can see: the rows and the head move are hidden.
    DossierEvent.objects.filter(pk__in=[e["id"] for e in late_events]).delete()
    Dossier.objects.filter(pk=slow.pk).update(version=before[0], last_event_hash=before[1])
    seen = make_checkpoint(at=start + timedelta(hours=2))
    # ... and now it commits, with the ids it was given before.
    DossierEvent.objects.bulk_create([DossierEvent(**e) for e in late_events])
    Dossier.objects.filter(pk=slow.pk).update(version=head[0], last_event_hash=head[1])
    return slow, seen


def test_the_overlap_records_the_late_commit(world, seal):
    slow, fast = register(world, 2)
    start = now() - timedelta(days=1)
    make_checkpoint(at=start)
    slow, seen = a_late_commit(world, slow, fast, start)

    made = make_checkpoint(at=start + timedelta(hours=2, minutes=10))

    assert [leaf.dossier_id for leaf in iter_leaves(seen.path)] == [fast.pk]
    assert [(leaf.dossier_id, leaf.version) for leaf in iter_leaves(made.path)] == [(slow.pk, slow.version)]


def test_without_the_overlap_it_would_be_missed(world, seal, settings):
    settings.MOTCUA_ANCHOR_OVERLAP_MINUTES = 0
    slow, fast = register(world, 2)
    start = now() - timedelta(days=1)
    make_checkpoint(at=start)
    a_late_commit(world, slow, fast, start)

    made = make_checkpoint(at=start + timedelta(hours=2, minutes=10))

    assert list(iter_leaves(made.path)) == []
