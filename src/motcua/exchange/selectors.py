"""Reads of the document exchange: examining a received message against the trust store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from motcua.signatures.selectors import known_intermediates, trust_roots

from . import edxml


@dataclass(frozen=True)
class Examination:
    """A received message read leniently, its signature checked, its business checks done."""

    reading: edxml.Reading
    signature: edxml.SignatureCheck | None
    problems: tuple[str, ...]  # why a clerk must refuse it (status 02); empty when it can be accepted

    @property
    def acceptable(self) -> bool:
        return not self.problems


def examine_incoming(
    data: bytes,
    *,
    recipient: str | None = None,
    require_signature: bool = True,
    at: datetime | None = None,
    limits: edxml.Limits = edxml.DEFAULT_LIMITS,
) -> Examination:
    """Lenient reading, signature verification against the trust store, then the business checks.

    Raises an `EdxmlError` when the message cannot be read at all (not edXML, hostile, broken);
    everything else becomes a problem in the examination.
    """
    reading = edxml.read(data, mode=edxml.ReadMode.LENIENT, limits=limits)
    problems = list(edxml.receipt_problems(reading, recipient=recipient))
    signature: edxml.SignatureCheck | None = None
    if reading.has_xmldsig or require_signature:
        try:
            signature = edxml.verify(
                data, trust_roots=trust_roots(), intermediates=known_intermediates(), at=at, limits=limits
            )
        except edxml.SignatureProblem as exc:
            # a signature that is there must be valid, even where none is required
            problems.append(exc.message)
    return Examination(reading=reading, signature=signature, problems=tuple(problems))
