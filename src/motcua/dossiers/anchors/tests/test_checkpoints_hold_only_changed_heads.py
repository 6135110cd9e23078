"""A checkpoint holds the heads that changed since the previous ones, and links to the one before."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua.core.time import now
from motcua.dossiers.anchors.merkle import Leaf, merkle_root
from motcua.dossiers.anchors.models import Checkpoint
from motcua.dossiers.anchors.record import iter_leaves, read_checkpoint
from motcua.dossiers.anchors.services import make_checkpoint
from motcua.dossiers.models import Dossier

from .support import move_on, register

pytestmark = pytest.mark.django_db


def leaves(made) -> list[Leaf]:
    return list(iter_leaves(made.path))


def test_the_first_checkpoint_holds_every_head(world, seal):
    dossiers = register(world, 3)

    made = make_checkpoint()

    heads = [Leaf(d.pk, d.version, d.last_event_hash) for d in Dossier.objects.order_by("pk")]
    assert leaves(made) == heads
    assert [d.pk for d in dossiers] == [leaf.dossier_id for leaf in heads]
    header = read_checkpoint(made.path).header
    assert (header.seq, header.kind, header.previous, header.leaves) == (1, "regular", "", 3)
    assert header.root == merkle_root(heads).hex()
    assert header.agency == world.province.code
    assert made.signature.ok  # sealed
    assert made.signature.timestamp is not None  # and timestamped
    assert made.path.parent == seal.anchor_dir
    assert made.path.stat().st_mode & 0o777 == 0o444  # written once
    row = Checkpoint.objects.get()
    assert (row.seq, row.leaves, row.root, row.file_name) == (1, 3, header.root, made.path.name)
    assert row.signer == "Sở Tư pháp tỉnh Quảng Trị"


def test_the_next_ones_hold_only_what_changed(world, seal):
    dossiers = register(world, 3)
    first = make_checkpoint()
    moved = move_on(world, dossiers[2])

    second = make_checkpoint()
    third = make_checkpoint()

    assert leaves(second) == [Leaf(moved.pk, moved.version, moved.last_event_hash)]
    assert leaves(third) == []  # nothing changed: an empty checkpoint, still signed and linked
    assert read_checkpoint(second.path).header.previous == read_checkpoint(first.path).digest
    assert read_checkpoint(third.path).header.previous == read_checkpoint(second.path).digest
    assert [c.seq for c in Checkpoint.objects.order_by("seq")] == [1, 2, 3]


def test_a_day_later_only_the_day_is_scanned(world, seal):
    """Beyond the overlap, the scan starts at the previous checkpoint's watermark, not at the start."""
    dossiers = register(world, 3)
    start = now()
    make_checkpoint(at=start - timedelta(days=2))
    make_checkpoint(at=start - timedelta(days=1))
    moved = move_on(world, dossiers[0])

    made = make_checkpoint(at=start)

    header = read_checkpoint(made.path).header
    assert header.scanned_after > 0
    assert leaves(made) == [Leaf(moved.pk, moved.version, moved.last_event_hash)]


def test_a_head_that_changed_without_a_new_event_is_left_out_and_reported(world, seal):
    """Within the overlap the previous heads are scanned again: one changed in place is not recorded."""
    dossiers = register(world, 3)
    make_checkpoint()
    move_on(world, dossiers[1])
    Dossier.objects.filter(pk=dossiers[0].pk).update(last_event_hash="f" * 64)  # edited by hand
    Dossier.objects.filter(pk=dossiers[2].pk).update(version=dossiers[2].version - 1)

    made = make_checkpoint()

    assert [leaf.dossier_id for leaf in leaves(made)] == [dossiers[1].pk]
    assert [(a.dossier_id, a.reason) for a in made.alarms] == [
        (dossiers[0].pk, "đầu chuỗi đổi mà không có sự kiện mới"),
        (dossiers[2].pk, "phiên bản lùi lại so với điểm neo"),
    ]
