"""Several dossiers go in one DongBoHoSoMC call; when the portal refuses a call, the bodies are sent
again one at a time, so that only the refused one fails."""

from motcua.dvcqg import services
from motcua.dvcqg.models import SyncOutbox

from .lives import received


def test_waiting_dossiers_are_sent_together(world, sandbox):
    codes = {received(world).code for _ in range(3)}
    report = services.deliver_due()
    assert (report.sent, report.closed) == (3, 6)
    sync_calls = [c for c in sandbox.calls if c.service == "DongBoHoSoMC"]
    assert len(sync_calls) == 1
    assert {row["MaHoSo"] for row in sync_calls[0].data} == codes
    assert len(sandbox.progress) == 3  # one reception each


def test_a_refused_batch_is_split_and_only_the_refused_body_fails(world, sandbox, settings):
    settings.MOTCUA_DVCQG_BATCH = "2"
    first, second = received(world), received(world)
    sandbox.fail_next(400, count=2)  # the pair, then the first alone
    report = services.deliver_due()
    assert (report.sent, report.failed) == (1, 1)
    states = dict(SyncOutbox.objects.values_list("dossier_id", "state").distinct())
    assert states == {first.pk: "failed", second.pk: "sent"}
    assert list(sandbox.dossiers) == [second.code]
    assert "HTTP 400" in SyncOutbox.objects.filter(dossier=first).first().last_error


def test_the_task_queued_after_the_commit_delivers_at_once(
    world, sandbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = received(world)
    assert dossier.code in sandbox.dossiers  # the immediate task backend of the tests ran it
    assert set(SyncOutbox.objects.filter(dossier=dossier).values_list("state", flat=True)) == {"sent"}
