"""Delivery to the sandbox: 502 and timeouts are retried with back-off; sending twice changes nothing."""

from datetime import timedelta

from django.utils import timezone

from motcua.documents.models import OutgoingDocument
from motcua.dossiers.models import ResultDocument
from motcua.dvcqg import services
from motcua.dvcqg.models import SyncOutbox

from .lives import received, returned


def _rows(dossier):
    return list(SyncOutbox.objects.filter(dossier=dossier).order_by("event_seq"))


def test_waiting_events_of_a_dossier_go_as_one_latest_body(world, sandbox):
    dossier = received(world)
    report = services.deliver_due()
    assert (report.sent, report.closed) == (1, 2)
    assert sandbox.dossiers[dossier.code]["TrangThaiHoSo"] == "2"
    assert [c.service for c in sandbox.calls] == ["DongBoHoSoMC", "CapNhatTienDoHoSoMC"]
    leader, other = _rows(dossier)[::-1]
    assert leader.state == other.state == SyncOutbox.State.SENT
    assert leader.reply["DongBoHoSoMC"]["error_code"] == "0"  # the portal's reply is kept
    assert leader.body["MaHoSo"] == dossier.code
    assert other.coalesced_into_id == leader.pk


def test_a_502_is_retried_later_with_a_doubling_wait(world, sandbox):
    dossier = received(world)
    sandbox.fail_next(502, count=2)
    now = timezone.now()
    report = services.deliver_due(now=now)
    assert (report.sent, report.retried) == (0, 1)
    rows = _rows(dossier)
    assert all(r.state == "pending" and r.attempts == 1 for r in rows)
    assert "502" in rows[0].last_error
    assert dossier.code in rows[0].last_error
    first_wait = rows[0].next_attempt_at - now
    assert timedelta(seconds=7) <= first_wait <= timedelta(seconds=10)

    assert services.deliver_due(now=now + timedelta(seconds=1)).sent == 0  # not due yet: nothing sent
    later = now + timedelta(seconds=11)
    services.deliver_due(now=later)
    second_wait = SyncOutbox.objects.get(pk=rows[0].pk).next_attempt_at - later
    assert second_wait >= timedelta(seconds=15)  # 20 s less at most a quarter

    report = services.deliver_due(now=later + timedelta(seconds=21))
    assert report.sent == 1
    assert all(r.state == "sent" for r in _rows(dossier))
    assert dossier.code in sandbox.dossiers


def test_a_timeout_after_the_portal_recorded_the_body_is_sent_again_and_kept_once(world, sandbox):
    dossier = received(world)
    sandbox.delay_next(2.0)  # records, then answers after the 1 s timeout: the reply is lost
    now = timezone.now()
    report = services.deliver_due(now=now)
    assert report.retried == 1
    assert "không trả lời" in _rows(dossier)[0].last_error
    assert dossier.code in sandbox.dossiers  # the portal had it after all

    assert services.deliver_due(now=now + timedelta(seconds=11)).sent == 1
    sync_calls = [c for c in sandbox.calls if c.service == "DongBoHoSoMC"]
    assert len(sync_calls) == 2  # at least once ...
    assert list(sandbox.dossiers) == [dossier.code]  # ... and the portal keeps one dossier
    assert all(r.state == "sent" for r in _rows(dossier))


def test_a_sent_row_is_never_sent_again_and_a_resync_replaces_the_same_dossier(world, sandbox):
    dossier = received(world)
    services.deliver_due()
    calls = len(sandbox.calls)
    assert services.deliver_due(now=timezone.now() + timedelta(hours=1)).sent == 0
    assert len(sandbox.calls) == calls

    local_day = timezone.localtime(dossier.received_at).date()
    assert services.resync(start=local_day, end=local_day) == 1
    assert services.deliver_due().sent == 1
    assert list(sandbox.dossiers) == [dossier.code]
    # a full re-sync sends the whole history of hand-overs again
    assert [r["TrangThai"] for r in sandbox.calls[-1].data] == ["2"]
    assert SyncOutbox.objects.filter(dossier=dossier).count() == 2  # the resync reused the head row


def test_an_invalid_body_fails_its_rows_naming_the_dossier_and_the_field(world, sandbox):
    dossier = returned(world)
    # The services never return a dossier without its result; a dossier carried over from an older
    # system can come without the file.
    OutgoingDocument.objects.filter(result__dossier=dossier).delete()
    ResultDocument.objects.filter(dossier=dossier).delete()
    report = services.deliver_due()
    assert report.failed == 1
    rows = _rows(dossier)
    assert {r.state for r in rows} == {"failed"}
    assert f"Hồ sơ {dossier.code}" in rows[0].last_error
    assert "DuongDanTepTinKetQua" in rows[0].last_error
    assert sandbox.requests == 0  # nothing wrong was sent

    assert services.retry_failed() == len(rows)
    assert SyncOutbox.objects.filter(dossier=dossier, state="pending").count() == len(rows)
