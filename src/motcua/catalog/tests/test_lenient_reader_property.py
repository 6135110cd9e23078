"""Property: the national lists are read leniently (numbers as strings, any key case, a BOM, extra
keys, a wrapper object) and the codes and names come out exactly as published; anything else is a
CatalogueFileError, never a crash."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.catalog.catalogue_file import CatalogueFileError, read

codes = st.from_regex(r"[123]\.0[0-9]{5}", fullmatch=True)
names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=80
).filter(lambda s: s.strip() != "")
weights = st.integers(min_value=0, max_value=10**9)


@st.composite
def rows(draw: st.DrawFn) -> tuple[dict[str, object], str, str, int]:
    code, name, weight = draw(codes), draw(names), draw(weights)
    key = draw(st.sampled_from(["TTHC_MA", "tthc_ma", " TTHC_MA "]))
    weight_value = draw(st.sampled_from([weight, str(weight), f" {weight} "]))
    row: dict[str, object] = {key: code, "NAME": name, "WEIGHT": weight_value}
    row["ISNGANHDOC"] = draw(st.sampled_from(["1", "0", 1, 0, True, False, None]))
    row["TYPE"] = draw(st.sampled_from(["1", "5", 1, 5, "", None]))
    if draw(st.booleans()):
        row["TOTAL_RECORDS"] = draw(st.integers(0, 9999))
    if draw(st.booleans()):
        row["SOMETHING_NEW"] = draw(st.text(max_size=5))
    return row, code, name, weight


@settings(max_examples=150, deadline=None)
@given(
    st.lists(rows(), min_size=1, max_size=8, unique_by=lambda r: r[1]),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
def test_lenient_reading_keeps_codes_and_names(entries, bom: bool, wrapped: bool, indent: bool) -> None:  # type: ignore[no-untyped-def]
    items = [row for row, *_ in entries]
    document: object = {"data": items, "total": len(items)} if wrapped else items
    data = json.dumps(document, ensure_ascii=False, indent=2 if indent else None).encode()
    if bom:
        data = b"\xef\xbb\xbf" + data

    catalogue = read(data, name="list.json")

    assert {code: (p.name, p.weight) for code, p in catalogue.procedures.items()} == {
        code: (name, weight) for _, code, name, weight in entries
    }


@settings(max_examples=200, deadline=None)
@given(
    st.binary(max_size=300)
    | st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=10),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(
                st.sampled_from(["TTHC_MA", "NAME", "WEIGHT", "format", "data", "CODE", "FIELD_NAME", "ID"]),
                children,
                max_size=4,
            )
        ),
        max_leaves=12,
    ).map(lambda d: json.dumps(d).encode())
)
def test_anything_else_is_a_refusal_with_a_line_never_a_crash(data: bytes) -> None:
    refusal: CatalogueFileError | None = None
    try:
        read(data, name="x.json")
    except CatalogueFileError as error:
        refusal = error
    if refusal is not None:
        assert refusal.line >= 1
        assert refusal.message.startswith("x.json:")
