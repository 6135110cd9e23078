"""How long checkpoints of the event chains take to make and to verify, on a throw-away database.

Builds the data set of bench/backup.py (N dossiers, default 100 000, each with a valid hash-chained
history of 1 to 7 events, loaded straight into the tables), a test PKI (certomancer, served on
loopback: the TSA answers over real HTTP) and the province's seal in the register. Then, through the
services `motcua anchor` calls:

  * the first checkpoint: every dossier's head (the one-off cost of switching checkpoints on);
  * a day later, after 1 % of the dossiers got one more event: the incremental checkpoint;
  * ten minutes after that: within the overlap, the same events are scanned again and left out;
  * a day later with nothing changed: an empty checkpoint (signature and timestamp only);
  * `motcua anchor --verify` in its three parts: the files (signatures, timestamps, Merkle roots,
    links), every leaf against the stored events, and every chain recomputed.

Usage: .venv/bin/python bench/anchor.py [N]          (default 100 000)
       MOTCUA_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_anchor .venv/bin/python bench/anchor.py
"""

from __future__ import annotations

import os
import platform
import resource
import shutil
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import backup as data  # noqa: E402  (sets Django up on a temporary MOTCUA_DATA_DIR, builds the data set)
import worklist  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import get_runner  # noqa: E402

PASSPHRASE_ENV = "MOTCUA_BENCH_SEAL_PASSPHRASE"
CHANGED_SHARE = 0.01


def main(count: int) -> None:
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(data.DATA_DIR / "motcua.sqlite3")
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    pki = None
    try:
        pki = seal_up()
        run(count, pki)
    finally:
        if pki is not None:
            pki.stop()
        runner.teardown_databases(old)
        if data.OWN_DATA_DIR:
            shutil.rmtree(data.DATA_DIR, ignore_errors=True)


def seal_up() -> Any:
    """The test PKI, started; its root trusted; the TSA configured; checkpoints in DATA_DIR/anchors."""
    from motcua.signatures.testing.pki import build_test_pki

    pki = build_test_pki(data.DATA_DIR / "pki").start()
    settings.MOTCUA_SIGNATURE_TSA_URL = pki.tsa_url
    settings.MOTCUA_ANCHOR_DIR = str(data.DATA_DIR / "anchors")
    os.environ[PASSPHRASE_ENV] = "bench"
    return pki


def register_seal(pki: Any) -> None:
    from motcua.agencies.models import Agency
    from motcua.signatures import services
    from motcua.signatures.models import Certificate

    services.add_trust_anchors(actor=services.SYSTEM, data=pki.cert_pem("root"))
    services.import_certificate(
        actor=services.SYSTEM,
        data=pki.pkcs12("seal", b"bench", data.DATA_DIR).read_bytes(),
        kind=Certificate.Kind.AGENCY_SEAL,
        agency_id=Agency.objects.get(code="H50").pk,
        passphrase_env=PASSPHRASE_ENV,
    )


def one_more_event(share: float) -> int:
    """One more event on every hundredth dossier, appended as the services do."""
    from motcua.core.time import now
    from motcua.dossiers.events import append_event
    from motcua.dossiers.models import Dossier

    ids = list(Dossier.objects.order_by("pk").values_list("pk", flat=True))
    chosen = ids[:: max(1, round(1 / share))]
    for start in range(0, len(chosen), 500):
        with transaction.atomic():
            for dossier in Dossier.objects.select_for_update().filter(pk__in=chosen[start : start + 500]):
                append_event(
                    dossier,
                    kind="assigned",
                    at=now(),
                    actor=None,
                    from_state=dossier.state,
                    to_state=dossier.state,
                )
                dossier.save(update_fields=["version", "last_event_hash"])
    return len(chosen)


def timed(label: str, call: Any) -> tuple[Any, float]:
    began = time.perf_counter()
    result = call()
    spent = time.perf_counter() - began
    print(f"  {label:<62} {spent:8.2f} s")
    return result, spent


def run(count: int, pki: Any) -> None:
    from motcua.core.time import now as current
    from motcua.dossiers.anchors.services import make_checkpoint
    from motcua.dossiers.anchors.verification import check_files, check_heads_against, read_folder
    from motcua.dossiers.events import verify_all_chains

    load_before = os.getloadavg()
    began = time.perf_counter()
    world = worklist.build_world()
    moment = current()
    events = data.load(count, world, moment)
    register_seal(pki)
    built = time.perf_counter() - began
    print(f"database: {connection.vendor}; dossiers: {count:,}; events: {events:,}; built in {built:.0f} s")
    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average before: {load_before[0]:.2f}"
    )
    print("making checkpoints (each signed by the seal and timestamped by the TSA on loopback):")
    first, first_time = timed(f"first checkpoint: all {count:,} heads", make_checkpoint)
    size = first.path.stat().st_size
    changed = one_more_event(CHANGED_SHARE)
    day = first.row.made_at + timedelta(days=1)
    second, second_time = timed(
        f"a day later, {changed:,} heads changed ({CHANGED_SHARE:.0%})", lambda: make_checkpoint(at=day)
    )
    third, _ = timed(
        "ten minutes later (overlap: scanned again, left out)",
        lambda: make_checkpoint(at=day + timedelta(minutes=10)),
    )
    fourth, empty_time = timed(
        "a day later, nothing changed", lambda: make_checkpoint(at=day + timedelta(days=1))
    )
    assert (first.row.leaves, second.row.leaves, third.row.leaves, fourth.row.leaves) == (
        count,
        changed,
        0,
        0,
    )
    print(
        f"  first checkpoint: {count / first_time:,.0f} heads/s, file {size / 1e6:.1f} MB "
        f"({size / count:.0f} bytes per dossier)"
    )
    print(f"  incremental: {second_time:.2f} s for {changed:,} changed heads; empty: {empty_time:.2f} s")

    print("verifying (motcua anchor --verify):")
    folder = Path(settings.MOTCUA_ANCHOR_DIR)
    files, files_time = timed(
        "4 files: signatures, timestamps, Merkle roots, links", lambda: check_files(read_folder(folder))
    )
    assert files.ok, files.problems
    leaves = sum(f.header.leaves for f in files.files)
    heads, heads_time = timed(
        f"{leaves:,} leaves against the stored events", lambda: check_heads_against(files.files)
    )
    assert heads.ok, heads.mismatches[:3]
    (checked, broken), chains_time = timed(f"every chain recomputed ({count:,} dossiers)", verify_all_chains)
    assert checked == count
    assert not broken
    print(f"  leaves: {leaves / heads_time:,.0f} leaves/s; chains: {count / chains_time:,.0f} dossiers/s")
    print(f"  verify in all: {files_time + heads_time + chains_time:.1f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the process: {peak:,.0f} MB; load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
