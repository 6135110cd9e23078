"""Dossiers moved through the services: the kept table equals a rebuild, and the API's Form 06 equals a
count over the dossier list for the same period."""

from datetime import date

from django.db.models import Q

from motcua.agencies.models import Role
from motcua.api.tests.support import client_for
from motcua.dossiers import services
from motcua.dossiers.clock import snapshot_of
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import (
    APPLICANT,
    FORM_DATA,
    PDF_BYTES,
    issue,
    mandatory_document_id,
    pdf,
    staff,
    vn,
)
from motcua.stats.figures import day_of, resolution
from motcua.stats.models import DailyFigures, MonthlyBalance, MonthlyFigures, YearlyFigures
from motcua.stats.rebuild import rebuild


def submit(world, at):
    return services.submit_dossier(
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf())],
        owner=world.citizen,
        at=at,
    )


def resolve(world, dossier, day):
    pk = dossier.pk
    services.transfer_dossier(
        dossier_id=pk,
        actor=world.intake,
        to_unit_id=world.unit_a.pk,
        to_assignee_id=world.specialist.pk,
        at=vn(2025, 3, day, 9, 0),
    )
    services.forward_dossier(dossier_id=pk, actor=world.specialist, at=vn(2025, 3, day, 9, 30))
    services.attach_result(
        dossier_id=pk, actor=world.specialist_b, content=PDF_BYTES, name="kq.pdf", at=vn(2025, 3, day, 10, 0)
    )
    services.forward_dossier(
        dossier_id=pk, actor=world.specialist_b, to_assignee_id=world.leader.pk, at=vn(2025, 3, day, 10, 30)
    )
    services.resolve_dossier(
        dossier_id=pk, actor=world.leader, result_summary="Cấp", at=vn(2025, 3, day, 11, 0)
    )
    issue(world, pk, at=vn(2025, 3, day, 14, 0))
    services.return_result(dossier_id=pk, actor=world.intake, method="counter", at=vn(2025, 3, day, 15, 0))


def table():
    """The daily, monthly and yearly rows (rows of zeros left out), and each key's running balances
    at the end of every month of 2025 as the report reads them (the month's row or the latest before)."""
    out = []
    for model in (DailyFigures, MonthlyFigures, YearlyFigures):
        columns = [f.name for f in model._meta.fields if f.name != "id"]
        out.append(sorted(tuple(r) for r in model.objects.values_list(*columns) if any(v for v in r[5:])))
    for month in range(1, 13):
        at = date(2025, month, 1)
        held = MonthlyBalance.objects.filter(Q(month=at) | Q(last=True, month__lt=at))
        out.append(sorted(r for r in held.values_list("channel", "open", "overdue") if any(r[1:])))
    return out


def direct_count(start, end):
    """Form 06's columns counted dossier by dossier (domain reference §12.4)."""
    snaps = [snapshot_of(d) for d in Dossier.objects.filter(received_at__isnull=False)]
    in_period = [s for s in snaps if start <= day_of(s.received_at) <= end]
    before = [
        s
        for s in snaps
        if day_of(s.received_at) < start and (s.finished_at is None or day_of(s.finished_at) >= start)
    ]
    resolved = [s for s in snaps if s.finished_at and start <= day_of(s.finished_at) <= end]
    pending = [
        s
        for s in snaps
        if day_of(s.received_at) <= end and (s.finished_at is None or day_of(s.finished_at) > end)
    ]
    today = min(end, date.today())
    overdue = [s for s in pending if day_of(s.due_at) <= today]
    expected = {
        "received_total": len(in_period) + len(before),
        "carried_over": len(before),
        "received_online": sum(
            1
            for d in Dossier.objects.filter(received_at__isnull=False, channel="online")
            if start <= day_of(d.received_at) <= end
        ),
        "resolved_total": len(resolved),
        "resolved_early": sum(resolution(s) == "early" for s in resolved),
        "resolved_on_time": sum(resolution(s) == "on_time" for s in resolved),
        "resolved_late": sum(resolution(s) == "late" for s in resolved),
        "pending_total": len(pending),
        "pending_overdue": len(overdue),
        "pending_on_time": len(pending) - len(overdue),
    }
    return expected


