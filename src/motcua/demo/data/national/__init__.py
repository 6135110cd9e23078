"""The national portal's published lists, as files (see README.md and LICENSE beside this module)."""

from __future__ import annotations

from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent
# In the order an import reads them: sectors and agencies first, then the procedures.
FILES = ("sectors.json", "agencies.json", "citizen-procedures.json", "business-procedures.json")


def paths() -> list[Path]:
    return [DIRECTORY / name for name in FILES]
