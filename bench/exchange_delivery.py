"""1,000 documents between two motcua instances while the receiver is killed and restarted.

Two instances as separate processes on loopback (own SQLite databases, seals and TLS certificates,
mutual TLS): A sends N documents; B is killed with SIGKILL twice while they travel and started
again; every delivered document and every status is then sent again, shuffled; B's clerk moves
each document through 03..06 queued in random order. At the end: each document once in B's inbox,
and for each, at A, statuses 01, 03, 04, 05, 06 once each with 06 the latest.

Usage: .venv/bin/python bench/exchange_delivery.py [N]    (default 1000)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from motcua.exchange.tests.two_instances import prepare, wait_until


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        a, b = prepare(Path(tmp))
        try:
            a.start()
            b.start()
            start = time.perf_counter()
            a.command("send", str(count))
            for share in (3, 2):
                wait_until(lambda s=share: b.count("inboxdocument") >= count // s, timeout=1800, every=0.2)
                b.kill()
                time.sleep(2)
                b.start()
            wait_until(lambda: b.count("inboxdocument") == count, timeout=1800)
            delivered = time.perf_counter() - start
            b.command("progress")
            a.command("replay")
            wait_until(lambda: a.count("receivedstatus") == count * 5, timeout=3600, every=1)
            b.command("replay")
            total = time.perf_counter() - start
            sender, receiver = a.report(), b.report()
        finally:
            a.stop()
            b.stop()
    ok = (
        receiver["inbox"] == receiver["inbox_accepted"] == count
        and sender["statuses_by_code"] == dict.fromkeys(("01", "03", "04", "05", "06"), count)
        and set(sender["latest"].values()) == {"06"}
        and len(sender["latest"]) == count
    )
    print(
        f"{count} documents, receiver killed twice: delivered {delivered:.0f} s, all statuses {total:.0f} s"
    )
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.1f} (1 min), {load[1]:.1f} (5 min), {load[2]:.1f} (15 min)")
    print(f"receiver inbox {receiver['inbox']} ({receiver['inbox_accepted']} accepted), {receiver['outbox']}")
    print(f"sender statuses {sender['statuses_by_code']}, outbox {sender['outbox']}")
    print("none lost, none duplicated, every status delivered" if ok else "MISMATCH")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
