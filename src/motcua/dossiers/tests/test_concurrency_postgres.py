"""Simultaneous officers on PostgreSQL: distinct codes, and one winner per conflicting pair."""

import threading
from collections.abc import Callable

import pytest
from django.db import connections

from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.models import Dossier

from .factories import APPLICANT, FORM_DATA, build_world, mandatory_document_id, pdf, vn

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _run_together(jobs: list[Callable[[], object]]) -> tuple[list[object], list[BaseException]]:
    barrier = threading.Barrier(len(jobs))
    results: list[object] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(job: Callable[[], object]) -> None:
        try:
            barrier.wait()
            value = job()
            with lock:
                results.append(value)
        except BaseException as exc:  # collected and asserted on by the test
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def test_fifty_simultaneous_receptions_get_fifty_distinct_codes():
    world = build_world()
    at = vn(2025, 3, 3, 9, 0)

    def register() -> str:
        return services.register_at_counter(
            officer=world.intake,
            procedure_code=world.code,
            papers=services.originals_on_paper(world.code),
            applicant=APPLICANT,
            form_data=FORM_DATA,
            at=at,
        ).code

    codes, errors = _run_together([register] * 50)
    assert errors == []
    assert len(codes) == 50
    assert len(set(codes)) == 50
    assert sorted(int(c.rsplit("-", 1)[1]) for c in codes) == list(range(1, 51))
    assert Dossier.objects.filter(state="received").count() == 50


def test_two_conflicting_intake_decisions_give_exactly_one_success():
    world = build_world()
    dossier = services.submit_dossier(
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf())],
        channel="counter",
        at=vn(2025, 3, 3, 8, 0),
    )

    def receive() -> object:
        return services.receive_dossier(dossier_id=dossier.pk, actor=world.intake)

    def refuse() -> object:
        return services.refuse_dossier(dossier_id=dossier.pk, actor=world.intake, reason="Thiếu giấy tờ")

    results, errors = _run_together([receive, refuse])
    assert len(results) == 1
    assert len(errors) == 1
    assert isinstance(errors[0], DomainError)
    assert errors[0].http_status == 409
    dossier.refresh_from_db()
    assert dossier.version == 2


def test_two_transfers_on_the_same_version_give_exactly_one_success():
    world = build_world()
    dossier = services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        papers=services.originals_on_paper(world.code),
        applicant=APPLICANT,
        form_data=FORM_DATA,
        at=vn(2025, 3, 3, 9, 0),
    )
    version = dossier.version

    def transfer(unit_id: int) -> Callable[[], object]:
        return lambda: services.transfer_dossier(
            dossier_id=dossier.pk, actor=world.intake, to_unit_id=unit_id, expected_version=version
        )

    results, errors = _run_together([transfer(world.unit_a.pk), transfer(world.unit_b.pk)])
    assert len(results) == 1
    assert [e.code for e in errors] == ["stale_dossier"]
    assert "người khác cập nhật" in errors[0].message
