"""The API's dossier read, its reads one by one against its reads sent together, in one process.

On a database that bench/http.py kept (`--keep` or `--reuse`: 1 million dossiers), under the
production settings, as the largest agency's leader: alternately, `reading_for` (the dossier's row,
then the reader's posts) followed by the four reads of the whole view one by one, and
`whole_reading_for` (the row, then the posts and the four reads in one round trip on PostgreSQL:
`core.prepared.all_together`). Prints per round the wall time, this process's CPU time and the
PostgreSQL server process's CPU time per read (from /proc; same machine).

Usage: .venv/bin/python bench/reads_together.py postgres://postgres@127.0.0.1:5432/NAME_http [N] [ROUNDS]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from http_load import BIG_AGENCY, server_environment


def main(database_url: str, count: int, rounds: int) -> None:
    os.environ.update(server_environment(database_url, Path(tempfile.mkdtemp(prefix="motcua-reads-"))))
    import django

    django.setup()
    from django.db import connection

    from motcua.accounts.models import User
    from motcua.api.serializers import ATTACHMENT_COLUMNS
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.permissions import workflow_of
    from motcua.dossiers.selectors.reading import (
        attachment_rows,
        detail_events,
        reading_for,
        results_newest_first,
        whole_reading_for,
    )

    leader = User.objects.get(username="lanhdao")
    code = (
        Dossier.objects.filter(receiving_agency__code=BIG_AGENCY, state="processing")
        .order_by("pk")
        .values_list("code", flat=True)[0]
    )

    def one_by_one() -> None:
        dossier = reading_for(leader, code).dossier
        results_newest_first(dossier)
        detail_events(dossier)
        attachment_rows(dossier, ATTACHMENT_COLUMNS)
        workflow_of(dossier.procedure_version_id)

    def together() -> None:
        whole_reading_for(leader, code, ATTACHMENT_COLUMNS)

    def server_cpu() -> float:
        fields = Path(f"/proc/{connection.connection.info.backend_pid}/stat").read_text().rsplit(")", 1)[1]
        user, system = fields.split()[11:13]
        return (int(user) + int(system)) / os.sysconf("SC_CLK_TCK")

    def measure(read: Callable[[], None]) -> str:
        for _ in range(50):  # prepared on this connection, caches warm
            read()
        server, cpu, wall = server_cpu(), time.process_time(), time.perf_counter()
        for _ in range(count):
            read()
        wall, cpu, server = time.perf_counter() - wall, time.process_time() - cpu, server_cpu() - server
        per = 1000 / count
        return f"{wall * per:6.3f} ms wall {cpu * per:6.3f} ms CPU {server * per:6.3f} ms PostgreSQL"

    print(f"database: {connection.vendor}; {count} reads each, {rounds} rounds")
    for _ in range(rounds):
        print(f"  one by one: {measure(one_by_one)}")
        print(f"  together:   {measure(together)}")


if __name__ == "__main__":
    main(
        sys.argv[1],
        int(sys.argv[2]) if len(sys.argv) > 2 else 2000,
        int(sys.argv[3]) if len(sys.argv) > 3 else 3,
    )
