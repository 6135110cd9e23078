"""Exchanged messages per second between two motcua instances: build, seal, send, receive, verify.

Two instances as separate processes on loopback (see bench/exchange_delivery.py). A queues N
documents with a 100 KB attachment each (building the edXML), its worker seals each with the
agency's seal and POSTs it over mutual TLS; B's inbox reads it leniently, verifies the signature
against its trust store, runs the business checks and stores it with its receipt 01, in one
transaction. The clock runs from the first document queued to the last one stored at B. Building
an unsigned message is measured in the same run, for scale.

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
from motcua.exchange.tests.two_instances import prepare, wait_until


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
            wait_until(lambda: b.count("inboxdocument") == count, timeout=3600, every=0.2)
            elapsed = time.perf_counter() - start
            accepted = b.count("inboxdocument", "state='accepted'")
        finally:
            a.stop()
            b.stop()
    print(f"{count} documents with a 100 KB attachment, A -> B over mutual TLS, {os.cpu_count()} cores")
    print(f"queued (built) in {queued:.1f} s, Django start included; all stored at B after {elapsed:.1f} s")
    print(f"exchanged: {count / elapsed:.1f} msg/s end to end (accepted {accepted}/{count})")
    print(f"building an unsigned message, same run: {build_rate(200):.0f} msg/s (one core)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
