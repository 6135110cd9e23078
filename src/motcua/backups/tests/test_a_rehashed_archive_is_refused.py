"""The inspector's case: a backup whose edited event was re-hashed up to the chain head, with its
manifest rewritten to match, restored with exit 0 and "every check passed" before checkpoints and
signed manifests. Now the manifest's signature refuses it, and without the signature
(--allow-unsigned) the checkpoints catch it; either way the live data is untouched."""

from __future__ import annotations

import pytest

from motcua.dossiers.anchors.services import make_checkpoint

from .support import forge, make_dossiers, run, snapshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def forged(world, key_folder, seal, tmp_path):
    dossiers = make_dossiers(world, count=3)
    make_checkpoint()
    made = run("backup", "--output", str(tmp_path / "out"))
    assert made.code == 0, made.err
    assert "Manifest đã được ký" in made.out
    archive = next((tmp_path / "out").glob("motcua-backup-*.tar.gz"))
    return archive, dossiers[1]


def test_the_rewritten_manifest_no_longer_matches_its_signature(forged, key_folder, tmp_path):
    archive, target = forged
    spoiled = forge(
        archive, tmp_path / "forged.tar.gz", dossier_id=target.pk, work=tmp_path, drop_signature=False
    )
    before = snapshot(key_folder)

    refused = run("restore", str(spoiled), "--replace", "--allow-unsigned")

    assert refused.code == 2
    assert "không khớp với nội dung" in refused.err
    assert snapshot(key_folder) == before


def test_without_its_signature_the_archive_is_refused(forged, key_folder, tmp_path):
    archive, target = forged
    spoiled = forge(
        archive, tmp_path / "forged.tar.gz", dossier_id=target.pk, work=tmp_path, drop_signature=True
    )
    before = snapshot(key_folder)

    refused = run("restore", str(spoiled), "--replace")

    assert refused.code == 2
    assert "CHƯA ĐƯỢC KÝ" in refused.err
    assert "--allow-unsigned" in refused.err
    assert snapshot(key_folder) == before


def test_allowed_unsigned_the_checkpoints_still_catch_it_and_nothing_changes(forged, key_folder, tmp_path):
    archive, target = forged
    spoiled = forge(
        archive, tmp_path / "forged.tar.gz", dossier_id=target.pk, work=tmp_path, drop_signature=True
    )
    before = snapshot(key_folder)

    restored = run("restore", str(spoiled), "--replace", "--allow-unsigned")

    assert restored.code == 1
    assert "CHƯA ĐƯỢC KÝ" in restored.err
    assert "0 bị lỗi" in restored.out  # the re-hashed chain passes the chain check on its own
    assert f"Hồ sơ id {target.pk}: sự kiện số {target.version} khác với điểm neo" in restored.err
    assert "KHÔNG phục hồi" in restored.err
    assert snapshot(key_folder) == before
    assert not (tmp_path / "data" / "backups").exists()  # not even a safety backup was needed


@pytest.mark.usefixtures("sqlite_only")  # on PostgreSQL: test_round_trip_postgres
def test_the_untouched_archive_restores(forged, key_folder, tmp_path):
    archive, _target = forged
    before = snapshot(key_folder)

    restored = run("restore", str(archive), "--replace", "--no-safety-backup")

    assert restored.code == 0, restored.err
    assert "Chữ ký của bản sao lưu hợp lệ" in restored.out
    assert "1 tệp, 0 lỗi; đối chiếu 3 lá: 0 sai khác" in restored.out
    assert snapshot(key_folder) == before
