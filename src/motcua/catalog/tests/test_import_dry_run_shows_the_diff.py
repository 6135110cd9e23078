"""A dry run says what would be new, what would change (which fields), what stays; it writes nothing."""

from __future__ import annotations

import pytest

from motcua.catalog.importing import import_catalogue
from motcua.catalog.models import Procedure, ProcedureVersion

from .factories import JUDICIAL_RECORD, documented, justice_department, read_documents

pytestmark = pytest.mark.django_db

OTHER = {"code": "2.000002", "name": "Đăng ký khai sinh", "usage_weight": 10}
THIRD = {"code": "2.000003", "name": "Đăng ký kết hôn"}


def test_the_diff_names_new_changed_fields_and_unchanged() -> None:
    justice_department()
    import_catalogue(read_documents(documented(JUDICIAL_RECORD, OTHER)))
    changed = dict(
        JUDICIAL_RECORD,
        processing_time={"value": 5, "unit": "day"},
        fees=[{"name": "Lệ phí", "amount": 100000}],
        usage_weight=100000,
    )

    report = import_catalogue(read_documents(documented(changed, OTHER, THIRD)), dry_run=True)

    assert report.dry_run
    assert report.new == ["2.000003"]
    assert report.changed == {JUDICIAL_RECORD["code"]: ["usage_weight", "fees", "processing_time"]}
    assert report.unchanged == ["2.000002"]
    assert report.new_versions == [JUDICIAL_RECORD["code"]]
    assert not Procedure.objects.filter(code="2.000003").exists()
    assert ProcedureVersion.objects.count() == 1
    assert Procedure.objects.get(code=JUDICIAL_RECORD["code"]).national_weight == 91959


def test_a_dry_run_of_a_first_import_writes_nothing_at_all() -> None:
    justice_department()
    report = import_catalogue(read_documents(documented(JUDICIAL_RECORD, OTHER)), dry_run=True)
    assert report.new == [JUDICIAL_RECORD["code"], "2.000002"]
    assert not Procedure.objects.exists()
