"""kill -9 of the sync worker while the portal holds its request: the rows stay pending, and the next
worker sends them once the lease is over. Real processes, one SQLite file, the sandbox on loopback."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from motcua.dvcqg.sandbox import Sandbox

pytestmark = pytest.mark.processes

LEASE = 3


def _rows(database) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    with sqlite3.connect(database) as db:
        return db.execute("SELECT state, attempts FROM dvcqg_syncoutbox ORDER BY event_seq").fetchall()


def test_a_worker_killed_mid_send_leaves_its_rows_to_the_next_one(tmp_path, migrated_sqlite):
    box = Sandbox().start()
    box.delay_next(60, then_record=False)  # the portal takes the request and never answers it
    instance = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "motcua.settings.test",
        "MOTCUA_DATA_DIR": str(tmp_path),
        "PYTHONWARNINGS": "ignore",
    }
    # The workers talk to the sandbox; the set-up (before it) queues rows without sending them.
    env = {**instance, **box.settings(), "MOTCUA_DVCQG_LEASE": str(LEASE), "MOTCUA_DVCQG_TIMEOUT": "120"}
    motcua = [sys.executable, "-m", "motcua.cli"]
    try:
        shutil.copyfile(migrated_sqlite, tmp_path / "motcua.sqlite3")  # the database `migrate` makes
        made = subprocess.run(
            [sys.executable, "-m", "motcua.dvcqg.tests.killed_worker", "setup"],
            env=instance,
            check=True,
            capture_output=True,
            text=True,
        )
        code = made.stdout.strip().splitlines()[-1]
        database = tmp_path / "motcua.sqlite3"
        assert _rows(database) == [("pending", 0), ("pending", 0)]

        worker = subprocess.Popen([*motcua, "dvcqg", "run", "--interval", "0.2"], env=env)
        deadline = time.monotonic() + 60
        while box.requests == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert box.requests == 1, "the worker never reached the portal"
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)

        assert code not in box.dossiers
        assert _rows(database) == [("pending", 0), ("pending", 0)]  # nothing lost, nothing marked

        time.sleep(LEASE + 0.5)
        done = subprocess.run(
            [*motcua, "dvcqg", "run", "--once"], env=env, check=True, capture_output=True, text=True
        )
        assert "đã đồng bộ 1 hồ sơ (2 sự kiện)" in done.stdout
        assert code in box.dossiers
        assert _rows(database) == [("sent", 0), ("sent", 1)]
    finally:
        box.stop()
