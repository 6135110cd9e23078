"""Agency identification codes: the legacy 13-character layout and the short layout (section 12.1)."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from motcua.agencies.codes import is_valid_agency_code, validate_agency_code


@pytest.mark.parametrize("code", ["000.00.00.G22", "000.00.14.H20", "001.00.99.H44", "000.00.00.H41"])
def test_legacy_layout_is_valid(code):
    assert is_valid_agency_code(code)


@pytest.mark.parametrize("code", ["G09", "G09.20", "H37.02.02", "H37.DN.001", "H50.30.01"])
def test_short_layout_is_valid(code):
    assert is_valid_agency_code(code)


@pytest.mark.parametrize(
    "code", ["00.01.H03", "h37.02", "H3", "H37..02", "000.00.00.G2", "H37.02.02.01.05", "", "H37 02", "Đ01"]
)
def test_malformed_codes_are_refused(code):
    assert not is_valid_agency_code(code)


def test_refusal_message_is_vietnamese():
    with pytest.raises(ValidationError) as refused:
        validate_agency_code("G09.2")
    assert "không đúng định dạng" in refused.value.messages[0]


@given(st.text(max_size=20))
def test_validator_never_crashes_and_agrees(text):
    valid = is_valid_agency_code(text)
    try:
        validate_agency_code(text)
    except ValidationError:
        assert not valid
    else:
        assert valid
