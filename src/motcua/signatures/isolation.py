"""Signature work in a pool of worker processes: a time limit per task, and a core per worker.

Verifying an uploaded PDF runs untrusted input through pyHanko: a file can be built to make a
parser loop or crawl, and a thread cannot be stopped, a process can. Signing and verifying are
also CPU-bound Python, which one process runs on one core at a time. So each web process keeps a
pool of spawned workers (one per usable core by default, MOTCUA_SIGNATURE_WORKERS), each serving
one task at a time over its own pipe:

* a task that overruns its time limit gets `TimedOut`, and only its worker is killed and replaced;
  the other workers' tasks go on;
* a worker that dies during a task (a crash in a C library, the OOM killer) gives `WorkerCrashed`
  for that task, and a fresh worker takes its place for the next one;
* a worker is replaced after `MAX_TASKS` tasks (memory a parser kept);
* when every worker is busy, a caller waits for one at most `wait` seconds, then gets `Busy`
  (the public checker turns that into a 503 with a Vietnamese message, `throttling`).

Workers import only what the task's function needs (pyHanko and this package); they read neither
the database nor the request. Results are the same as in-process: the same function runs.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import queue
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

T = TypeVar("T")

MAX_TASKS = 500


class TimedOut(Exception):
    """The task did not finish in time; its worker was stopped (and will be replaced)."""


class WorkerCrashed(Exception):
    """The worker died during the task; a new one takes its place."""


class Busy(Exception):
    """Every worker stayed busy for as long as the caller was willing to wait."""


def usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _serve(conn: Connection) -> None:
    """A worker's loop: run (function, args), send back ("ok", value) or ("error", exception)."""
    while True:
        try:
            function, args = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            reply: tuple[str, Any] = ("ok", function(*args))
        except Exception as exc:  # the caller re-raises it
            reply = ("error", exc)
        try:
            conn.send(reply)
        except Exception as exc:  # an unpicklable result or exception
            conn.send(("error", RuntimeError(f"worker reply not picklable: {exc!r}")))


class _Worker:
    def __init__(self, context: Any) -> None:
        parent, child = context.Pipe()
        self.process: BaseProcess = context.Process(target=_serve, args=(child,), daemon=True)
        self.process.start()
        child.close()
        self.conn: Connection = parent
        self.tasks = 0

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)


class WorkerPool:
    """`size` worker processes, started when first needed, each one task at a time."""

    def __init__(self, size: int, *, max_tasks: int = MAX_TASKS) -> None:
        self.size = size
        self.max_tasks = max_tasks
        self._context = multiprocessing.get_context("spawn")
        # None stands for a worker not started yet (or replaced): the next taker starts one.
        self._idle: queue.LifoQueue[_Worker | None] = queue.LifoQueue()
        for _ in range(size):
            self._idle.put(None)
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def pids(self) -> list[int]:
        """The live workers' process ids (tests and the benchmark)."""
        with self._lock:
            return sorted(w.pid for w in self._all if w.pid is not None and w.process.is_alive())

    def run(self, function: Callable[..., T], *args: Any, timeout: float, wait: float | None = None) -> T:
        """function(*args) in a worker; TimedOut, WorkerCrashed, Busy or the function's own error."""
        try:
            worker = self._idle.get(timeout=wait) if wait is None or wait > 0 else self._idle.get_nowait()
        except queue.Empty as exc:
            raise Busy() from exc
        try:
            if worker is None or not worker.process.is_alive():
                worker = self._replace(worker)
            status, value = self._ask(worker, function, args, timeout)
            worker.tasks += 1
            if worker.tasks >= self.max_tasks:
                self._retire(worker)
                worker = None
        except BaseException:
            if worker is not None:
                self._retire(worker)
            worker = None
            raise
        finally:
            self._idle.put(worker)
        if status == "error":
            raise value
        return value  # type: ignore[no-any-return]

    def _ask(self, worker: _Worker, function: Callable[..., Any], args: Any, timeout: float) -> Any:
        try:
            worker.conn.send((function, args))
            if not worker.conn.poll(timeout):
                raise TimedOut()
            return worker.conn.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError) as exc:
            raise WorkerCrashed() from exc

    def _replace(self, old: _Worker | None) -> _Worker:
        if old is not None:
            self._retire(old)
        if self._closed:
            raise RuntimeError("worker pool shut down")
        worker = _Worker(self._context)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop()

    def shutdown(self) -> None:
        self._closed = True
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()


_lock = threading.Lock()
_pool: WorkerPool | None = None


def pool_size() -> int:
    """MOTCUA_SIGNATURE_WORKERS, or one worker per usable core."""
    from . import conf

    try:
        configured = conf.workers()
    except Exception:  # settings not configured: the pure functions outside Django
        configured = 0
    return configured if configured > 0 else usable_cores()


def get_pool() -> WorkerPool:
    global _pool
    with _lock:
        if _pool is None:
            _pool = WorkerPool(pool_size())
        return _pool


def run_isolated(function: Callable[..., T], *args: Any, timeout: float, wait: float | None = None) -> T:
    """function(*args) in this process's pool; see `WorkerPool.run`. Picklable in and out."""
    return get_pool().run(function, *args, timeout=timeout, wait=wait)


def shutdown() -> None:
    """Stop this process's workers (a new pool is made when next needed)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown()


atexit.register(shutdown)
