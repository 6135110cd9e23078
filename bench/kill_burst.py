"""kill -9 during a burst, bigger than the CI test: `motcua serve` and `motcua worker` as real
processes on a throw-away database (PostgreSQL when reachable), client threads submitting online
dossiers through the API with an `Idempotency-Key` each and retrying after a lost answer, while the
server's process group and the worker are SIGKILLed and restarted in turn.

Prints what the clients saw (submissions, acknowledged, retries, kills, burst seconds) and what the
database holds afterwards (dossiers, tasks by status, e-mails received), with the problems found
(none expected: every acknowledged code exists, no duplicate, every chain verifies, every task ran).

Usage: .venv/bin/python bench/kill_burst.py [CLIENTS] [PER_CLIENT] [KILLS] [auto|postgres|sqlite]
       (default 8 clients x 40 submissions, 10 kills of each, auto)
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from motcua.tests.kill_burst import run


def main() -> None:
    clients = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    per_client = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    kills = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    engine = sys.argv[4] if len(sys.argv) > 4 else "auto"
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kill-burst-") as directory:
        outcome = run(Path(directory), clients=clients, per_client=per_client, kills=kills, engine=engine)
    report = {
        "database": outcome.database,
        "load_average_at_end": os.getloadavg(),
        "clients": clients,
        "submissions": outcome.submissions,
        "acknowledged": len(outcome.acknowledged),
        "retries": outcome.retries,
        "server_kills": outcome.server_kills,
        "worker_kills": outcome.worker_kills,
        "burst_seconds": round(outcome.seconds, 1),
        "total_seconds": round(time.monotonic() - started, 1),
        "dossiers": outcome.check.get("dossiers"),
        "tasks": outcome.check.get("tasks"),
        "mails": outcome.mails,
        "problems": outcome.problems,
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if outcome.problems:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
