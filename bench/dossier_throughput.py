"""Throughput of the dossier engine on a throw-away database.

Measures, in one run:
  * full lives (submit, receive, 3 transfers, resolve, return) per second through the services;
  * reading state and deadlines from the cached columns versus replaying the events (the baseline
    that the cache exists to beat);
  * verifying the hash chain.

Usage: .venv/bin/python bench/dossier_throughput.py [N]   (MOTCUA_DATABASE_URL for PostgreSQL)
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


def main(count: int) -> None:
    from django.conf import settings

    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        run(count)
    finally:
        runner.teardown_databases(old)


def run(count: int) -> None:
    from motcua.dossiers import services
    from motcua.dossiers.events import verify_chain
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.selectors import replayed
    from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, build_world, vn

    world = build_world()
    start = vn(2025, 3, 3, 8, 0)
    began = time.perf_counter()
    for i in range(count):
        at = start + timedelta(minutes=i)
        dossier = services.register_at_counter(
            officer=world.intake, procedure_code=world.code, applicant=APPLICANT, form_data=FORM_DATA, at=at
        )
        for step, unit in enumerate((world.unit_a, world.unit_b, world.unit_a), start=1):
            services.transfer_dossier(
                dossier_id=dossier.pk,
                actor=world.intake if step == 1 else world.specialist,
                to_unit_id=unit.pk,
                at=at + timedelta(hours=step),
            )
        services.resolve_dossier(
            dossier_id=dossier.pk, actor=world.leader, result_summary="Đồng ý", at=at + timedelta(hours=5)
        )
        services.return_result(dossier_id=dossier.pk, actor=world.clerk, at=at + timedelta(hours=6))
    lives = time.perf_counter() - began

    dossiers = list(Dossier.objects.select_related("procedure_version"))
    began = time.perf_counter()
    cached = [(d.state, d.due_at) for d in Dossier.objects.only("state", "due_at")]
    cached_s = time.perf_counter() - began
    began = time.perf_counter()
    replays = [(s.state, s.due_at) for s in map(replayed, dossiers)]
    replay_s = time.perf_counter() - began
    assert cached == replays, "replay disagrees with the cached columns"
    began = time.perf_counter()
    assert all(verify_chain(d).ok for d in dossiers)
    verify_s = time.perf_counter() - began

    print(f"database: {connection.vendor}, dossiers: {count}, events: {count * 7}")
    print(
        f"full lives through services: {count / lives:8.1f} dossiers/s ({lives / count * 1000:.1f} ms each)"
    )
    print(f"state+due from cached columns: {count / cached_s:8.0f} dossiers/s")
    print(
        f"state+due by replaying events: {count / replay_s:8.0f} dossiers/s "
        f"(cache is {replay_s / cached_s:.0f}x faster)"
    )
    print(f"hash-chain verification:       {count / verify_s:8.0f} dossiers/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
