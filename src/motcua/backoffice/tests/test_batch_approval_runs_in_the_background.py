"""A batch approval is queued, not done in the request: the leader lands on a page that fills in as
the job approves each dossier, that only this leader can open, and that stops polling once done."""

from __future__ import annotations

import re

from motcua.dossiers.models import Dossier, DossierEvent
from motcua.signatures.approval import run_batch_approval
from motcua.signatures.models import BatchApproval, BatchApprovalItem

from .support import BATCH_URL, staff_login
from .test_batch_approval_refuses_per_dossier import at_leader_step


def _ready(world, clock, hours=(8,)):  # type: ignore[no-untyped-def]
    """Dossiers at the leader's step on Monday; the leader approves on Tuesday 09:00."""
    dossiers = [at_leader_step(world, hour) for hour in hours]
    clock.set(2025, 3, 4, 9, 0)
    return dossiers


def _submit(client, dossiers, extra=()):  # type: ignore[no-untyped-def]
    """Tick and submit; the test's transaction never commits, so the queued job does not run."""
    ticks = [f"{d.code}:{d.version}" for d in dossiers] + list(extra)
    response = client.post(BATCH_URL, {"ho-so": ticks})
    assert response.status_code == 302
    return response["Location"]


def _states(dossiers):  # type: ignore[no-untyped-def]
    return [Dossier.objects.get(pk=d.pk).state for d in dossiers]


def test_the_page_shows_each_dossier_waiting_until_the_job_has_run(client, world, clock):
    dossiers = _ready(world, clock, (8, 9))
    staff_login(client, world.leader)

    location = _submit(client, dossiers, extra=["H00-20250303-9999999:1"])

    assert _states(dossiers) == ["processing", "processing"]
    waiting = client.get(location).content.decode()
    assert "Đang phê duyệt và ký số: xong 1/3 hồ sơ." in waiting  # the unknown code is refused at once
    assert waiting.count("Đang chờ phê duyệt và ký số") == 2
    assert f'hx-get="{location}" hx-trigger="every 2s"' in waiting
    assert "bạn có thể rời trang này" in waiting

    run_batch_approval(BatchApproval.objects.get().pk)

    assert _states(dossiers) == ["resolved", "resolved"]
    done = client.get(location).content.decode()
    assert "Đã phê duyệt 2 hồ sơ" in done
    assert "1 hồ sơ chưa phê duyệt" in done
    assert "Đang chờ" not in done
    assert "hx-trigger" not in re.sub(r"<header.*?</header>", "", done, flags=re.S)  # no more polling
    assert client.get(location, headers={"HX-Request": "true"}).status_code == 286  # htmx: stop polling


def test_while_running_htmx_gets_the_part_that_changes(client, world, clock):
    (dossier,) = _ready(world, clock)
    staff_login(client, world.leader)
    location = _submit(client, [dossier])

    partial = client.get(location, headers={"HX-Request": "true"})

    assert partial.status_code == 200
    html = partial.content.decode()
    assert "<html" not in html
    assert "xong 0/1 hồ sơ" in html
    # Only the announcement is a live region, swapped out of band: the rows are not read out.
    assert 'role="status"' not in html
    assert '<p id="batch-announce" hx-swap-oob="innerHTML">Đang phê duyệt và ký số 1 hồ sơ.</p>' in html
    page = client.get(location).content.decode()
    assert page.count('role="status"') == 1
    announce = 'id="batch-announce" class="visually-hidden" role="status">'
    assert announce + "Đang phê duyệt và ký số 1 hồ sơ." in page

    run_batch_approval(BatchApproval.objects.get().pk)
    done = client.get(location, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-swap-oob="innerHTML">Đã xong: đã phê duyệt 1 hồ sơ.</p>' in done


def test_a_batch_not_started_after_two_minutes_points_to_the_task_worker(client, world, clock):
    (dossier,) = _ready(world, clock)
    staff_login(client, world.leader)
    location = _submit(client, [dossier])
    assert "motcua db_worker" not in client.get(location).content.decode()

    clock.set(2025, 3, 4, 9, 3)

    assert "motcua db_worker" in client.get(location).content.decode()


def test_only_the_leader_who_started_it_sees_the_batch(client, world, clock):
    (dossier,) = _ready(world, clock)
    staff_login(client, world.leader)
    location = _submit(client, [dossier])

    staff_login(client, world.specialist)
    response = client.get(location)

    assert response.status_code == 404
    assert dossier.code not in response.content.decode()
    client.logout()
    assert client.get(location).status_code == 302  # to the login


def test_running_the_job_again_approves_nothing_twice(client, world, clock):
    dossiers = _ready(world, clock, (8, 9))
    staff_login(client, world.leader)
    _submit(client, dossiers)
    batch = BatchApproval.objects.get()

    run_batch_approval(batch.pk)
    run_batch_approval(batch.pk)

    statuses = list(BatchApprovalItem.objects.filter(batch=batch).values_list("status", flat=True))
    assert statuses == ["approved", "approved"]
    assert DossierEvent.objects.filter(dossier__in=dossiers, kind="resolved").count() == 2


def test_a_leader_who_lost_the_role_before_the_job_ran_approves_nothing(client, world, clock):
    (dossier,) = _ready(world, clock)
    staff_login(client, world.leader)
    _submit(client, [dossier])
    world.leader.staff_roles.all().delete()

    run_batch_approval(BatchApproval.objects.get().pk)

    item = BatchApprovalItem.objects.get()
    assert item.status == "refused"
    assert item.message
    assert Dossier.objects.get(pk=dossier.pk).state == "processing"


def test_the_list_says_what_a_running_batch_still_holds(client, world, clock):
    dossiers = _ready(world, clock, (8, 9))
    staff_login(client, world.leader)
    location = _submit(client, dossiers)

    listing = client.get("/can-bo/danh-sach/cho-phe-duyet/").content.decode()
    assert "còn 2 hồ sơ đang chờ ký số" in listing
    assert f'href="{location}"' in listing

    run_batch_approval(BatchApproval.objects.get().pk)
    assert "đang chờ ký số" not in client.get("/can-bo/danh-sach/cho-phe-duyet/").content.decode()


def test_recording_a_batch_costs_the_same_queries_for_one_dossier_or_many(
    world, clock, django_assert_num_queries
):
    from motcua.signatures.approval import start_batch_approval

    one, *more = _ready(world, clock, (8, 9, 10))
    # The leader's agencies, the readable dossiers, then the batch and its rows (one bulk insert)
    # inside a savepoint.
    with django_assert_num_queries(6):
        start_batch_approval(leader=world.leader, selection=[(one.code, one.version)])
    with django_assert_num_queries(6):
        start_batch_approval(
            leader=world.leader,
            selection=[(d.code, d.version) for d in [one, *more]] + [("H00-20250303-9999999", 1)],
        )
