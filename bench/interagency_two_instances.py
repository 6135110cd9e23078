"""An inter-agency dossier A→B→A between two motcua instances as separate processes.

Both instances run `motcua exchange serve` (mutual TLS) and `motcua exchange run` (the worker, which
seals with each agency's seal); each has its own SQLite database and catalogue. A files a dossier at
its counter and hands it to the stand-in of B's agency; B registers it, its officers process it with
their ordinary actions (forward, forward, attach, approve, issue, return); the result comes back;
A returns it to the citizen. Prints the times and what each side holds. Too slow for CI (two
migrated databases, four processes); the one-database test covers the same flow in CI.

Usage: .venv/bin/python bench/interagency_two_instances.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from motcua.exchange.tests.two_instances import prepare, wait_until
from motcua.interagency.tests.two_instances import count, run


def main() -> None:
    cpu0 = os.times()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        a, b = prepare(Path(tmp))
        run(a, "setup_a")
        run(b, "setup_b")
        prepared = time.perf_counter() - start
        try:
            a.start()
            b.start()
            t0 = time.perf_counter()
            code = run(a, "hand_over").strip()
            arrived = wait_until(
                lambda: count(b, "SELECT COUNT(*) FROM interagency_incomingdossier"), timeout=300, every=0.2
            )
            t_arrived = time.perf_counter() - t0
            assert arrived, run(b, "report")
            run(b, "process")
            resolved = wait_until(
                lambda: count(
                    a, f"SELECT COUNT(*) FROM dossiers_dossier WHERE code='{code}' AND state='resolved'"
                ),
                timeout=300,
                every=0.2,
            )
            t_back = time.perf_counter() - t0
            assert resolved, (run(a, "report", code), run(b, "report"))
            run(a, "return", code)
            wait_until(
                lambda: (
                    count(a, "SELECT COUNT(*) FROM exchange_outboxmessage WHERE state!='sent'") == 0
                    and count(b, "SELECT COUNT(*) FROM exchange_outboxmessage WHERE state!='sent'") == 0
                ),
                timeout=120,
                every=0.2,
            )
            origin, receiver = json.loads(run(a, "report", code)), json.loads(run(b, "report"))
        finally:
            a.stop()
            b.stop()
    cpu = os.times()
    print(json.dumps({"origin": origin, "receiver": receiver}, ensure_ascii=False, indent=1))
    print(
        f"prepare {prepared:.1f} s; hand-over → registered at B {t_arrived:.1f} s; "
        f"→ result resolved at A {t_back:.1f} s (including B's six actions as one process)"
    )
    children = cpu.children_user - cpu0.children_user + cpu.children_system - cpu0.children_system
    print(f"CPU of the instances' processes: {children:.1f} s")
    assert origin["state"] == "returned", origin
    assert origin["peer_statuses"] == ["01", "03", "05", "06"], origin
    assert receiver["incoming"]["origin_code"] == code
    assert all(state == "sent" for _, _, state in origin["outbox"] + receiver["outbox"])


if __name__ == "__main__":
    main()
