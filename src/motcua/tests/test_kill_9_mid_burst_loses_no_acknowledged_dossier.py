"""kill -9 of `motcua serve` and of the task worker, three times each, during a burst of online
submissions through the API from four client threads that retry with the same `Idempotency-Key`:
every acknowledged dossier exists, no request made two, every event chain verifies, every task
enqueued ran. Real processes on a throw-away PostgreSQL database, so the test runs in the PostgreSQL
pass: a copy of the session's migrated template on that pass's server. The bigger run is
bench/kill_burst.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from motcua.tests.kill_burst import run
from motcua.tests.migrated_database import postgres_template, postgres_url

pytestmark = [pytest.mark.processes, pytest.mark.postgres]


def test_killed_server_and_worker_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    settings_dict = connection.settings_dict
    outcome = run(
        tmp_path,
        clients=4,
        per_client=8,
        kills=3,
        engine="postgres",
        server=postgres_url(settings_dict, settings_dict["NAME"]),
        template=postgres_template(settings_dict),
    )

    assert outcome.database == "postgres"
    assert outcome.server_kills == 3
    assert outcome.worker_kills == 3
    assert outcome.submissions >= 32
    assert len(outcome.acknowledged) == outcome.submissions
    assert outcome.problems == []
    assert outcome.check["dossiers"] == outcome.submissions
