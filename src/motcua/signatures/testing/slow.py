"""A stand-in for a PDF that makes the parser loop: used to test the verification time limit."""

from __future__ import annotations

import time
from typing import Any


def never_finishes(*args: Any) -> None:
    time.sleep(3600)


def dies(*args: Any) -> None:
    """A worker that crashes mid-task (a C library's segfault, the OOM killer)."""
    import os

    os._exit(3)


def worker_pid(*args: Any) -> int:
    import os

    return os.getpid()


def sleeps(seconds: float) -> int:
    import os

    time.sleep(seconds)
    return os.getpid()
