"""kill -9 of `motcua serve` and of the task worker, three times each, during a burst of online
submissions through the API from four client threads that retry with the same `Idempotency-Key`:
every acknowledged dossier exists, no request made two, every event chain verifies, every task
enqueued ran. Real processes on a throw-away database (PostgreSQL when reachable). The bigger run is
bench/kill_burst.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from motcua.tests.kill_burst import run

pytestmark = pytest.mark.processes


def test_killed_server_and_worker_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    outcome = run(tmp_path, clients=4, per_client=8, kills=3)

    assert outcome.server_kills == 3
    assert outcome.worker_kills == 3
    assert outcome.submissions >= 32
    assert len(outcome.acknowledged) == outcome.submissions
    assert outcome.problems == []
    assert outcome.check["dossiers"] == outcome.submissions
