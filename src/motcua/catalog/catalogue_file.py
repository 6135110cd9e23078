"""Reading catalogue files: our documented format strictly, the national portal's lists leniently.

Pure: bytes in, entries out, no database. Two kinds of file are understood:

* `motcua-catalogue/1` (docs/catalogue.md, schema in `catalogue.schema.json`): every field the
  national database of administrative procedures holds for a procedure. Checked strictly against
  the schema; the first fault is reported with its JSON pointer and line.
* the lists the National Public Service Portal publishes, exactly as they come: procedures
  (`TTHC_MA`, `NAME`, `ISNGANHDOC`, `WEIGHT`, `TYPE`), sectors (`ID`, `FIELD_NAME`) and agencies
  (`CODE`, `NAME`/`AGENCY_NAME`). Read leniently, as the reference asks of national data: numbers
  may come as strings or numbers, keys in any case, a byte-order mark, unknown keys, the list
  wrapped in `{"data": [...]}`. What cannot be understood (an entry without a code or a name, a
  weight that is not a number) refuses the file, with the pointer and line of the fault.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from motcua.agencies.codes import is_valid_agency_code
from motcua.core.errors import ValidationFailed

from .documents import may_be_omitted, replaceable_by_population_data
from .jsonpos import line_of, pointer

FORMAT = "motcua-catalogue/1"
MAX_BYTES = 50 * 1024 * 1024
CITIZEN, BUSINESS = "citizen", "business"
# `TYPE` (pObjectType) of the national lists: 1 citizens, 5 businesses.
_AUDIENCE_BY_TYPE = {"1": CITIZEN, "5": BUSINESS}
_WRAPPERS = ("data", "result", "items", "rows", "list")
_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,29}$")
_DIGITS = re.compile(r"^[+]?\d[\d.,_ ]*$")


class CatalogueFileError(ValidationFailed):
    """A file refused as a whole, saying where: file, line, JSON pointer of the field, and why."""

    code = "catalogue_file_invalid"

    def __init__(self, reason: str, *, at: str = "", line: int = 1, file: str = "") -> None:
        self.reason, self.at, self.line, self.file = reason, at, line, file
        where = f"{file}:" if file else ""
        field_part = f" (trường {at})" if at else ""
        super().__init__(f"{where}{line}: {reason}{field_part}", pointer=at, line=line)


@dataclass(frozen=True)
class FeeEntry:
    name: str
    amount: int
    note: str = ""


@dataclass(frozen=True)
class DocumentEntry:
    name: str
    copy_type: str = "original"
    count: int = 1
    mandatory: bool = True
    form: str = ""
    population_data: bool = False  # the population database's data may stand for it


@dataclass(frozen=True)
class Terms:
    """What a procedure version holds from the national database: enough to be offered online."""

    competent_agency: str
    receiving_agencies: tuple[str, ...]
    processing_time: int
    processing_time_unit: str
    online_level: str = "partial"
    fees: tuple[FeeEntry, ...] = ()
    fee_description: str = ""
    documents: tuple[DocumentEntry, ...] = ()
    legal_basis: str = ""
    steps: str = ""
    how_to_submit: str = ""
    conditions: str = ""
    result_description: str = ""
    applicant_kinds: str = ""


@dataclass(frozen=True)
class ProcedureEntry:
    """One procedure of a file; `terms` is None for an entry of the national lists (name only)."""

    code: str
    name: str
    at: str  # JSON pointer of the entry in its file
    sector: tuple[str, str] | None = None  # (code, name)
    weight: int | None = None
    vertically_managed: bool | None = None
    audiences: frozenset[str] = frozenset()
    terms: Terms | None = None
    file: str = ""


@dataclass(frozen=True)
class Catalogue:
    """What one or several files say, merged by code."""

    sectors: dict[str, str] = field(default_factory=dict)
    agencies: dict[str, str] = field(default_factory=dict)
    procedures: dict[str, ProcedureEntry] = field(default_factory=dict)
    # Entries skipped with a reason (e.g. a central agency whose code is not an agency code).
    warnings: list[str] = field(default_factory=list)
    # For naming the line of a fault found later (an unknown agency): the text of each file.
    texts: dict[str, str] = field(default_factory=dict)

    def error(self, reason: str, *, file: str, at: str) -> CatalogueFileError:
        return CatalogueFileError(reason, at=at, line=line_of(self.texts.get(file, ""), at), file=file)


# --- entry points ------------------------------------------------------------------------------


def read(data: bytes, *, name: str = "", into: Catalogue | None = None) -> Catalogue:
    """Read one file into `into` (a new catalogue by default); raises CatalogueFileError."""
    catalogue = into if into is not None else Catalogue()
    if len(data) > MAX_BYTES:
        raise CatalogueFileError(f"Tệp quá lớn (tối đa {MAX_BYTES // 1024 // 1024} MB).", file=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogueFileError("Tệp không phải văn bản UTF-8.", line=line, file=name) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogueFileError(
            f"Không phải JSON hợp lệ: {exc.msg} (cột {exc.colno}).", line=exc.lineno, file=name
        ) from None
    catalogue.texts[name] = text

    def fail(reason: str, at: str) -> CatalogueFileError:
        return CatalogueFileError(reason, at=at, line=line_of(text, at), file=name)

    if isinstance(document, dict) and "format" in document:
        _read_documented(document, catalogue, fail, name)
        return catalogue
    items, base = _unwrap(document)
    if items is None:
        raise fail(
            "Không nhận ra loại tệp: cần định dạng motcua-catalogue/1 "
            "hoặc một danh sách của Cổng DVC quốc gia.",
            "",
        )
    kind = _kind(items)
    for index, item in enumerate(items):
        at = f"{base}/{index}"
        if not isinstance(item, dict):
            raise fail("Mỗi phần tử của danh sách phải là một đối tượng JSON.", at)
        row = {str(k).strip().upper(): v for k, v in item.items()}
        if kind == "procedures":
            _merge(catalogue, _national_procedure(row, at, fail, name))
        elif kind == "sectors":
            code = _text(row, "ID", at, fail)
            catalogue.sectors[code] = _name(row, ("FIELD_NAME", "NAME"), at, fail, limit=255)
        else:
            code = _text(row, "CODE", at, fail)
            agency_name = _name(row, ("NAME", "AGENCY_NAME"), at, fail, limit=255)
            if is_valid_agency_code(code):
                catalogue.agencies[code] = agency_name
            else:
                catalogue.warnings.append(
                    f"{name}:{line_of(text, at)}: bỏ qua cơ quan “{agency_name}”: "
                    f"mã “{code}” không phải mã định danh."
                )
    return catalogue


def read_files(files: list[tuple[str, bytes]]) -> Catalogue:
    """Read several files (name, bytes) into one catalogue, e.g. the citizens' and businesses' lists."""
    catalogue = Catalogue()
    for name, data in files:
        read(data, name=name, into=catalogue)
    return catalogue


# --- the national lists ------------------------------------------------------------------------


def _unwrap(document: Any) -> tuple[list[Any] | None, str]:
    if isinstance(document, list):
        return document, ""
    if isinstance(document, dict):
        for key, value in document.items():
            if str(key).lower() in _WRAPPERS and isinstance(value, list):
                return value, pointer([key])
    return None, ""


def _kind(items: list[Any]) -> str:
    for item in items:
        if isinstance(item, dict):
            keys = {str(k).strip().upper() for k in item}
            if "TTHC_MA" in keys or "MATTHC" in keys:
                return "procedures"
            if "FIELD_NAME" in keys:
                return "sectors"
            if "CODE" in keys:
                return "agencies"
            return "procedures"
    return "procedures"


def _text(row: dict[str, Any], key: str, at: str, fail: Any) -> str:
    value = row.get(key)
    if isinstance(value, bool) or value is None:
        raise fail(f"Thiếu mã ({key}).", f"{at}/{key}")
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise fail(f"Thiếu mã ({key}).", f"{at}/{key}")
    return value.strip()


def _name(row: dict[str, Any], keys: tuple[str, ...], at: str, fail: Any, *, limit: int) -> str:
    for key in keys:
        value = row.get(key)
        if isinstance(value, str) and value.strip():
            if len(value) > limit:
                raise fail(f"Tên dài quá {limit} ký tự.", f"{at}/{key}")
            return value  # byte for byte: the national spelling is kept as published
    raise fail(f"Thiếu tên ({keys[0]}).", f"{at}/{keys[0]}")


def _number(row: dict[str, Any], key: str, at: str, fail: Any) -> int | None:
    value = row.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise fail(f"{key} phải là một số.", f"{at}/{key}")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and _DIGITS.match(value.strip()):
        number = int(re.sub(r"[^\d]", "", value))
    else:
        raise fail(f"{key} phải là một số nguyên không âm.", f"{at}/{key}")
    if number < 0:
        raise fail(f"{key} phải là một số nguyên không âm.", f"{at}/{key}")
    return number


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "co", "có", "yes")
    return bool(value)


def _national_procedure(row: dict[str, Any], at: str, fail: Any, file: str) -> ProcedureEntry:
    key = "MATTHC" if "MATTHC" in row and "TTHC_MA" not in row else "TTHC_MA"
    code = _text(row, key, at, fail)
    if not _CODE.match(code):
        raise fail(f"Mã thủ tục “{code}” không hợp lệ.", f"{at}/{key}")
    name = _name(row, ("NAME", "TENTTHC"), at, fail, limit=1000)
    audience = _AUDIENCE_BY_TYPE.get(str(row.get("TYPE", "")).strip())
    return ProcedureEntry(
        code=code,
        name=name,
        at=at,
        weight=_number(row, "WEIGHT", at, fail),
        vertically_managed=_flag(row["ISNGANHDOC"]) if "ISNGANHDOC" in row else None,
        audiences=frozenset({audience} if audience else ()),
        file=file,
    )


def _merge(catalogue: Catalogue, entry: ProcedureEntry) -> None:
    """The same code in the citizens' and the businesses' lists is one procedure for both."""
    earlier = catalogue.procedures.get(entry.code)
    if earlier is None or (earlier.terms is not None and entry.terms is None):
        if earlier is not None:  # a full entry keeps its terms; the list adds its audience and usage
            entry = replace(
                earlier,
                audiences=earlier.audiences | entry.audiences,
                weight=_max(earlier.weight, entry.weight),
            )
        catalogue.procedures[entry.code] = entry
        return
    catalogue.procedures[entry.code] = replace(
        entry,
        audiences=earlier.audiences | entry.audiences,
        weight=_max(earlier.weight, entry.weight),
        vertically_managed=entry.vertically_managed
        if entry.vertically_managed is not None
        else earlier.vertically_managed,
        terms=entry.terms or earlier.terms,
    )


def _max(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


# --- the documented format ---------------------------------------------------------------------


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of motcua-catalogue/1, as committed in the package."""
    text = resources.files("motcua.catalog").joinpath("catalogue.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


_MESSAGES = {
    "required": "thiếu trường bắt buộc",
    "type": "sai kiểu dữ liệu",
    "enum": "giá trị không nằm trong danh sách cho phép",
    "const": "giá trị không đúng",
    "additionalProperties": "có trường không được khai báo",
    "minLength": "không được để trống",
    "maxLength": "quá dài",
    "pattern": "không đúng định dạng",
    "minimum": "nhỏ hơn giá trị tối thiểu",
    "maximum": "lớn hơn giá trị tối đa",
    "dependentRequired": "thiếu trường đi kèm",
    "uniqueItems": "có giá trị lặp lại",
    "oneOf": "sai kiểu dữ liệu",
}


def _schema_fault(document: Any) -> tuple[str, str] | None:
    """The first fault in document order: (pointer, reason in Vietnamese)."""
    errors = list(Draft202012Validator(schema()).iter_errors(document))
    if not errors:
        return None
    error = min(errors, key=lambda e: [(isinstance(p, str), p) for p in e.absolute_path])
    at = pointer(list(error.absolute_path))
    reason = _MESSAGES.get(str(error.validator), "không hợp lệ")
    if error.validator in ("required", "dependentRequired", "additionalProperties"):
        names = re.findall(r"'([^']+)'", error.message)
        missing = names[0] if names else ""
        if error.validator == "additionalProperties":
            reason = f"{reason}: “{missing}”"
        elif missing:
            at = f"{at}/{missing}"
            reason = f"{reason} “{missing}”"
    elif error.validator == "type":
        reason = f"{reason}: cần {_TYPE_NAMES.get(str(error.validator_value), error.validator_value)}"
    return at, reason


_TYPE_NAMES = {
    "string": "chuỗi ký tự",
    "integer": "số nguyên",
    "array": "danh sách",
    "object": "đối tượng",
    "boolean": "true/false",
}


def _read_documented(document: dict[str, Any], catalogue: Catalogue, fail: Any, file: str) -> None:
    if document.get("format") != FORMAT:
        raise fail(f"Định dạng không được hỗ trợ; cần “{FORMAT}”.", "/format")
    fault = _schema_fault(document)
    if fault:
        raise fail(*reversed(fault))
    for sector in document.get("sectors", []):
        catalogue.sectors[sector["code"]] = sector["name"]
    for index, agency in enumerate(document.get("agencies", [])):
        if not is_valid_agency_code(agency["code"]):
            raise fail(f"Mã định danh “{agency['code']}” không đúng định dạng.", f"/agencies/{index}/code")
        catalogue.agencies[agency["code"]] = agency["name"]
    seen: set[str] = set()
    for index, item in enumerate(document["procedures"]):
        at = f"/procedures/{index}"
        if item["code"] in seen:
            raise fail(f"Mã thủ tục “{item['code']}” lặp lại trong tệp.", f"{at}/code")
        seen.add(item["code"])
        sector = item.get("sector")
        if sector:
            catalogue.sectors.setdefault(sector["code"], sector["name"])
        _merge(
            catalogue,
            ProcedureEntry(
                code=item["code"],
                name=item["name"],
                at=at,
                sector=(sector["code"], sector["name"]) if sector else None,
                weight=item.get("usage_weight"),
                vertically_managed=item.get("vertically_managed"),
                audiences=frozenset(item.get("audiences", ())),
                terms=_terms(item, at, fail),
                file=file,
            ),
        )


def _terms(item: dict[str, Any], at: str, fail: Any) -> Terms | None:
    if "processing_time" not in item:
        return None
    for key, code in [("competent_agency", item["competent_agency"])] + [
        (f"receiving_agencies/{i}", c) for i, c in enumerate(item.get("receiving_agencies", []))
    ]:
        if not is_valid_agency_code(code):
            raise fail(f"Mã định danh “{code}” không đúng định dạng.", f"{at}/{key}")
    legal = item.get("legal_basis", "")
    return Terms(
        competent_agency=item["competent_agency"],
        receiving_agencies=tuple(item.get("receiving_agencies") or [item["competent_agency"]]),
        processing_time=item["processing_time"]["value"],
        processing_time_unit=item["processing_time"]["unit"],
        online_level=item.get("online_level", "partial"),
        fees=tuple(FeeEntry(f["name"], f["amount"], f.get("note", "")) for f in item.get("fees", [])),
        fee_description=item.get("fee_description", ""),
        documents=tuple(
            DocumentEntry(
                d["name"],
                d.get("copy_type", "original"),
                d.get("count", 1),
                # A paper whose own name says it may be left out is never mandatory.
                d.get("mandatory", True) and not may_be_omitted(d["name"]),
                d.get("form", ""),
                d.get("population_data", replaceable_by_population_data(d["name"])),
            )
            for d in item.get("documents", [])
        ),
        legal_basis="\n".join(legal) if isinstance(legal, list) else legal,
        steps=item.get("steps", ""),
        how_to_submit=item.get("how_to_submit", ""),
        conditions=item.get("conditions", ""),
        result_description=item.get("result", ""),
        applicant_kinds=item.get("applicants", ""),
    )
