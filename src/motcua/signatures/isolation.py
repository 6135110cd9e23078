"""Run untrusted-input work (verifying an uploaded PDF) in a child process with a time limit.

A PDF can be built to make a parser loop or crawl; a thread cannot be stopped, a process can.
Each web process keeps a small pool of spawned workers (they import only pyHanko and this
package, not Django); a task that overruns its time is abandoned and the pool replaced.
"""

from __future__ import annotations

import atexit
import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.pool import Pool
from typing import Any, TypeVar

T = TypeVar("T")

_lock = threading.Lock()
_pool: Pool | None = None
WORKERS = 2


class TimedOut(Exception):
    """The task did not finish in time; its worker was stopped."""


def _get_pool() -> Pool:
    global _pool
    with _lock:
        if _pool is None:
            _pool = multiprocessing.get_context("spawn").Pool(processes=WORKERS, maxtasksperchild=500)
        return _pool


def _discard(pool: Pool) -> None:
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    pool.terminate()


def run_isolated(function: Callable[..., T], *args: Any, timeout: float) -> T:
    """function(*args) in a worker process; TimedOut after `timeout` seconds. Picklable in and out."""
    pool = _get_pool()
    pending = pool.apply_async(function, args)
    try:
        return pending.get(timeout)
    except multiprocessing.TimeoutError as exc:
        _discard(pool)
        raise TimedOut() from exc


def shutdown() -> None:
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.terminate()
        pool.join()


atexit.register(shutdown)
