"""DVCQG sync throughput on a throw-away database, against the loopback sandbox.

Measures, in the same run and on the same dossiers (each received and handed over twice, 4 events):
  * bodies built per second alone (load the dossier and its history, build, check the shape);
  * bodies built and sent per second: the worker's pass (claim, build, check, POST DongBoHoSoMC
    and CapNhatTienDoHoSoMC to the sandbox, which validates and records, close the rows);
and says how long a burst of 300 submissions per second for one minute would take to drain.

Usage: .venv/bin/python bench/sync.py [N]   (MOTCUA_DATABASE_URL for PostgreSQL)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.test")
os.environ.setdefault("MOTCUA_DATA_DIR", tempfile.mkdtemp(prefix="motcua-bench-"))

import django

django.setup()

from django.test.utils import setup_test_environment  # noqa: E402

setup_test_environment()
from django.db import connection  # noqa: E402
from django.test.utils import get_runner  # noqa: E402

BURST_RATE = 300  # submissions per second (the goal)
BURST_SECONDS = 60


def main(count: int) -> None:
    from django.conf import settings

    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        run(count)
    finally:
        runner.teardown_databases(old)


def run(count: int) -> None:
    from django.conf import settings

    from motcua.dossiers import services
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.signals import dossier_event_recorded
    from motcua.dossiers.tests.factories import (
        APPLICANT,
        FORM_DATA,
        build_world,
        mandatory_document_id,
        pdf,
        vn,
    )
    from motcua.dvcqg import body as bodies
    from motcua.dvcqg import client, conf, fields
    from motcua.dvcqg import services as sync
    from motcua.dvcqg.models import SyncOutbox
    from motcua.dvcqg.sandbox import Sandbox

    world = build_world()
    start = vn(2025, 3, 3, 8, 0)

    def life(i: int) -> None:
        at = start + timedelta(minutes=i)
        dossier = services.register_at_counter(
            officer=world.intake,
            procedure_code=world.code,
            applicant=APPLICANT,
            form_data=FORM_DATA,
            documents=[(mandatory_document_id(world), pdf())],
            at=at,
        )
        services.transfer_dossier(
            dossier_id=dossier.pk, actor=world.intake, to_unit_id=world.unit_a.pk, at=at + timedelta(hours=1)
        )
        services.transfer_dossier(
            dossier_id=dossier.pk,
            actor=world.specialist,
            to_unit_id=world.unit_b.pk,
            at=at + timedelta(hours=2),
        )

    for i in range(count):
        life(i)
    ids = list(Dossier.objects.order_by("pk").values_list("pk", flat=True))
    rows = SyncOutbox.objects.count()

    began = time.perf_counter()
    for pk in ids:
        body = bodies.build(bodies.load(pk))
        assert not fields.problems(body)
    one_s = time.perf_counter() - began
    began = time.perf_counter()
    for first in range(0, count, 200):  # as the worker reads them: a batch of dossiers at a time
        for dossier in bodies.load_many(ids[first : first + 200]):
            assert not fields.problems(bodies.build(dossier))
    built_s = time.perf_counter() - began

    sandbox = Sandbox().start()
    for name, value in sandbox.settings().items():
        setattr(settings, name, value)
    client._session.clear()
    try:
        began = time.perf_counter()
        passes = 0
        while SyncOutbox.objects.filter(state=SyncOutbox.State.PENDING).exists():
            report = sync.deliver_due(limit=500)
            passes += 1
            assert not report.failed, report.errors[:3]
            assert not report.retried, report.errors[:3]
        sent_s = time.perf_counter() - began
    finally:
        sandbox.stop()
        settings.MOTCUA_DVCQG_URL = ""  # rows wait from here on: the tests' task backend runs in-line
    assert len(sandbox.dossiers) == count, (len(sandbox.dossiers), count)

    # The same lives again, in alternating blocks with and without the outbox's receiver (the first
    # lives above also warmed the caches): what queuing costs each dossier action.
    timed = {True: 0.0, False: 0.0}
    for block in range(0, 2 * count, 50):
        queued = (block // 50) % 2 == 0
        if not queued:
            dossier_event_recorded.disconnect(dispatch_uid="dvcqg-outbox")
        began = time.perf_counter()
        for i in range(block, block + 50):
            life(count + i)
        timed[queued] += time.perf_counter() - began
        dossier_event_recorded.connect(sync.record_event, dispatch_uid="dvcqg-outbox")
    with_outbox_s, without_outbox_s = timed[True], timed[False]

    built_rate, sent_rate = count / built_s, count / sent_s
    burst = BURST_RATE * BURST_SECONDS
    lag = max(0.0, burst / sent_rate - BURST_SECONDS)
    print(
        f"database: {connection.vendor}, dossiers: {count}, outbox rows: {rows}, batch: {conf.batch_size()}"
    )
    print(f"built one by one (preview): {count / one_s:8.1f} bodies/s ({one_s / count * 1000:.2f} ms each)")
    print(f"built alone (worker batches): {built_rate:8.1f} bodies/s ({built_s / count * 1000:.2f} ms each)")
    print(
        f"built and sent to the sandbox: {sent_rate:8.1f} dossiers/s ({sent_s / count * 1000:.2f} ms each, "
        f"{passes} passes, {rows / sent_s:.0f} events/s closed)"
    )
    per_action = (with_outbox_s - without_outbox_s) / (count * 4) * 1000
    print(
        f"lives (register, 2 hand-overs): {count / with_outbox_s:.1f}/s with the outbox, "
        f"{count / without_outbox_s:.1f}/s without ({per_action:+.2f} ms per event)"
    )
    print(
        f"burst of {BURST_RATE}/s for {BURST_SECONDS} s ({burst} dossiers), one worker: "
        f"last one synced {lag:.0f} s after the burst ends"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
