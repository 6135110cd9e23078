"""With MOTCUA_S3_QUARANTINE_BUCKET, an upload accepted unscanned while clamd is down is held in that
bucket, apart from the stored files, so that a worker on another host can rescan it (issue 12)."""

from __future__ import annotations

import uuid

from motcua.antivirus.models import QuarantinedFile
from motcua.antivirus.services import quarantine_storage, rescan_pending
from motcua.api.tests.factories import Province
from motcua.api.tests.support import submit_online
from motcua.core.testing import S3_TEST_ENV, bucket_keys, s3_client


def test_the_held_copy_is_an_object_of_the_quarantine_bucket(
    s3_server, settings, monkeypatch, world: Province, client_api, tmp_path
):  # type: ignore[no-untyped-def]
    from motcua.settings.base import s3_storage

    for name, value in {**S3_TEST_ENV, "MOTCUA_S3_ENDPOINT_URL": s3_server}.items():
        monkeypatch.setenv(name, value)
    bucket = f"motcua-quarantine-{uuid.uuid4().hex[:12]}"
    s3_client(s3_server).create_bucket(Bucket=bucket)
    settings.STORAGES = {**settings.STORAGES, "quarantine": s3_storage(bucket)}
    settings.MOTCUA_CLAMD = str(tmp_path / "down.sock")
    settings.MOTCUA_CLAMD_TIMEOUT = 1
    settings.MOTCUA_SCAN_WHEN_DOWN = "queue"
    settings.MOTCUA_QUARANTINE_ROOT = tmp_path / "quarantine"

    assert submit_online(client_api, world).status_code == 201

    held = QuarantinedFile.objects.get(status=QuarantinedFile.Status.PENDING)
    assert bucket_keys(s3_server, bucket) == [held.stored_name]
    assert not (tmp_path / "quarantine").exists()  # nothing on this host's disk
    assert quarantine_storage().size(held.stored_name) == held.size
    assert rescan_pending() == {"released": 0, "infected": 0, "still_pending": 1}
