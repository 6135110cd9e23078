"""A stand-in for a PDF that makes the parser loop: used to test the verification time limit."""

from __future__ import annotations

import time
from typing import Any


def never_finishes(*args: Any) -> None:
    time.sleep(3600)
