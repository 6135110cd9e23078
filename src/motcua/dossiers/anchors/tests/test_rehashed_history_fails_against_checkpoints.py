"""The inspector's case against the live database: an event edited and re-hashed up to the head passes
the chain check, but not the checkpoint comparison."""

from __future__ import annotations

import pytest

from motcua.dossiers.anchors.services import make_checkpoint
from motcua.dossiers.anchors.verification import verify_history
from motcua.dossiers.events import verify_chain
from motcua.dossiers.models import Dossier

from .support import move_on, register, rewrite_history

pytestmark = pytest.mark.django_db


def test_a_clean_history_passes(world, seal):
    dossiers = register(world, 3)
    make_checkpoint()
    move_on(world, dossiers[0])
    make_checkpoint()

    report = verify_history(seal.anchor_dir)

    assert report.ok, (report.files.problems, report.heads.mismatches, report.broken)
    assert len(report.files.files) == 2
    assert report.heads.leaves_checked == 4
    assert report.chains_checked == 3


def test_an_edited_and_rehashed_event_no_longer_matches_the_checkpoint(world, seal):
    dossiers = register(world, 3)
    target = move_on(world, dossiers[1])
    make_checkpoint()

    rewrite_history(target.pk, 1)

    assert verify_chain(Dossier.objects.get(pk=target.pk)).ok  # the chain alone cannot tell
    report = verify_history(seal.anchor_dir)
    assert not report.ok
    assert report.broken == []
    assert [(m.dossier_id, m.version) for m in report.heads.mismatches] == [(target.pk, target.version)]
    assert "đã bị sửa rồi băm lại" in report.heads.mismatches[0].reason


def test_checkpointing_the_rewritten_chain_again_does_not_launder_it(world, seal):
    """Every leaf is compared, not only the latest: a new checkpoint over the rewritten chain does
    not hide the older one."""
    dossiers = register(world, 2)
    recorded = dossiers[0].version
    make_checkpoint()
    rewrite_history(dossiers[0].pk, 1)
    move_on(world, dossiers[0])  # a new event on top, so the next checkpoint records the new head
    made = make_checkpoint()

    report = verify_history(seal.anchor_dir)

    assert made.row.leaves == 1
    assert [(m.dossier_id, m.version, m.checkpoint) for m in report.heads.mismatches] == [
        (dossiers[0].pk, recorded, 1)
    ]
