"""What an applicant owes is computed from the procedure version: its standard rows, or what an
exemption leaves (a reduced rate in place of the standard one, or nothing)."""

from __future__ import annotations

from types import SimpleNamespace as Row

from hypothesis import given
from hypothesis import strategies as st

from motcua.payments.fees import money, quote

BASE = Row(
    pk=1, name="Phí cung cấp thông tin lý lịch tư pháp", amount=200_000, note="", kind="fee", standard=True
)
REDUCED = Row(pk=2, name="Phí (sinh viên...)", amount=100_000, note="", kind="fee", standard=False)
EXTRA = Row(pk=3, name="Phí cấp thêm Phiếu", amount=5_000, note="", kind="fee", standard=False)
STUDENTS = Row(pk=10, description="Sinh viên, người có công", reduced_fee_id=2)
CHILDREN = Row(pk=11, description="Trẻ em, người cao tuổi", reduced_fee_id=None)
JUDICIAL_RECORD = ([BASE, REDUCED, EXTRA], [STUDENTS, CHILDREN])


def test_the_judicial_record_costs_200_000_dong():
    q = quote(*JUDICIAL_RECORD)
    assert q.total == 200_000
    assert [line.name for line in q.lines] == [BASE.name]
    assert q.exemptions == ("Sinh viên, người có công", "Trẻ em, người cao tuổi")
    assert money(q.total) == "200.000 đ"


def test_a_reduction_replaces_the_standard_rate():
    q = quote(*JUDICIAL_RECORD, exemption_id=10)
    assert q.total == 100_000
    assert q.exemption == "Sinh viên, người có công"


def test_an_exemption_leaves_nothing_to_pay():
    q = quote(*JUDICIAL_RECORD, exemption_id=11)
    assert q.total == 0
    assert q.lines == ()


def test_an_unknown_exemption_is_the_standard_fee():
    assert quote(*JUDICIAL_RECORD, exemption_id=999).total == 200_000


def test_the_seeded_judicial_record_procedure(db):
    from motcua.catalog.models import Procedure
    from motcua.demo.catalogue import load_agencies, load_catalogue
    from motcua.payments.selectors import version_quote

    load_agencies()
    load_catalogue()
    version = next(p.current_version for p in Procedure.objects.all() if "lý lịch tư pháp" in p.name.lower())
    assert version_quote(version).total == 200_000
    assert version.fee_exemptions.count() == 2


@given(st.lists(st.tuples(st.integers(0, 10**9), st.booleans()), max_size=8))
def test_the_total_is_the_sum_of_the_standard_rows(rows):
    fees = [
        Row(pk=i, name=f"f{i}", amount=a, note="", kind="fee", standard=s) for i, (a, s) in enumerate(rows)
    ]
    assert quote(fees).total == sum(a for a, s in rows if s)
