"""Two (eight) clerks numbering at the same moment on PostgreSQL: every number once, none skipped."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connections

from motcua.agencies.models import Role
from motcua.documents.models import OutgoingDocument
from motcua.documents.services import register_outgoing
from motcua.dossiers.tests.factories import build_world, staff, vn

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
CLERKS = 8


def test_simultaneous_clerks_get_distinct_consecutive_numbers():
    world = build_world()
    clerks = [staff(world.department, Role.CLERK) for _ in range(CLERKS)]
    barrier = threading.Barrier(CLERKS)
    errors: list[BaseException] = []

    def number(clerk):  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            register_outgoing(
                actor=clerk,
                agency_id=world.department.pk,
                kind="decision",
                subject="Về việc thử cấp số đồng thời",
                signer_name="Lê Văn A",
                signer_position="GIÁM ĐỐC",
                signed_on=date(2026, 3, 2),
                at=vn(2026, 3, 2, 9, 0),
            )
        except BaseException as exc:  # asserted on below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=number, args=(clerk,)) for clerk in clerks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(OutgoingDocument.objects.values_list("number", flat=True))
    assert numbers == list(range(1, CLERKS + 1))
    assert len(set(OutgoingDocument.objects.values_list("notation", flat=True))) == CLERKS
