"""The signature worker pool: a worker that dies or hangs is replaced and only its own task fails;
a caller that finds every worker busy for too long is told so; a verification in a worker says
exactly what it says in-process."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from motcua.signatures.isolation import Busy, TimedOut, WorkerCrashed, WorkerPool
from motcua.signatures.testing.slow import dies, sleeps, worker_pid
from motcua.signatures.verification import verify_pdf, verify_pdf_isolated


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    workers = WorkerPool(2)
    yield workers
    workers.shutdown()


def test_a_crashed_worker_is_replaced():
    single = WorkerPool(1)
    try:
        before = single.run(worker_pid, timeout=30)

        with pytest.raises(WorkerCrashed):
            single.run(dies, timeout=30)

        after = single.run(worker_pid, timeout=30)
        assert after != before
        assert single.pids() == [after]
    finally:
        single.shutdown()


def test_a_hung_worker_is_stopped_and_the_others_go_on(pool):
    other: dict[str, int] = {}
    neighbour = threading.Thread(target=lambda: other.update(pid=pool.run(sleeps, 2.0, timeout=30)))
    neighbour.start()

    with pytest.raises(TimedOut):
        pool.run(sleeps, 60.0, timeout=1)

    neighbour.join()
    assert other["pid"] in pool.pids()  # the neighbour's worker finished its task and lives on
    assert pool.run(worker_pid, timeout=30) > 0  # and the hung one's place is taken again
    assert len(pool.pids()) <= 2


def test_a_caller_that_finds_every_worker_busy_is_told_so():
    single = WorkerPool(1)
    try:
        single.run(worker_pid, timeout=30)  # started
        holder = threading.Thread(target=lambda: single.run(sleeps, 2.0, timeout=30))
        holder.start()
        threading.Event().wait(0.3)

        with pytest.raises(Busy):
            single.run(worker_pid, timeout=30, wait=0.1)

        holder.join()
        assert single.run(worker_pid, timeout=30, wait=0.1) > 0
    finally:
        single.shutdown()


def test_a_verification_in_a_worker_says_what_it_says_in_process(signing):
    document = signing.document()

    here = verify_pdf(document, trust_roots=signing.roots, with_xml=False).to_dict()
    there = verify_pdf_isolated(document, trust_roots=signing.roots, with_xml=False, timeout=60).to_dict()

    here.pop("validated_at"), there.pop("validated_at")
    assert there == here
