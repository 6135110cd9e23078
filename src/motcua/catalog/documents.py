"""What the name of a required document says about it: pure rules, no database."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# A trailing "(nếu có)": the pages show their own "nếu có" badge for optional documents, so the
# marker in the name would read twice ("... (nếu có) nếu có").
_OPTIONAL_MARKER = re.compile(r"\s*\(\s*nếu có\s*\)\s*$", re.IGNORECASE)
# Wording by which the procedure itself says a document may be left out.
_WAIVED = re.compile(r"\(\s*nếu có\s*\)|không phải nộp|không bắt buộc", re.IGNORECASE)


# Papers the national population database stands for: identity papers, and papers whose own name
# says the database's data replaces them.
_POPULATION_DATA = re.compile(
    r"thẻ căn cước|căn cước công dân|chứng minh nhân dân|\bCCCD\b|\bCMND\b|"
    r"cơ sở dữ liệu quốc gia về dân cư",
    re.IGNORECASE,
)


def replaceable_by_population_data(name: str) -> bool:
    """Whether the document's name makes it one the population database's data stands for."""
    return bool(_POPULATION_DATA.search(name or ""))


def may_be_omitted(name: str) -> bool:
    """Whether the document's own name says it is not always needed."""
    return bool(_WAIVED.search(name or ""))


def published_document(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A required document as the catalogue stores it.

    A document whose name says it may be left out is never mandatory (the ID-card scan that is
    "không phải nộp nếu thông tin đã được khai thác từ Cơ sở dữ liệu quốc gia về dân cư"), and
    the trailing "(nếu có)" leaves the name once `is_mandatory` carries it. An identity paper is
    replaced by population data unless the row says otherwise.
    """
    row = dict(doc)
    name = str(row.get("name", "")).strip()
    if may_be_omitted(name):
        row["is_mandatory"] = False
    if replaceable_by_population_data(name):
        row.setdefault("replaced_by_population_data", True)
    stripped = _OPTIONAL_MARKER.sub("", name)
    row["name"] = stripped if stripped and not row.get("is_mandatory", True) else name
    return row
