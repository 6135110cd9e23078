"""Where the time of one exchanged message goes, on each side, in process (no network).

Prepares the two instances of bench/exchange.py, then inside A queues N documents with a 100 KB
attachment and runs the outbox worker's pass with a sender that keeps the sealed bytes instead of
POSTing them; inside B receives those bytes through `receive_message` (lenient read, signature
verification against the trust store, business checks, store with receipt 01). Each side runs under
cProfile; the top functions by cumulative time are printed, and the TLS/HTTP leg is timed apart.

B receives in batches of BATCH messages (default 20, as the worker's chunks reach the batch inbox:
`receive_batch`, one transaction, the incoming register taking the batch after the commit);
BATCH=1 receives them one by one through `receive_message`, as the single-message inbox does.

Usage: .venv/bin/python bench/exchange_profile.py [N]      (default 100)
"""

from __future__ import annotations

import cProfile
import io
import os
import pickle
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def _profiled(label: str, function, count: int) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    profile = cProfile.Profile()
    profiling = os.environ.get("PROFILE", "1") != "0"  # PROFILE=0: plain CPU time, no profiler overhead
    start = time.perf_counter()
    cpu = time.process_time()
    with CaptureQueriesContext(connection) as queries:
        if profiling:
            profile.enable()
        function()
        if profiling:
            profile.disable()
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    out = io.StringIO()
    if profiling:
        pstats.Stats(profile, stream=out).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(
            int(os.environ.get("TOP", "35"))
        )
    print(f"== {label}: {count} messages in {elapsed:.2f} s, {1000 * elapsed / count:.1f} ms/message")
    statements = len(queries) / count
    print(f"   {1000 * cpu / count:.1f} ms CPU per message, {statements:.1f} SQL statements per message")
    if os.environ.get("SQL"):
        for query in queries.captured_queries[: int(os.environ["SQL"])]:
            print("   ", query["sql"][:160])
    print(out.getvalue())


def _side_a(count: int, directory: Path) -> None:
    import django

    django.setup()
    from motcua.exchange.services.delivery import deliver_due
    from motcua.exchange.tests.two_instances import _cmd_send

    start = time.perf_counter()
    _cmd_send(str(count), "1", "100")
    print(f"== A queued (built) {count} in {time.perf_counter() - start:.2f} s")
    captured: list[bytes] = []
    _profiled(
        "A: claim, seal, verify before sending, mark sent",
        lambda: deliver_due(limit=count, send=lambda message, payload: captured.append(payload)),
        count,
    )
    (directory / "payloads.pickle").write_bytes(pickle.dumps(captured))


def _side_b(count: int, directory: Path) -> None:
    import django

    django.setup()
    from motcua.exchange.models import InboxDocument, Peer
    from motcua.exchange.services import receive_batch, receive_message

    payloads = pickle.loads((directory / "payloads.pickle").read_bytes())
    peer = Peer.objects.get()

    batch = int(os.environ.get("BATCH", "20"))

    def receive_all() -> None:
        if batch <= 1:
            for data in payloads:
                receive_message(data, transport=Peer.Transport.DIRECT, peer=peer)
            return
        for offset in range(0, len(payloads), batch):
            for outcome in receive_batch(
                payloads[offset : offset + batch], transport=Peer.Transport.DIRECT, peer=peer
            ):
                assert outcome.error is None, outcome.error

    _profiled(f"B: read, verify, check, store with receipt 01 (batches of {batch})", receive_all, count)
    print("accepted", InboxDocument.objects.filter(state="accepted").count())


def main(count: int) -> None:
    from motcua.exchange.tests.two_instances import prepare

    with tempfile.TemporaryDirectory() as tmp:
        a, b = prepare(Path(tmp))
        for instance, side in ((a, "a"), (b, "b")):
            subprocess.run(
                [sys.executable, __file__, "--inside", side, str(count), tmp],
                env=instance.env,
                check=True,
            )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--inside":
        side, n, where = sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
        (_side_a if side == "a" else _side_b)(n, where)
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
