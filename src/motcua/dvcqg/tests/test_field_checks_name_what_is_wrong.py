"""Property: the field-list check (shared by the sender and the sandbox) accepts every well-formed
body and names the field of every defect: a missing key, an unknown key, a wrong flag, a bad date."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from motcua.dvcqg import fields

LAYOUT = "dd/MM/yyyy HH:mm:ss"
DATES = st.builds(
    lambda d, h, m, s: f"{d.day:02d}/{d.month:02d}/{d.year:04d} {h:02d}:{m:02d}:{s:02d}",
    st.dates(),
    st.integers(0, 23),
    st.integers(0, 59),
    st.integers(0, 59),
)


def _value(name: str, kind: str) -> st.SearchStrategy[Any]:
    if kind == "date":
        return DATES if name in fields.REQUIRED else st.one_of(st.just(""), DATES)
    if kind == "flag":
        return st.sampled_from(sorted(fields.FLAGS[name]))
    if kind == "int":
        return st.integers(0, 10**9)
    if kind == "bool":
        return st.booleans()
    if name in fields.REQUIRED:
        return st.text(min_size=1, max_size=20)
    return st.text(max_size=20)


def _row(spec: dict[str, str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({name: _value(name, kind) for name, kind in spec.items()})


def _body() -> st.SearchStrategy[dict[str, Any]]:
    parts = {name: _value(name, kind) for name, kind in fields.DOSSIER.items() if kind != "list"}
    parts |= {name: st.lists(_row(spec), max_size=3) for name, spec in fields.ROWS.items()}
    return st.fixed_dictionaries(parts)


@given(_body())
def test_every_well_formed_body_passes(body):
    assert fields.problems(body, date_format=LAYOUT) == []


@given(_body(), st.sampled_from(sorted(fields.DOSSIER)))
def test_a_missing_field_is_named(body, name):
    del body[name]
    assert (name, "thiếu trường") in fields.problems(body, date_format=LAYOUT)


@given(_body(), st.text(min_size=1, max_size=10).filter(lambda k: k not in fields.DOSSIER))
def test_an_unknown_field_is_named(body, name):
    body[name] = "x"
    assert (name, "không có trong danh sách trường") in fields.problems(body, date_format=LAYOUT)


@given(_body(), st.sampled_from([".", ".x", "..", "MaHoSo."]))
def test_an_unknown_field_with_dots_keeps_its_name(body, name):
    body[name] = "x"
    assert (name, "không có trong danh sách trường") in fields.problems(body, date_format=LAYOUT)


@given(
    _body(), st.sampled_from(sorted(n for n, k in fields.DOSSIER.items() if k == "flag")), st.text(max_size=3)
)
def test_a_flag_outside_its_codes_is_named(body, name, value):
    body[name] = value
    named = [path for path, _reason in fields.problems(body, date_format=LAYOUT)]
    assert (name in named) == (value not in fields.FLAGS[name])


@given(_body(), st.sampled_from(sorted(n for n, k in fields.DOSSIER.items() if k == "date")))
def test_a_date_in_another_layout_is_named(body, name):
    body[name] = "20250303084000"  # yyyyMMddHHmmss where dd/MM/yyyy HH:mm:ss is configured
    assert name in [path for path, _reason in fields.problems(body, date_format=LAYOUT)]


@given(st.lists(_row(fields.ROWS["TaiLieuNop"]), min_size=1, max_size=3), st.data())
def test_a_defect_inside_a_list_row_names_its_position(rows, data):
    index = data.draw(st.integers(0, len(rows) - 1))
    rows[index]["DuocTaiSuDung"] = "3"
    body = data.draw(_body())
    body["TaiLieuNop"] = rows
    assert f"TaiLieuNop[{index}].DuocTaiSuDung" in [p for p, _r in fields.problems(body, date_format=LAYOUT)]