def test_kept_table_equals_rebuild_and_api_equals_a_count(world):
    received = []
    for day in (3, 4, 5, 6, 7):  # Monday 3 to Friday 7 March 2025; 5 working days each
        d = submit(world, vn(2025, 3, day, 8, 0))
        services.receive_dossier(dossier_id=d.pk, actor=world.intake, at=vn(2025, 3, day, 8, 30))
        received.append(d)
    submit(world, vn(2025, 3, 7, 9, 0))  # never received: in no column of Form 06
    resolve(world, received[0], 6)  # early
    resolve(world, received[1], 17)  # due Tuesday 11 March: late

    kept = table()
    assert kept[2], "the yearly table is kept by the events"
    rebuild()
    assert table() == kept
    rebuild(since=date(2025, 3, 5))  # taken back to 1 March; the year's rows summed again
    assert table() == kept

    leader = staff(world.department, Role.LEADER)
    start, end = date(2025, 3, 5), date(2025, 3, 14)
    response = client_for(leader).get(f"/api/v1/reports/form-06?from={start}&to={end}")
    assert response.status_code == 200, response.content
    body = response.json()
    [row] = body["rows"]
    assert row["agency"] == {"code": world.department.code, "name": world.department.name}
    assert row["level"] == "province"

    expected = direct_count(start, end)
    assert {k: row[k] for k in expected} == expected
    # By hand: 3 received on 5-7 March + 2 carried over (3 and 4 March, still open on 5 March);
    # resolved: the 3 March one on 6 March (early), the 4 March one on 17 March (after the period).
    assert (row["received_total"], row["carried_over"], row["resolved_total"], row["resolved_early"]) == (
        5,
        2,
        1,
        1,
    )
    assert row["pending_total"] == 4
    # Due 10, 11, 12, 13, 14 March for those received 3-7 March; at 14 March all four open ones are overdue.
    assert row["pending_overdue"] == 4
    assert body["total"]["received_total"] == 5

    # Periods cut anywhere (whole months come from the monthly table, the edges from the daily one).
    for first, last in [
        (date(2025, 3, 1), date(2025, 3, 31)),
        (date(2025, 2, 1), date(2025, 3, 4)),
        (date(2025, 2, 28), date(2025, 4, 1)),
        (date(2025, 3, 11), date(2025, 3, 11)),
        (date(2025, 3, 18), date(2025, 6, 30)),
        # Whole years from the yearly table alone, and years cut at their edges.
        (date(2025, 1, 1), date(2025, 12, 31)),
        (date(2024, 1, 1), date(2026, 12, 31)),
        (date(2024, 12, 15), date(2025, 12, 31)),
        (date(2025, 1, 1), date(2026, 1, 10)),
        (date(2024, 3, 6), date(2025, 3, 6)),
    ]:
        got = client_for(leader).get(f"/api/v1/reports/form-06?from={first}&to={last}").json()["total"]
        assert {k: got[k] for k in expected} == direct_count(first, last), (first, last)


def test_only_leaders_and_administrators_read_reports(world):
    response = client_for(world.specialist).get("/api/v1/reports/form-06?from=2025-03-01&to=2025-03-31")
    assert response.status_code == 403
    leader = staff(world.department, Role.LEADER)
    other = client_for(leader).get(
        f"/api/v1/reports/form-06?from=2025-03-01&to=2025-03-31&agency={world.other_department.code}"
    )
    assert other.status_code == 403
    bad = client_for(leader).get("/api/v1/reports/form-06?from=2025-03-31&to=2025-03-01")
    assert bad.status_code == 400
