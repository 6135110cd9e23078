"""How well a procedure's name answers what a citizen typed: pure, so that it is tested alone.

A citizen types a few words without accents ("cap doi giay phep lai xe") and means one of
thousands of long national names ("Đổi giấy phép lái xe"). Not every typed word need be in the
name: the more of them are, the more of them in a row, and the closer the name is to exactly what
was typed, the higher it ranks. The last word may be half typed (search as one types). Equal
relevance is decided by the national usage weight, outside this module.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9]+")
# National names often begin with "Thủ tục ..."; those two words say nothing about which one.
_NOISE_PREFIX = ("thu", "tuc")


def words(folded: str) -> list[str]:
    return _WORD.findall(folded)


def name_words(name_folded: str) -> list[str]:
    found = words(name_folded)
    if tuple(found[:2]) == _NOISE_PREFIX and len(found) > 2:
        return found[2:]
    return found


def minimum_matches(typed: int) -> int:
    """How many typed words a name must contain to be shown at all: most of them."""
    return max(1, (typed * 3 + 4) // 5)  # 1→1, 2→2, 3→2, 4→3, 5→3, 6→4


def covers(query: list[str], text: list[str]) -> bool:
    """Whether every typed word is in the text (the last one may be half typed)."""
    vocabulary = set(text)
    *whole, last = query
    return all(w in vocabulary for w in whole) and (
        last in vocabulary or any(w.startswith(last) for w in text)
    )


def score(query: list[str], name: list[str], other: set[str] | None = None) -> int:
    """0 when the name does not answer the query; higher is better.

    `query` and `name` are folded words; `other` the words of the code and sector, which count
    less than the name's.
    """
    if not query:
        return 0
    last = len(query) - 1
    vocabulary = set(name)
    hits = []
    for index, word in enumerate(query):
        if word in vocabulary:
            hits.append(True)
        elif index == last and len(word) >= 2 and any(w.startswith(word) for w in name):
            hits.append(True)  # still being typed
        else:
            hits.append(False)
    matched = sum(hits)
    weak = sum(1 for word, hit in zip(query, hits, strict=True) if not hit and other and word in other)
    if matched + weak < minimum_matches(len(query)) or matched == 0:
        return 0
    run = _longest_run(query, name)
    total = 100 * matched + 30 * weak + 60 * max(run - 1, 0)
    if name == query:
        total += 400
    elif name[: len(query)] == query:
        total += 150
    # Among names that answer equally, a short one says less that was not asked for; coarse bands,
    # so that names of about the same length are then ordered by national usage.
    extra = len(name) - matched
    return total - 25 * min(extra // 5, 4)


def _longest_run(query: list[str], name: list[str]) -> int:
    """The most typed words found one after another, in order, in the name."""
    best = 0
    for start in range(len(name)):
        for q_start in range(len(query)):
            length = 0
            while (
                start + length < len(name)
                and q_start + length < len(query)
                and name[start + length] == query[q_start + length]
            ):
                length += 1
            best = max(best, length)
    return best
