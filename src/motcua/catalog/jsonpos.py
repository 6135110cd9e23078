"""Where a JSON value starts in its text, by JSON pointer: to name the line of a bad field.

`json` tells the line of a syntax error but forgets positions once a document is parsed. When a
parsed document turns out to be wrong at `/procedures/12/processing_time`, `line_of()` walks the
text once more, recording where every value starts, and answers the line of that pointer (or of
its nearest ancestor that exists, when the field is missing).
"""

from __future__ import annotations

import json
import re

# The decoder's own string scanner (C-accelerated); not in the type stubs.
scanstring = json.decoder.scanstring  # type: ignore[attr-defined]

_WS = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


def pointer(path: list[str | int] | tuple[str | int, ...]) -> str:
    """RFC 6901 JSON pointer of a path: ['procedures', 3, 'name'] -> '/procedures/3/name'."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def _positions(text: str) -> dict[str, int]:
    found: dict[str, int] = {}

    def value(index: int, at: str) -> int:
        index = _WS.match(text, index).end()  # type: ignore[union-attr]
        found[at] = index
        char = text[index : index + 1]
        if char == "{":
            index = _WS.match(text, index + 1).end()  # type: ignore[union-attr]
            if text[index : index + 1] == "}":
                return index + 1
            while True:
                index = _WS.match(text, index).end()  # type: ignore[union-attr]
                key, index = scanstring(text, index + 1)
                index = _WS.match(text, index).end() + 1  # type: ignore[union-attr]  # the colon
                index = value(index, at + pointer([key]))
                index = _WS.match(text, index).end()  # type: ignore[union-attr]
                if text[index] == "}":
                    return index + 1
                index += 1  # the comma
        if char == "[":
            index = _WS.match(text, index + 1).end()  # type: ignore[union-attr]
            if text[index : index + 1] == "]":
                return index + 1
            position = 0
            while True:
                index = value(index, at + pointer([position]))
                index = _WS.match(text, index).end()  # type: ignore[union-attr]
                position += 1
                if text[index] == "]":
                    return index + 1
                index += 1
        if char == '"':
            return scanstring(text, index + 1)[1]
        match = _SCALAR.match(text, index)
        if match is None:
            raise ValueError(index)
        return match.end()

    value(0, "")
    return found


def line_of(text: str, at: str) -> int:
    """The 1-based line where the value at pointer `at` starts (or its closest existing ancestor)."""
    try:
        json.loads(text)
        positions = _positions(text)
    except (ValueError, IndexError):
        return 1
    while at not in positions and at:
        at = at.rsplit("/", 1)[0]
    return text.count("\n", 0, positions.get(at, 0)) + 1
