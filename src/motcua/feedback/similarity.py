"""Suggesting repeated feedback: overlap of the words of two folded texts (pure)."""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9]+")
# Words too common in feedback to say anything about its matter.
_STOP_WORDS = """
va cua cho la co khong duoc toi da de nghi phan anh kien nghi ve voi tai theo nhung cac mot nay
khi thi da se con den tu trong ra vao lam rat
"""
STOP = frozenset(_STOP_WORDS.split())
THRESHOLD = 0.3


def words(folded: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(folded) if len(w) > 1 and w not in STOP)


def similarity(a: str, b: str) -> float:
    """Jaccard index of the meaningful words of two folded texts, 0..1."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)
