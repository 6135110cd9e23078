"""Exchanged messages per second between two motcua instances: build, seal, send, receive, verify.

Two instances as separate processes on loopback (see bench/exchange_delivery.py). A queues N
documents with a 100 KB attachment each (building the edXML), its worker seals each with the
agency's seal and POSTs it over mutual TLS; B's inbox reads it leniently, verifies the signature
against its trust store, runs the business checks and stores it with its receipt 01, in one
transaction. The clock runs from the first document queued to the last one stored at B. Building
an unsigned message is measured in the same run, for scale.

Because the machine may be shared, the CPU time of the four processes (both servers, both
workers) is read from /proc as well: CPU per message is what the load of others does not change.
B answers every document with statuses 01 (received) and 03 (registered in the incoming register),
sealed and sent back to A: those are messages too, and the second set of figures counts them.

Usage: .venv/bin/python bench/exchange.py [N]      (default 300)
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from motcua.exchange import edxml
from motcua.exchange.tests import factories
from motcua.exchange.tests.two_instances import Instance, prepare, wait_until


def build_rate(count: int) -> float:
    doc = dataclasses.replace(
        factories.edoc(),
        attachments=(
            edxml.Attachment(edxml.new_content_id(), "a.pdf", os.urandom(100 * 1024), "application/pdf"),
        ),
    )
    edxml.build(doc)
    start = time.process_time()
    for _ in range(count):
        edxml.build(doc)
    return count / (time.process_time() - start)


def cpu_seconds(instances: tuple[Instance, ...]) -> float:
    """User + system CPU time so far of the instances' server and worker processes."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for instance in instances:
        for process in instance.processes.values():
            fields = Path(f"/proc/{process.pid}/stat").read_text().rpartition(")")[2].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        a, b = prepare(Path(tmp))
        try:
            b.start()
            time.sleep(3)
            start = time.perf_counter()
            a.command("send", str(count), "1", "100")
            queued = time.perf_counter() - start
            a.start()
            wait_until(lambda: b.count("inboxdocument") > 0, timeout=600, every=0.05)
            first = time.perf_counter()
            cpu_first = cpu_seconds((a, b))
            wait_until(lambda: b.count("inboxdocument") == count, timeout=3600, every=0.2)
            elapsed = time.perf_counter() - start
            steady = time.perf_counter() - first
            cpu_documents = cpu_seconds((a, b)) - cpu_first
            accepted = b.count("inboxdocument", "state='accepted'")
            # B answers each document with 01 (received) and 03 (registered): messages too
            wait_until(lambda: a.count("receivedstatus") >= 2 * count, timeout=3600, every=0.2)
            answered = time.perf_counter() - start
            cpu_all = cpu_seconds((a, b)) - cpu_first
            statuses = a.count("receivedstatus")
        finally:
            a.stop()
            b.stop()
    load = os.getloadavg()
    print(f"{count} documents with a 100 KB attachment, A -> B over mutual TLS, {os.cpu_count()} cores")
    print(f"load average during the run: {load[0]:.1f} (1 min), {load[1]:.1f} (5 min)")
    print(f"queued (built) in {queued:.1f} s, Django start included; all stored at B after {elapsed:.1f} s")
    print(f"exchanged: {count / elapsed:.1f} msg/s end to end (accepted {accepted}/{count})")
    print(
        f"from the first document stored to the last: {count / steady:.1f} documents/s, "
        f"{1000 * cpu_documents / count:.1f} ms CPU per document on the four processes"
    )
    print(
        f"with their statuses 01 and 03 back at A ({statuses}) after {answered:.1f} s: "
        f"{3 * count / (answered - (first - start)):.1f} messages/s "
        f"({count / (answered - (first - start)):.1f} documents/s), "
        f"{1000 * cpu_all / (3 * count):.1f} ms CPU per message, "
        f"i.e. {2 * 3 * count / cpu_all:.0f} messages/s on 2 otherwise idle cores"
    )
    print(f"building an unsigned message, same run: {build_rate(200):.0f} msg/s (one core)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
