"""Restoring last night's backup on the same machine: the checkpoints made since name versions the
backup does not have. That is allowed (the dossiers are *behind*, not edited), recorded in a signed
restore checkpoint, and the history verifies afterwards. A checkpoint made before the backup allows
nothing missing."""

from __future__ import annotations

import pytest

from motcua.dossiers.anchors.models import Checkpoint
from motcua.dossiers.anchors.record import iter_leaves, read_checkpoint
from motcua.dossiers.anchors.services import make_checkpoint
from motcua.dossiers.anchors.tests.support import move_on, register
from motcua.dossiers.anchors.tests.support import run as run_anchor
from motcua.dossiers.models import Dossier, DossierEvent

from .support import edit_archived_database, run, snapshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.usefixtures("sqlite_only")  # it restores into the test database
def test_the_lost_day_is_recorded_and_the_history_verifies(world, key_folder, seal, tmp_path):
    dossiers = register(world, 3)
    make_checkpoint()
    assert run("backup", "--output", str(tmp_path / "out")).code == 0
    archive = next((tmp_path / "out").glob("*.tar.gz"))
    kept = {d.pk: (d.version, d.last_event_hash) for d in Dossier.objects.all()}
    move_on(world, dossiers[0])  # after the backup: lost by the restore
    (newcomer,) = register(world, 1)
    make_checkpoint()

    restored = run("restore", str(archive), "--replace", "--no-safety-backup")

    assert restored.code == 0, restored.err
    assert "2 hồ sơ trong bản sao lưu cũ hơn điểm neo" in restored.out
    assert "Đã tạo điểm neo phục hồi số 3: 2 hồ sơ" in restored.out
    marker = read_checkpoint(seal.anchor_dir / "checkpoint-00000003.ckpt")
    assert marker.header.kind == "restore"
    assert archive.name in marker.header.note
    leaves = {leaf.dossier_id: (leaf.version, leaf.head) for leaf in iter_leaves(marker.path)}
    assert leaves == {dossiers[0].pk: kept[dossiers[0].pk], newcomer.pk: (0, "0" * 64)}
    assert list(Checkpoint.objects.order_by("seq").values_list("seq", "kind")) == [
        (1, "regular"),
        (2, "regular"),
        (3, "restore"),
    ]
    assert run_anchor("anchor", "--verify").code == 0

    # Life goes on: a different event at the version the lost day had used; then a newcomer takes
    # the lost dossier's id.
    move_on(world, Dossier.objects.get(pk=dossiers[0].pk))
    register(world, 1)
    assert run_anchor("anchor").code == 0
    verified = run_anchor("anchor", "--verify")
    assert verified.code == 0, verified.err


def test_a_version_missing_before_the_backup_is_not_allowed(world, key_folder, seal, tmp_path):
    dossiers = register(world, 2)
    target = move_on(world, dossiers[1])
    make_checkpoint()
    assert run("backup", "--output", str(tmp_path / "out")).code == 0
    archive = next((tmp_path / "out").glob("*.tar.gz"))

    def cut_last_event(alias: str) -> None:
        last = DossierEvent.objects.using(alias).get(dossier_id=target.pk, seq=target.version)
        DossierEvent.objects.using(alias).filter(pk=last.pk).delete()
        Dossier.objects.using(alias).filter(pk=target.pk).update(
            version=target.version - 1, last_event_hash=last.prev_hash
        )

    unsigned = edit_archived_database(archive, tmp_path / "cut.tar.gz", edit=cut_last_event, work=tmp_path)
    before = snapshot(key_folder)

    restored = run("restore", str(unsigned), "--replace", "--allow-unsigned")

    assert restored.code == 1
    assert f"Hồ sơ id {target.pk}: không còn sự kiện số {target.version} đã được neo" in restored.err
    assert snapshot(key_folder) == before
