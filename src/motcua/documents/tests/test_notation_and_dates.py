"""Decree 30 numbers and notations, the issue date and the presentation deadline (pure)."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from motcua.core.time import VN_TZ
from motcua.documents import numbering, templating


class Calendar:
    """Saturdays, Sundays and 30/04-01/05 off."""

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and (day.month, day.day) not in ((4, 30), (5, 1))


def test_examples_of_the_decree():
    assert numbering.notation(123, kind="decision", body="STP") == "123/QĐ-STP"
    assert numbering.notation(5, kind="decision", body="STP") == "05/QĐ-STP"
    assert numbering.notation(12, kind="reply", body="STP", unit="HCTP") == "12/STP-HCTP"
    assert numbering.abbreviate("Sở Tư pháp") == "STP"
    assert numbering.abbreviate("Ủy ban nhân dân") == "UBND"
    assert numbering.abbreviate("Sở Địa chính") == "SĐC"


@given(
    number=st.integers(min_value=1, max_value=10**6),
    kind=st.sampled_from(sorted(numbering.TYPE_ABBREVIATIONS)),
    body=st.text(min_size=1, max_size=40),
    unit=st.text(max_size=20),
)
def test_every_notation_has_the_decree_shape(number, kind, body, unit):
    text = numbering.notation(number, kind=kind, body=numbering.abbreviate(body), unit=unit)
    match = numbering.DOC_NUMBER.match(text)
    assert match is not None, text
    assert int(match.group("number")) == number
    assert len(match.group("number")) == max(2, len(str(number)))


def test_issue_on_signing_day_or_next_working_day():
    cal = Calendar()
    assert numbering.issue_due(date(2026, 3, 2), cal) == date(2026, 3, 3)  # Monday -> Tuesday
    assert numbering.issue_due(date(2026, 3, 6), cal) == date(2026, 3, 9)  # Friday -> Monday
    assert numbering.issue_due(date(2026, 4, 29), cal) == date(2026, 5, 4)  # over 30/04, 01/05


def test_presentation_same_or_next_working_day_urgent_at_once():
    cal = Calendar()
    friday = datetime(2026, 3, 6, 16, 0, tzinfo=VN_TZ)
    assert numbering.presentation_due(friday, cal, urgent=True) == friday
    assert numbering.presentation_due(friday, cal, urgent=False).date() == date(2026, 3, 9)


def test_templates_name_only_the_dossiers_fields():
    assert templating.problems("Cấp cho {{ ho_ten }}, sinh {{ tk.ngay_sinh }}") == []
    assert templating.problems("{{ dossier.owner.password }}")
    assert templating.problems("{{ __class__ }}")
    assert templating.problems("{% load x %}{{ ho_ten") != []
    text = templating.render(
        "Ông/Bà {{ ho_ten }} – {{ tk.so_luong }}", {"ho_ten": "Trần Thị Hoa"}, {"so_luong": 2}
    )
    assert text == "Ông/Bà Trần Thị Hoa – 2"


@given(st.text(max_size=200))
def test_rendering_never_leaks_anything_but_the_given_values(text):
    out = templating.render(text, {"ho_ten": "X"}, {})
    assert "{{" not in out or "{{" in templating.PLACEHOLDER.sub("", text)
