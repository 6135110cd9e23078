"""Dossier codes follow section 3.3: agency code, reception date, daily sequence."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.dossiers import codes, services
from motcua.dossiers.codes import format_code, new_lookup_secret, secrets_match

from .factories import APPLICANT, FORM_DATA, vn

NEW_STYLE = re.compile(r"^[A-Z]\d{2}(?:\.[A-Z0-9]{2,3}){0,3}-\d{8}-\d{7}$")


@pytest.mark.parametrize("returning", [True, False], ids=["one upsert", "without RETURNING"])
def test_codes_count_per_agency_per_local_day(world, monkeypatch, returning):
    # SQLite before 3.35 has no RETURNING: the number is then made in three statements.
    monkeypatch.setattr(codes, "upsert_returns_rows", lambda: returning)

    def register(at):
        return services.register_at_counter(
            officer=world.intake,
            procedure_code=world.code,
            papers=services.originals_on_paper(world.code),
            applicant=APPLICANT,
            form_data=FORM_DATA,
            at=at,
        ).code

    first = register(vn(2025, 3, 3, 9, 0))
    second = register(vn(2025, 3, 3, 16, 0))
    # 00:30 on 4 March in Vietnam is still 3 March in UTC: the local date decides.
    third = register(vn(2025, 3, 4, 0, 30))
    assert first == f"{world.department.code}-20250303-0000001"
    assert second == f"{world.department.code}-20250303-0000002"
    assert third == f"{world.department.code}-20250304-0000001"
    assert all(NEW_STYLE.match(code) for code in (first, second, third))


def test_legacy_pattern_is_a_setting(world, settings):
    settings.MOTCUA_DOSSIER_CODE_PATTERN = "{agency}-{yy}{mm}{dd}-{seq:4}"
    code = services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        papers=services.originals_on_paper(world.code),
        applicant=APPLICANT,
        form_data=FORM_DATA,
        at=vn(2020, 7, 3, 9, 0),
    ).code
    assert code == f"{world.department.code}-200703-0001"


@given(seq=st.integers(min_value=1, max_value=9_999_999))
def test_format_code_pads_the_sequence(seq):
    code = format_code("{agency}-{yyyy}{mm}{dd}-{seq:7}", agency_code="G09.20", day=vn(2026, 6, 9), seq=seq)
    assert code == f"G09.20-20260609-{seq:07d}"


def test_lookup_secret_is_unambiguous_and_compared_case_insensitively():
    secret = new_lookup_secret()
    assert len(secret) == 6
    assert not set(secret) & set("01OIL")
    assert secrets_match(secret.lower(), secret)
    assert not secrets_match("", secret)
