"""The JSON nesting check counts exactly, without recursing, and reads what json.loads reads."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.core.jsonlimits import JSONRefused, NotFinite, TooDeep, loads, nesting_depth

LIMIT = 64
scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
)
# Keys and strings full of the characters that could fool a scanner: brackets, quotes, backslashes.
tricky = st.text(alphabet='[]{}"\\,:abc \n\u00e0\u1ea1', max_size=12)
values = st.recursive(
    scalars | tricky,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(tricky, inner, max_size=4),
    max_leaves=40,
)


def depth(value: Any) -> int:
    """The nesting of a Python value, the obvious (recursive) way."""
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    return 0


def wrap(value: Any, levels: int, kinds: list[bool]) -> Any:
    for level in range(levels):
        value = [value] if kinds[level % len(kinds)] else {"k": value}
    return value


@given(value=values, extra=st.integers(0, 80), kinds=st.lists(st.booleans(), min_size=1, max_size=5))
@settings(max_examples=300, deadline=None)
def test_depth_is_exact_and_loads_agrees_with_json_within_the_limit(value, extra, kinds):
    nested = wrap(value, extra, kinds)
    text = json.dumps(nested, ensure_ascii=bool(extra % 2))

    assert nesting_depth(text) == depth(nested)
    if depth(nested) <= LIMIT:
        assert loads(text, max_depth=LIMIT) == json.loads(text)
    else:
        with pytest.raises(TooDeep):
            loads(text, max_depth=LIMIT)


@given(text=st.text(alphabet='[]{}"\\,:1 a', max_size=200))
@settings(max_examples=300, deadline=None)
def test_any_text_is_read_or_refused_never_a_crash(text):
    try:
        parsed = loads(text, max_depth=4)
    except ValueError:  # invalid JSON, too deep (JSONRefused is a ValueError too)
        return
    assert parsed == json.loads(text)
    assert depth(parsed) <= 4


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_twenty_thousand_levels_are_refused_not_a_crash(opening):
    text = opening * 20_000 + "1" + ("]" if opening == "[" else "}") * 20_000
    with pytest.raises(TooDeep) as refused:
        loads(text, max_depth=LIMIT)
    assert refused.value.message == "Dữ liệu JSON lồng nhau quá sâu (tối đa 64 cấp)."


@pytest.mark.parametrize("text", ["NaN", "[Infinity]", '{"a": -Infinity}', "1e999", "[-1e400]"])
def test_not_finite_numbers_are_refused(text):
    with pytest.raises(NotFinite):
        loads(text, max_depth=LIMIT)
    assert issubclass(NotFinite, JSONRefused)
