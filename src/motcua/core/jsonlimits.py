"""Reading JSON from strangers: bounded nesting, no NaN or Infinity.

Python's `json` recurses once per level of nesting, so a body of 20,000 brackets ends in a
RecursionError (a crash, not a refusal). `loads` measures the nesting first, without recursing,
and refuses what is deeper than the limit before `json` ever sees it.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

# A JSON string (escapes included) or one bracket. Strings are matched whole so that brackets
# inside them are not counted; the regular expression engine skips them without recursing.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_OPENING = frozenset("[{")


class JSONRefused(ValueError):
    """The text is not JSON we accept; `message` says why, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TooDeep(JSONRefused):
    def __init__(self, max_depth: int) -> None:
        super().__init__(f"Dữ liệu JSON lồng nhau quá sâu (tối đa {max_depth} cấp).")
        self.max_depth = max_depth


class NotFinite(JSONRefused):
    def __init__(self) -> None:
        super().__init__("Dữ liệu JSON không được chứa NaN hoặc Infinity.")


def nesting_depth(text: str, *, stop_above: int | None = None) -> int:
    """The deepest nesting of arrays and objects in `text`, counted without recursion.

    Exact for valid JSON. For invalid text it never counts less than `json` would descend before
    it finds the error, so a check on this number is a safe bound. With `stop_above`, counting
    stops as soon as the depth passes it.
    """
    depth = deepest = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in _OPENING:
            depth += 1
            if depth > deepest:
                deepest = depth
                if stop_above is not None and deepest > stop_above:
                    return deepest
        elif token[0] != '"':
            depth -= 1
    return deepest


def _refuse_constant(name: str) -> Any:
    raise NotFinite()


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 reads as infinity
        raise NotFinite()
    return value


def loads(text: str | bytes, *, max_depth: int) -> Any:
    """`json.loads` for untrusted text: JSONRefused when too deep or not finite, ValueError if invalid."""
    if isinstance(text, bytes | bytearray):
        text = text.decode("utf-8")
    if nesting_depth(text, stop_above=max_depth) > max_depth:
        raise TooDeep(max_depth)
    return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
