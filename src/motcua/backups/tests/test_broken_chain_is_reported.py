"""A dossier whose stored history was edited is named by the check of the scratch copy: exit 1,
nothing restored."""

from __future__ import annotations

import pytest
from django.db import connection

from motcua.backups import services as backup_services
from motcua.dossiers.models import DossierEvent

from .support import make_dossiers, run, snapshot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("sqlite_only")]


def test_an_edited_event_in_the_archive_is_named(world, key_folder, tmp_path):
    dossiers = make_dossiers(world, count=3)
    tampered = dossiers[1]
    event = DossierEvent.objects.get(dossier=tampered, seq=1)
    with connection.cursor() as cursor:  # as someone editing the database by hand would
        cursor.execute(
            f"UPDATE {DossierEvent._meta.db_table} SET payload = %s WHERE id = %s",
            ['{"edited": true}', event.pk],
        )
    assert run("backup", "--output", str(tmp_path / "out")).code == 0
    archive = next((tmp_path / "out").glob("*.tar.gz"))

    before = snapshot(key_folder)

    restored = run("restore", str(archive), "--replace", "--no-safety-backup", "--allow-unsigned")

    assert restored.code == 1
    assert tampered.code in restored.err
    assert "nội dung sự kiện đã bị sửa" in restored.err
    assert "3 hồ sơ: 1 bị lỗi" in restored.out
    assert dossiers[0].code not in restored.err
    assert "KHÔNG phục hồi" in restored.err
    assert snapshot(key_folder) == before  # checked before anything was replaced


def test_the_chain_check_can_be_skipped(world, key_folder, tmp_path):
    make_dossiers(world, count=1)
    assert run("backup", "--output", str(tmp_path / "out")).code == 0
    archive = next((tmp_path / "out").glob("*.tar.gz"))

    restored = run(
        "restore", str(archive), "--replace", "--no-safety-backup", "--skip-chain-check", "--allow-unsigned"
    )

    assert restored.code == 0, restored.err
    assert "Bỏ qua kiểm tra chuỗi" in restored.out


@pytest.mark.usefixtures("key_folder")
def test_the_chain_check_goes_in_chunks_and_reports_progress(world, monkeypatch):
    make_dossiers(world, count=3)
    monkeypatch.setattr(backup_services, "CHAIN_CHUNK", 2)
    monkeypatch.setattr(backup_services, "PROGRESS_EVERY", 2)
    seen: list[tuple[int, int]] = []

    checked, broken = backup_services.check_all_chains(
        progress=lambda done, total: seen.append((done, total))
    )

    assert (checked, broken) == (3, [])
    assert seen == [(2, 3)]
