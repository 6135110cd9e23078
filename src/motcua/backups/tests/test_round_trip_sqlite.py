"""Back up, lose or spoil the data, restore with --replace: rows, files, keys and chains come back."""

from __future__ import annotations

import json
import stat
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from motcua.accounts.models import User
from motcua.dossiers.events import verify_chain
from motcua.dossiers.models import Dossier

from .support import make_dossiers, run, snapshot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("sqlite_only")]


def test_backup_then_restore_brings_everything_back(world, key_folder, tmp_path):
    dossiers = make_dossiers(world)
    before = snapshot(key_folder)

    made = run("backup", "--output", str(tmp_path / "out"))
    assert made.code == 0, made.err
    archives = list((tmp_path / "out").glob("motcua-backup-*.tar.gz"))
    assert len(archives) == 1
    archive = archives[0]
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert not list((tmp_path / "out").glob(".*"))  # no partial archive, no scratch folder left
    assert str(archive) in made.out
    assert "3 hồ sơ" in made.out

    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert manifest["format_version"] == 2
    assert manifest["seal"]["unsigned"].startswith("Máy chủ chưa có con dấu số")  # no seal here
    assert manifest["engine"] == "sqlite"
    assert manifest["created_at"].endswith("+07:00")
    assert manifest["counts"] == before.counts
    assert manifest["migrations"]["dossiers"].startswith("0")
    assert "database/motcua.sqlite3" in manifest["members"]
    assert "keys/so-tu-phap.p12" in manifest["members"]
    assert {f"media/{name}" for name in before.files} <= set(manifest["members"])

    # Lose and spoil: every row, a stored file, a key; someone else's data in their place.
    call_command("flush", interactive=False, verbosity=0)
    User.objects.create(username="nguoi-la")
    first = next(iter(before.files))
    default_storage.delete(first)
    spoiled = sorted(before.files)[-1]
    default_storage.delete(spoiled)
    default_storage.save(spoiled, ContentFile(b"not the original"))
    (key_folder / "so-tu-phap.p12").write_bytes(b"changed")

    restored = run("restore", str(archive), "--replace", "--no-safety-backup", "--allow-unsigned")

    assert restored.code == 0, restored.err
    after = snapshot(key_folder)
    assert after.counts == before.counts
    assert after.usernames == before.usernames
    assert after.files == before.files  # same names, byte for byte
    assert after.keys == before.keys
    assert stat.S_IMODE((key_folder / "so-tu-phap.p12").stat().st_mode) == 0o600
    for dossier in Dossier.objects.filter(pk__in=[d.pk for d in dossiers]):
        assert verify_chain(dossier).ok
    assert "Đã kiểm tra chuỗi sự kiện của 3 hồ sơ: 0 bị lỗi." in restored.out
    assert "Phục hồi xong" in restored.out


def test_restore_into_an_empty_database_needs_no_replace(world, key_folder, tmp_path):
    make_dossiers(world, count=1)
    before = snapshot(key_folder)
    assert run("backup", "--output", str(tmp_path)).code == 0
    call_command("flush", interactive=False, verbosity=0)

    restored = run("restore", str(next(tmp_path.glob("motcua-backup-*.tar.gz"))), "--allow-unsigned")

    assert restored.code == 0, restored.err
    assert "an toàn" not in restored.out  # nothing was replaced, so no safety backup
    assert snapshot(key_folder).counts == before.counts
