"""What an applicant owes: the procedure version's standard fees, or what an exemption leaves.

Pure: it works on the rows it is given (`catalog.Fee`, `catalog.FeeExemption` or anything shaped
like them), so the portal, the back office, the bill look-up and the tests compute it the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol


class FeeRow(Protocol):
    pk: Any
    name: str
    amount: int
    note: str
    kind: str
    standard: bool


@dataclass(frozen=True)
class Line:
    name: str
    amount: int
    note: str = ""
    kind: str = "fee"  # "fee" (phí, LoaiPhiLePhi 1) or "charge" (lệ phí, 2)

    @property
    def amount_text(self) -> str:
        return money(self.amount)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "amount": self.amount, "note": self.note, "kind": self.kind}


@dataclass(frozen=True)
class Quote:
    lines: tuple[Line, ...] = ()
    exemption: str = ""  # the exemption applied, as the procedure words it
    exemptions: tuple[str, ...] = field(default=())  # every exemption the procedure allows

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def total_text(self) -> str:
        return money(self.total)


def _line(fee: FeeRow) -> Line:
    return Line(fee.name, int(fee.amount), fee.note, fee.kind)


def quote(fees: Iterable[FeeRow], exemptions: Iterable[Any] = (), *, exemption_id: Any = None) -> Quote:
    """The standard fees; with `exemption_id`, that exemption's reduced rate, or nothing for a full one.

    An unknown exemption id is ignored (the standard fees are owed).
    """
    fees = list(fees)
    exemptions = list(exemptions)
    described = tuple(e.description for e in exemptions)
    chosen = next((e for e in exemptions if exemption_id is not None and e.pk == exemption_id), None)
    if chosen is None:
        return Quote(tuple(_line(f) for f in fees if f.standard), "", described)
    reduced = next((f for f in fees if f.pk == chosen.reduced_fee_id), None)
    if reduced is None:
        return Quote((), chosen.description, described)
    # The reduced rate replaces the standard rows of the same kind.
    kept = tuple(_line(f) for f in fees if f.standard and f.kind != reduced.kind)
    return Quote((*kept, _line(reduced)), chosen.description, described)


def money(amount: int) -> str:
    """200000 -> '200.000 đ' (Vietnamese digit grouping)."""
    return f"{amount:,}".replace(",", ".") + " đ"
