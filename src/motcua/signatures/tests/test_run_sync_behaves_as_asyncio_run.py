"""`pdfsign.run_sync` runs a coroutine as `asyncio.run` would (result, error, tasks left over
cancelled, no loop left running), without swapping the Ctrl-C handler, also inside a running loop."""

from __future__ import annotations

import asyncio
import functools
import signal
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from motcua.signatures.pdfsign import run_sync


def in_a_thread_without_a_loop(test: Callable[[], None]) -> Callable[[], None]:
    """Each test starts where no event loop runs: a worker's main thread may hold one (Playwright's
    sync API keeps its loop there once a browser test ran on that worker)."""

    @functools.wraps(test)
    def wrapper() -> None:
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(test).result()

    return wrapper


async def _answer() -> int:
    await asyncio.sleep(0)
    return 42


async def _fails() -> None:
    raise ValueError("hỏng")


@in_a_thread_without_a_loop
def test_result_and_error() -> None:
    assert run_sync(_answer()) == 42
    with pytest.raises(ValueError, match="hỏng"):
        run_sync(_fails())


@in_a_thread_without_a_loop
def test_tasks_left_over_are_cancelled_and_no_loop_keeps_running() -> None:
    cancelled: list[bool] = []

    async def forever() -> None:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled.append(True)
            raise

    async def leaves_a_task() -> str:
        asyncio.get_running_loop().create_task(forever())
        await asyncio.sleep(0)
        return "xong"

    assert run_sync(leaves_a_task()) == "xong"
    assert cancelled == [True]
    with pytest.raises(RuntimeError):
        asyncio.get_running_loop()


@in_a_thread_without_a_loop
def test_the_sigint_handler_is_left_alone() -> None:
    before = signal.getsignal(signal.SIGINT)
    seen: list[object] = []

    async def look() -> None:
        seen.append(signal.getsignal(signal.SIGINT))

    run_sync(look())

    assert seen == [before]
    assert signal.getsignal(signal.SIGINT) is before


@in_a_thread_without_a_loop
def test_inside_a_running_loop() -> None:
    async def outer() -> int:
        return run_sync(_answer())

    assert asyncio.run(outer()) == 42
