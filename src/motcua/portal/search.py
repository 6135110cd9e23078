"""Finding a procedure from what a citizen types: missing accents always, small typos when needed.

The word search of the catalogue (`catalog.selectors.search_procedures`) already ignores accents.
When a typed word is no word of the catalogue, we try again forgiving typos: every typed word
must be close (a few letters added, missing, changed or swapped) to a word of the procedure's folded
name, code or sector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Case, IntegerField, QuerySet, Value, When

from motcua.catalog.models import Procedure
from motcua.catalog.selectors import RankedProcedures, listed_procedures, search_procedures
from motcua.core.text import fold

_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class SearchResult:
    procedures: RankedProcedures | QuerySet[Procedure]
    approximate: bool  # True when only the typo-forgiving search found something


def allowed_typos(word: str) -> int:
    if len(word) <= 2:
        return 0
    if len(word) <= 5:
        return 1
    return 2


def distance(a: str, b: str, limit: int) -> int:
    """Edit distance with swaps of neighbours (optimal string alignment), cut off above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def _closeness(word: str, vocabulary: set[str]) -> dict[str, int]:
    """Words of the vocabulary close enough to `word`, with how far they are."""
    limit = allowed_typos(word)
    close = {}
    for candidate in vocabulary:
        best = distance(word, candidate, limit)
        if len(candidate) > len(word) >= 4:  # a word being typed: compare with the beginning
            best = min(best, distance(word, candidate[: len(word)], limit))
        if best <= limit:
            close[candidate] = best
    return close


def find_procedures(
    query: str = "",
    *,
    sector_code: str | None = None,
    agency_code: str | None = None,
    online_level: str | None = None,
) -> SearchResult:
    filters = {"sector_code": sector_code, "agency_code": agency_code, "online_level": online_level}
    exact = search_procedures(query, **filters)
    words = _WORD.findall(fold(query))
    if not words or not exact.unknown_words:
        return SearchResult(exact, approximate=False)
    # A typed word is no word of the catalogue: perhaps a typo ("ly lihc tu phap").
    candidates = list(listed_procedures(**filters).values_list("pk", "search_folded"))
    texts = {pk: set(_WORD.findall(text)) for pk, text in candidates}
    vocabulary = set().union(*texts.values()) if texts else set()
    closeness = [_closeness(word, vocabulary) for word in words]
    scores: dict[int, int] = {}
    for pk, text_words in texts.items():
        total = 0
        for close in closeness:
            matched = [close[w] for w in text_words if w in close]
            if not matched:
                break
            total += min(matched)
        else:
            scores[pk] = total
    if not scores:
        return SearchResult(exact, approximate=False)
    ranked = sorted(scores, key=lambda pk: scores[pk])
    order = Case(*(When(pk=pk, then=Value(i)) for i, pk in enumerate(ranked)), output_field=IntegerField())
    found = (
        Procedure.objects.filter(pk__in=ranked)
        .select_related("sector", "current_version", "current_version__competent_agency")
        .order_by(order, "code")
    )
    return SearchResult(found, approximate=True)
