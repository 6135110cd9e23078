"""`motcua dvcqg preview|resync|reconcile|run|retry`: what an operator types, and what they read."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from motcua.dvcqg.models import Reconciliation, SyncOutbox

from .lives import received, submitted


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("dvcqg", *args, stdout=out, stderr=err)
    except SystemExit as ended:
        return int(ended.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_preview_prints_the_body_that_would_be_sent_as_json(world):
    dossier = received(world)
    status, out, err = run("preview", dossier.code)
    assert (status, err) == (0, "")
    body = json.loads(out)
    assert body["MaHoSo"] == dossier.code
    assert body["TrangThaiHoSo"] == "2"
    assert "Trần Thị Hoa" in out  # Vietnamese as it is, not \\u escapes


def test_preview_of_an_unknown_code_says_so_in_vietnamese_and_exits_1(db):
    status, out, err = run("preview", "KHONG-CO-123")
    assert status == 1
    assert out == ""
    assert err.strip() == "Không có hồ sơ mã KHONG-CO-123."


@pytest.mark.processes
def test_preview_from_the_shell_shows_no_traceback(tmp_path, migrated_sqlite):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "motcua.settings.test",
        "MOTCUA_DATA_DIR": str(tmp_path),
        "PYTHONWARNINGS": "ignore",
    }
    shutil.copyfile(migrated_sqlite, tmp_path / "motcua.sqlite3")  # the database `migrate` makes
    done = subprocess.run(
        [sys.executable, "-m", "motcua.cli", "dvcqg", "preview", "H48-20250101-0000001"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "Không có hồ sơ mã H48-20250101-0000001." in done.stderr


def test_resync_queues_every_dossier_of_the_period_once(world):
    first = received(world)
    second = submitted(world)
    SyncOutbox.objects.update(state=SyncOutbox.State.SENT, sent_at=timezone.now())
    status, out, _err = run("resync", "--from", "2025-03-03", "--to", "2025-03-03")
    assert status == 0
    assert "Đã đưa 2 hồ sơ từ 03/03/2025 đến 03/03/2025" in out
    pending = SyncOutbox.objects.filter(state=SyncOutbox.State.PENDING, full=True)
    assert sorted(pending.values_list("dossier_id", flat=True)) == sorted([first.pk, second.pk])
    run("resync", "--from", "2025-03-03", "--to", "2025-03-03")  # again: still one row each
    assert SyncOutbox.objects.filter(state=SyncOutbox.State.PENDING).count() == 2
    with pytest.raises(CommandError, match="Ngày kết thúc"):
        run("resync", "--from", "2025-03-02", "--to", "2025-03-01")


def test_reconcile_compares_received_and_synced_counts_and_records_them(world, sandbox):
    from motcua.dvcqg import services

    synced = received(world)
    services.deliver_due()
    waiting = received(world)
    status, out, _err = run("reconcile", "--date", "2025-03-03")
    assert status == 0
    assert "tiếp nhận 2 hồ sơ, đã đồng bộ 1" in out
    assert waiting.code in out
    row = Reconciliation.objects.get(day=date(2025, 3, 3))
    assert (row.local_count, row.synced_count, row.missing) == (2, 1, [waiting.code])
    assert synced.code not in row.missing

    services.deliver_due()
    run("reconcile", "--date", "2025-03-03")  # the same day again: the record is brought up to date
    row = Reconciliation.objects.get(day=date(2025, 3, 3))
    assert (row.local_count, row.synced_count, row.missing) == (2, 2, [])


def test_run_once_delivers_and_retry_requeues_failed_rows(world, sandbox):
    dossier = received(world)
    status, out, _err = run("run", "--once")
    assert status == 0
    assert "đã đồng bộ 1 hồ sơ (2 sự kiện)" in out
    assert dossier.code in sandbox.dossiers
    SyncOutbox.objects.filter(dossier=dossier).update(state=SyncOutbox.State.FAILED)
    assert "Đã đưa 2 dòng" in run("retry")[1]
