"""Every worklist page costs the same number of queries for 5 rows as for 50 (no N+1), pinned."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.backoffice.views.common import COUNTS
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import approve, to_signing_step, vn

from .support import at_counter, online, staff_login

# worklist slug -> who looks. Pinned: session, user, OTP device, staff roles; the page's keys, one
# query per branch of the worklist (`worklist_branches`; a second one where undated rows may come
# last), its rows, its step names; the tab counts (one capped count per branch of each tab) and the
# bell (last seen, new assignments, newly urgent); the session write that keeps them for a minute; on
# the agency's list, the officers to reassign to.
# The filter choices (procedures, units) come from the catalogue's cache after the first page.
CASES = {
    "cho-tiep-nhan": "intake",
    "can-xu-ly": "specialist",
    "cho-phe-duyet": "leader",
    "tra-ket-qua": "clerk",
    "cho-cong-dan": "intake",
    "toan-co-quan": "leader",
}
PINNED = {
    "cho-tiep-nhan": 21,  # 2 branches (submitted, withdrawal requested); no step names before receipt
    "can-xu-ly": 21,  # 3 branches for a specialist, and the leader steps to leave out
    # A leader has four tabs: "cần xử lý" (reviews before the signing step) joined the three of before,
    # with its three capped counts; the signing steps of all workflows are read once (+4).
    "cho-phe-duyet": 25,  # 2 branches, leader and signing steps of all workflows, the running batches
    "tra-ket-qua": 14,  # 1 branch
    "cho-cong-dan": 24,  # 2 branches for an intake officer, each dated then undated
    "toan-co-quan": 25,  # 1 branch, dated then undated, plus the officers to reassign to
}


def _one(world, slug):  # type: ignore[no-untyped-def]
    if slug == "cho-tiep-nhan":
        return online(world, vn(2025, 3, 3, 8, 0))
    dossier = at_counter(world, vn(2025, 3, 3, 9, 0))
    if slug == "cho-cong-dan":
        return services.request_supplement(
            dossier_id=dossier.pk, actor=world.intake, missing=["Bản sao CCCD"], at=vn(2025, 3, 3, 9, 30)
        )
    services.transfer_dossier(
        dossier_id=dossier.pk, actor=world.intake, to_unit_id=world.unit_a.pk, at=vn(2025, 3, 3, 10, 0)
    )
    if slug == "cho-phe-duyet":
        services.transfer_dossier(
            dossier_id=dossier.pk,
            actor=world.specialist,
            to_unit_id=world.unit_a.pk,
            step=4,
            at=vn(2025, 3, 3, 11),
        )
    if slug == "tra-ket-qua":
        to_signing_step(world, dossier.pk, by=world.specialist, at=vn(2025, 3, 4, 8, 0))
        approve(world, dossier.pk, at=vn(2025, 3, 4, 9, 0))
    return Dossier.objects.get(pk=dossier.pk)


def _grow(dossier, size):  # type: ignore[no-untyped-def]
    """Copies of one real dossier with other codes and due moments until there are `size` (the list
    reads only this table)."""
    have = Dossier.objects.filter(code__startswith=dossier.code).count()
    copies = []
    for i in range(have, size):
        copy = Dossier.objects.get(pk=dossier.pk)
        copy.pk = None
        copy.code = f"{dossier.code}-{i:03d}"
        copy.idempotency_key = None
        if copy.due_at:
            copy.due_at = copy.due_at.replace(minute=i % 60)
        copies.append(copy)
    Dossier.objects.bulk_create(copies)


def _forget_counts(client):  # type: ignore[no-untyped-def]
    session = client.session
    session.pop(COUNTS, None)
    session.save()


@pytest.mark.parametrize("slug", list(CASES))
def test_query_count_does_not_grow_with_rows(client, world, clock, slug):
    clock.set(2025, 3, 5, 9, 0)
    user = getattr(world, CASES[slug])
    staff_login(client, user)
    first = _one(world, slug)
    url = f"/can-bo/danh-sach/{slug}/"
    counts = {}
    for size in (5, 50):
        _grow(first, size)
        client.get(url)  # warm the calendar cache
        _forget_counts(client)  # measure the page with its tab counts and bell recomputed
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("data-row-link") == size
        counts[size] = len(queries)
    assert counts[5] == counts[50], counts
    assert counts[50] == PINNED[slug], (counts, [q["sql"][:120] for q in queries.captured_queries])


def test_leader_view_and_notices_do_not_grow_either(client, world, clock):
    clock.set(2025, 3, 5, 9, 0)
    staff_login(client, world.leader)
    first = _one(world, "toan-co-quan")
    counts = {}
    for size in (5, 50):
        _grow(first, size)
        Dossier.objects.update(assignee=world.leader)
        client.get("/can-bo/dieu-hanh/")
        client.get("/can-bo/thong-bao/")  # the first visit creates the 'last seen' row
        _forget_counts(client)
        with CaptureQueriesContext(connection) as leader_queries:
            assert client.get("/can-bo/dieu-hanh/").status_code == 200
        with CaptureQueriesContext(connection) as notice_queries:
            assert client.get("/can-bo/thong-bao/").status_code == 200
        counts[size] = (len(leader_queries), len(notice_queries))
    assert counts[5] == counts[50] == (24, 27), counts
