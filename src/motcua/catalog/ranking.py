"""How well a procedure's name answers what a citizen typed: pure, so that it is tested alone.

A citizen types a few words without accents ("cap doi giay phep lai xe") and means one of
thousands of long national names ("Đổi giấy phép lái xe"). Not every typed word need be in the
name: the more of them are, the more of them in a row, and the closer the name is to exactly what
was typed, the higher it ranks. The last word may be half typed (search as one types). Equal
relevance is decided by the national usage weight, outside this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+")
# National names often begin with "Thủ tục ..."; those two words say nothing about which one.
_NOISE_PREFIX = ("thu", "tuc")


def words(folded: str) -> list[str]:
    return _WORD.findall(folded)


@dataclass(frozen=True)
class Text:
    """A procedure's folded name, prepared once for ranking: its words, as a set, and spaced."""

    name: tuple[str, ...]
    name_set: frozenset[str]
    spaced: str  # " w1 w2 ... ": " " + typed is in it when a word begins with what was typed
    other: frozenset[str]  # words of the code and sector


# Search as one types asks about the same few thousand names again and again: they are prepared
# once (keyed by the texts themselves, so an edited name is simply a new entry).
@lru_cache(maxsize=50_000)
def prepare(name_folded: str, search_folded: str = "") -> Text:
    found = words(name_folded)
    if tuple(found[:2]) == _NOISE_PREFIX and len(found) > 2:
        found = found[2:]
    name = tuple(found)
    return Text(
        name, frozenset(name), " " + " ".join(name), frozenset(words(search_folded)) - frozenset(name)
    )


def name_words(name_folded: str) -> tuple[str, ...]:
    return prepare(name_folded).name


def minimum_matches(typed: int) -> int:
    """How many typed words a name must contain to be shown at all: most of them."""
    return max(1, (typed * 3 + 4) // 5)  # 1→1, 2→2, 3→2, 4→3, 5→3, 6→4


def known(typed: set[str], text: Text, *, last: str) -> set[str]:
    """The typed words that are words of this text (the last one may be the beginning of one)."""
    found = {word for word in typed if word in text.name_set or word in text.other}
    if last in typed and last not in found and " " + last in text.spaced:
        found.add(last)
    return found


def score(query: list[str], text: Text) -> int:
    """0 when the name does not answer the query; higher is better.

    `query` holds the typed folded words; words found only in the code or sector count less than
    the name's.
    """
    if not query:
        return 0
    last = len(query) - 1
    name_set = text.name_set
    matched = weak = 0
    for index, word in enumerate(query):
        if word in name_set or (index == last and len(word) >= 2 and " " + word in text.spaced):
            matched += 1  # (the last word may still be being typed)
        elif word in text.other:
            weak += 1
    if matched == 0 or matched + weak < minimum_matches(len(query)):
        return 0
    name = text.name
    run = _longest_run(query, name)
    total = 100 * matched + 30 * weak + 60 * max(run - 1, 0)
    if len(name) == len(query) and list(name) == query:
        total += 400
    elif list(name[: len(query)]) == query:
        total += 150
    # Among names that answer equally, a short one says less that was not asked for; coarse bands,
    # so that names of about the same length are then ordered by national usage.
    extra = len(name) - matched
    return total - 25 * min(extra // 5, 4)


def _longest_run(query: list[str], name: list[str] | tuple[str, ...]) -> int:
    """The most typed words found one after another, in order, in the name."""
    best = 0
    for start, word in enumerate(name):
        if word not in query:
            continue
        for q_start, typed in enumerate(query):
            if typed != word:
                continue
            length = 1
            while (
                start + length < len(name)
                and q_start + length < len(query)
                and name[start + length] == query[q_start + length]
            ):
                length += 1
            best = max(best, length)
    return best
