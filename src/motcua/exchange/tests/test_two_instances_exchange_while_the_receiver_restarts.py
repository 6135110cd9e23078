"""Two instances, separate processes on loopback: nothing lost, nothing twice, every status delivered.

The receiver is killed (SIGKILL) while documents are on their way and started again; copies of
delivered documents and statuses are sent again in a shuffled order, and the receiver queues its
statuses 03..06 in a random order. The sender must end with every document accepted once and, for
each, the receiver's full history with 06 as the latest. (1,000 documents: bench/exchange_delivery.py.)
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from motcua.exchange.tests.two_instances import prepare, wait_until

DOCUMENTS = 30


@pytest.mark.processes
def test_documents_and_statuses_survive_a_receiver_restart(tmp_path: Path, migrated_sqlite: Path) -> None:
    a, b = prepare(tmp_path, migrated_sqlite)
    try:
        a.start()
        b.start()
        a.command("send", str(DOCUMENTS))
        wait_until(lambda: b.count("inboxdocument") >= DOCUMENTS // 3, timeout=120, every=0.2)
        b.kill()  # mid-stream: some documents delivered, some on their way, receipts half sent
        time.sleep(2)
        b.start()
        assert wait_until(lambda: b.count("inboxdocument") == DOCUMENTS, timeout=180), b.report()

        b.command("progress")
        a.command("replay")  # every document again, shuffled
        done = wait_until(lambda: a.count("receivedstatus") == DOCUMENTS * 5, timeout=300, every=0.5)
        assert done, a.report()
        b.command("replay")  # every status again, shuffled (01s, 03..06)
        assert wait_until(lambda: b.count("outboxmessage", "state='pending'") == 0, timeout=60)
        time.sleep(1)

        sender, receiver = a.report(), b.report()
    finally:
        a.stop()
        b.stop()

    assert receiver["inbox"] == receiver["inbox_accepted"] == DOCUMENTS
    assert sender["statuses_by_code"] == dict.fromkeys(("01", "03", "04", "05", "06"), DOCUMENTS)
    assert set(sender["latest"].values()) == {"06"}
    assert len(sender["latest"]) == DOCUMENTS
    assert sender["outbox"] == {"sent": DOCUMENTS}
    assert receiver["outbox"] == {"sent": DOCUMENTS * 5}
