"""Reads of the catalogue used by the portal, back office and API."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, overload

from django.db.models import Prefetch, Q, QuerySet, Subquery

from motcua.core.prepared import Prepared
from motcua.core.text import fold

from . import ranking
from .cache import changed_in_this_transaction
from .models import CatalogueRevision, Procedure, ProcedureVersion


class RankedProcedures:
    """Search results in rank order, read a page at a time (Django's and DRF's paginators take it).

    Ranking happens on a narrow list of (id, folded name, weight) rows; only the page shown is read
    whole, with its related rows, so the cost of a page does not grow with the number of matches.
    """

    def __init__(
        self, ids: list[int], queryset: QuerySet[Procedure], *, unknown_words: tuple[str, ...] = ()
    ) -> None:
        self.ids = ids
        self.queryset = queryset
        # Typed words that are no word of any procedure found (nor, for the last, the beginning
        # of one): likely typos, for which a typo-forgiving search may do better.
        self.unknown_words = unknown_words

    def __len__(self) -> int:
        return len(self.ids)

    def count(self) -> int:
        return len(self.ids)

    def exists(self) -> bool:
        return bool(self.ids)

    def prefetch_related(self, *lookups: str) -> RankedProcedures:
        return RankedProcedures(
            self.ids, self.queryset.prefetch_related(*lookups), unknown_words=self.unknown_words
        )

    @overload
    def __getitem__(self, index: int) -> Procedure: ...
    @overload
    def __getitem__(self, index: slice) -> list[Procedure]: ...
    def __getitem__(self, index: int | slice) -> Procedure | list[Procedure]:
        if isinstance(index, int):
            return self[index : index + 1 or None][0]
        ids = self.ids[index]
        rows = {p.pk: p for p in self.queryset.filter(pk__in=ids)}
        return [rows[pk] for pk in ids if pk in rows]

    def __iter__(self) -> Iterator[Procedure]:
        return iter(self[:])


def listed_procedures(
    sector_code: str | None = None, agency_code: str | None = None, online_level: str | None = None
) -> QuerySet[Procedure]:
    """Active procedures under the filters, including national entries not offered online yet."""
    procedures = Procedure.objects.filter(is_active=True)
    if sector_code:
        procedures = procedures.filter(sector__code=sector_code)
    if agency_code:
        versions = ProcedureVersion.objects.filter(
            Q(receiving_agencies__code=agency_code) | Q(competent_agency__code=agency_code)
        )
        procedures = procedures.filter(current_version__in=versions.values("pk"))
    if online_level:
        procedures = procedures.filter(current_version__online_level=online_level)
    return procedures


def search_procedures(
    query: str = "",
    *,
    sector_code: str | None = None,
    agency_code: str | None = None,
    online_level: str | None = None,
) -> RankedProcedures:
    """Procedures answering `query`, accents or not ('ly lich tu phap'), best first.

    Ranked by how well the name answers (catalog.ranking), then by national usage. Without a
    query: by national usage, then sector and code. Entries of the national lists that the province
    has not completed (no current version) are found too; pages show them as not offered online.
    """
    procedures = listed_procedures(sector_code, agency_code, online_level)
    page_rows = Procedure.objects.select_related(
        "sector", "current_version", "current_version__competent_agency"
    )
    typed = ranking.words(fold(query))
    if not typed:
        ids = list(
            procedures.order_by("-national_weight", "sector__name", "code").values_list("pk", flat=True)
        )
        return RankedProcedures(ids, page_rows)
    # Narrow in the database on the typed words long enough to be selective; rank the rest here.
    selective = [word for word in typed if len(word) >= 3] or typed
    narrowing = Q()
    for word in selective:
        narrowing |= Q(search_folded__contains=word)
    code = query.strip()
    scored: list[tuple[int, int, str, int]] = []
    unknown = set(typed)
    for pk, proc_code, name_folded, search_folded, weight in procedures.filter(
        narrowing | Q(code=code)
    ).values_list("pk", "code", "name_folded", "search_folded", "national_weight"):
        text = ranking.prepare(name_folded, search_folded)
        if unknown:
            unknown -= ranking.known(unknown, text, last=typed[-1])
        value = 10_000 if proc_code == code else ranking.score(typed, text)
        if value:
            scored.append((-value, -weight, proc_code, pk))
    scored.sort()
    if scored and scored[0][2] == code:
        unknown = set()
    return RankedProcedures(
        [row[3] for row in scored], page_rows, unknown_words=tuple(w for w in typed if w in unknown)
    )


def catalogue_entry(code: str) -> Procedure | None:
    """An active procedure of the national catalogue without a version yet; None for any other code."""
    return (
        Procedure.objects.select_related("sector")
        .filter(code=code, is_active=True, current_version=None)
        .first()
    )


def procedure_detail(code: str) -> Procedure:
    """A procedure with everything its current version says; raises Procedure.DoesNotExist."""
    version_qs = ProcedureVersion.objects.select_related("competent_agency").prefetch_related(
        "required_documents", "fees", "workflow_steps__unit", "receiving_agencies"
    )
    return (
        Procedure.objects.select_related("sector")
        .prefetch_related(Prefetch("versions", queryset=version_qs))
        .select_related("current_version__competent_agency")
        .get(code=code, is_active=True)
    )


def _current_and_revision(code: str) -> QuerySet[Any, tuple[int | None, str | None]]:
    revision = CatalogueRevision.objects.filter(pk=1).values("token")[:1]
    return (
        Procedure.objects.filter(code=code, is_active=True)
        .annotate(revision=Subquery(revision))
        .values_list("current_version_id", "revision")
    )


_CURRENT_AND_REVISION: Prepared[tuple[int | None, str | None]] = Prepared(_current_and_revision, code=str)
# code -> (version id, revision token, the version with its related rows); at most one per procedure.
_KEPT_VERSIONS: dict[str, tuple[int, str, ProcedureVersion]] = {}
MAX_KEPT_VERSIONS = 5000


def current_version(code: str) -> ProcedureVersion:
    """The version under which a new dossier for procedure `code` is filed, with its documents, fees,
    steps and receiving agencies.

    Every submission reads it. The process keeps the version it read, and gives it again while
    the procedure's current version and the catalogue's revision token (one prepared read) are
    those it was read under: a change of any row of the catalogue, committed by any process,
    changes the token. The object is shared between requests and threads: read it, never change it.
    """
    found = _CURRENT_AND_REVISION.first(code=code)
    if found is None or found[0] is None:
        raise ProcedureVersion.DoesNotExist(f"no current version of procedure {code}")
    version_id: int = found[0]
    revision = found[1]
    kept = _KEPT_VERSIONS.get(code)
    if kept is not None and revision is not None and kept[0] == version_id and kept[1] == revision:
        return kept[2]
    version = (
        ProcedureVersion.objects.select_related("procedure", "competent_agency")
        .prefetch_related("required_documents", "fees", "workflow_steps", "receiving_agencies")
        .get(pk=version_id)
    )
    # Not what a transaction that changed the catalogue reads: it may change more rows under the
    # token it wrote, and other processes must not see any of it before it commits.
    if revision is not None and not changed_in_this_transaction():
        if len(_KEPT_VERSIONS) >= MAX_KEPT_VERSIONS:
            _KEPT_VERSIONS.clear()
        # Read after the token: at worst newer rows under the older token, which is then replaced.
        _KEPT_VERSIONS[code] = (version_id, revision, version)
    return version
