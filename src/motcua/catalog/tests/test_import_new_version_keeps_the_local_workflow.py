"""A national change makes a new version; the province's workflow, e-form and cut-off time go on."""

from __future__ import annotations

import pytest

from motcua.catalog.importing import import_catalogue
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.selectors import current_version

from .factories import JUDICIAL_RECORD, documented, justice_department, read_documents, with_local_workflow

pytestmark = pytest.mark.django_db


def _steps(version: ProcedureVersion) -> list[tuple[int, str, str, int, str, str | None, bool]]:
    return [
        (
            s.position,
            s.name,
            s.role,
            s.allotted_time,
            s.allotted_unit,
            s.unit.code if s.unit else None,
            s.signs_result,
        )
        for s in version.workflow_steps.order_by("position")
    ]


def test_a_changed_time_limit_publishes_version_2_with_the_same_workflow() -> None:
    first = with_local_workflow(justice_department())
    before = _steps(first)

    changed = dict(JUDICIAL_RECORD, processing_time={"value": 7, "unit": "day"})
    report = import_catalogue(read_documents(documented(changed)))

    assert report.changed == {JUDICIAL_RECORD["code"]: ["usage_weight", "for_citizens", "processing_time"]}
    second = current_version(JUDICIAL_RECORD["code"])
    assert (second.number, second.processing_time) == (2, 7)
    assert _steps(second) == before
    assert second.form_schema == first.form_schema
    assert second.cut_off_time == first.cut_off_time
    first.refresh_from_db()
    # dossiers filed under v1 keep v1
    assert first.processing_time == 10
    assert _steps(first) == before


def test_a_new_national_name_from_the_lists_makes_a_version_that_keeps_everything_else() -> None:
    first = with_local_workflow(justice_department())
    renamed = {"code": JUDICIAL_RECORD["code"], "name": "Cấp Phiếu lý lịch tư pháp (sửa đổi)"}

    import_catalogue(read_documents(documented(renamed)))

    second = current_version(JUDICIAL_RECORD["code"])
    assert (second.number, second.name) == (2, "Cấp Phiếu lý lịch tư pháp (sửa đổi)")
    assert _steps(second) == _steps(first)
    assert [(f.name, f.amount) for f in second.fees.all()] == [("Lệ phí", 200000)]
    assert second.required_documents.count() == 2
    assert Procedure.objects.get(code=JUDICIAL_RECORD["code"]).search_folded.endswith(
        "(sua doi) ly lich tu phap"
    )


def test_a_list_entry_for_a_completed_procedure_only_updates_its_usage() -> None:
    with_local_workflow(justice_department())
    listed = {"code": JUDICIAL_RECORD["code"], "name": JUDICIAL_RECORD["name"], "usage_weight": 5}

    report = import_catalogue(read_documents(documented(listed)))

    assert report.changed == {JUDICIAL_RECORD["code"]: ["usage_weight"]}
    assert report.new_versions == []
    assert current_version(JUDICIAL_RECORD["code"]).number == 1


def test_re_importing_the_same_complete_file_changes_nothing() -> None:
    justice_department()
    import_catalogue(read_documents(documented(JUDICIAL_RECORD)))
    report = import_catalogue(read_documents(documented(JUDICIAL_RECORD)))
    assert (report.new, report.changed, report.unchanged) == ([], {}, [JUDICIAL_RECORD["code"]])
    assert ProcedureVersion.objects.count() == 1
