"""Finding dossiers by who applied: a name typed without accents, a phone number, an ID number.

One reading of what an officer or a citizen types, shared by the back-office worklists and the
portal's "Hồ sơ của tôi"; it only narrows a list the caller has already limited to what the person
may see (it never widens it). Names are matched on a folded copy kept on the dossier
(`applicant_folded`, as the catalogue keeps `search_folded`), phones on their digits.
"""

from __future__ import annotations

import re

from django.db.models import Q

from motcua.accounts.identifiers import normalise_phone
from motcua.core.text import fold

MAX_QUERY = 100  # longer than any name, phone or ID an applicant has
_SEPARATORS = re.compile(r"[\s.\-()]")
_NON_DIGITS = re.compile(r"\D")
ID_LENGTHS = (9, 12)  # the old identity card, the citizen identity card / personal ID number


def folded_applicant(name: str, organisation_name: str = "") -> str:
    """What a name search reads: the applicant's and the organisation's names, folded."""
    return fold(f"{name} {organisation_name}")


def phone_digits(phone: str) -> str:
    """'+84 912.345.678' -> '0912345678': the number as dialled in Vietnam, digits only."""
    return _NON_DIGITS.sub("", normalise_phone(phone or ""))


def applicant_matches(query: str | None) -> Q | None:
    """The condition for `query`, or None when there is nothing to search for.

    Digits only (spaces, dots, dashes and a leading +84 allowed): 9 or 12 digits are an ID number,
    matched exactly; anything else a phone number, matched on its digits. Otherwise every word of
    the folded query must begin a word of the folded name, so 'nguyen thi hoa' and 'hoa' find
    'Nguyễn Thị Hoa' while 'an' does not find 'Văn'.
    """
    text = (query or "").strip()[:MAX_QUERY]
    if not text:
        return None
    bare = _SEPARATORS.sub("", text)
    if bare.lstrip("+").isdigit():
        if bare.isdigit() and len(bare) in ID_LENGTHS:
            return Q(applicant_id_number=bare)
        return Q(applicant_phone_digits=phone_digits(bare))
    words = fold(text).split()
    if not words:
        return None
    condition = Q()
    for word in words:
        condition &= Q(applicant_folded__startswith=word) | Q(applicant_folded__contains=f" {word}")
    return condition
