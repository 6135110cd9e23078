"""With the stored files in an S3-compatible bucket, `motcua backup` archives every object and
`motcua restore` puts them back, same names, byte for byte (issue 12, item 2). Redis holds nothing a
backup needs: the sessions are in the database (cached_db), the cache is rebuilt, and queued tasks
are not kept by backups on either queue (docs/operations.md)."""

from __future__ import annotations

import json
import tarfile

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from .support import make_dossiers, run, snapshot

pytestmark = pytest.mark.django_db(transaction=True)


def _archive(tmp_path):  # type: ignore[no-untyped-def]
    made = run("backup", "--output", str(tmp_path / "out"))
    assert made.code == 0, made.err
    return next((tmp_path / "out").glob("motcua-backup-*.tar.gz"))


def test_the_archive_holds_every_object_of_the_bucket(object_storage, world, key_folder, tmp_path):
    make_dossiers(world)
    keys = object_storage.names()
    assert len(keys) == 4  # three attachments and a result, all in the bucket

    archive = _archive(tmp_path)

    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        assert sorted(m for m in manifest["members"] if m.startswith("media/")) == [
            f"media/{k}" for k in keys
        ]
        for key in keys:
            assert tar.extractfile(f"media/{key}").read() == object_storage.read(key)


# Decided before the test database is set up: on PostgreSQL test_round_trip_postgres restores (into a
# scratch database), and the files go back through the same storage calls whatever the engine.
@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="restores into the test database: SQLite only",
)
def test_restore_puts_the_objects_back(object_storage, world, key_folder, tmp_path):
    make_dossiers(world)
    before = snapshot(key_folder)
    archive = _archive(tmp_path)

    call_command("flush", interactive=False, verbosity=0)
    lost, spoiled = sorted(before.files)[0], sorted(before.files)[-1]
    default_storage.delete(lost)
    default_storage.delete(spoiled)
    default_storage.save(spoiled, ContentFile(b"not the original"))
    assert lost not in object_storage.names()

    restored = run("restore", str(archive), "--replace", "--no-safety-backup", "--allow-unsigned")

    assert restored.code == 0, restored.err
    assert "Phục hồi xong" in restored.out
    assert snapshot(key_folder) == before
    assert {key: object_storage.read(key) for key in object_storage.names()} == before.files
