"""The leader's approval with signing: the whole font (baseline), its Vietnamese copy, a ticked batch.

Builds a throw-away SQLite database with the demo province and its demo PKI (CA, OCSP, CRL and a
timestamp authority on loopback), puts 3 × N judicial-record dossiers at the leader's step with an
unsigned result, then approves N of them one by one through `resolve_and_sign` (what the dossier
page does) drawing the appearance text with the whole Noto font (the baseline: how it was done
before the Vietnamese copy), N one by one as it is done now, and N in one `resolve_many` call (what
the "Chờ phê duyệt" list does). Each result gets two PAdES signatures (leader, then agency seal)
with a timestamp, and is verified before it is kept.

Usage: .venv/bin/python bench/batch_approval.py [N]      (default 20)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.test")
os.environ.setdefault("MOTCUA_DATA_DIR", tempfile.mkdtemp(prefix="motcua-bench-"))
os.environ["MOTCUA_DEMO"] = "1"

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from motcua.demo.catalogue import load_agencies, load_catalogue  # noqa: E402
from motcua.demo.seed import ensure_agency_staff, ensure_demo_accounts  # noqa: E402
from motcua.demo.stories import waiting_for_approval  # noqa: E402
from motcua.signatures import appearance  # noqa: E402
from motcua.signatures.approval import MAX_BATCH, resolve_and_sign, resolve_many  # noqa: E402
from motcua.signatures.demo import ensure_demo_pki  # noqa: E402
from motcua.signatures.localpki import free_port  # noqa: E402


def main(count: int) -> None:
    call_command("migrate", verbosity=0)
    load_agencies()
    load_catalogue()
    users = ensure_demo_accounts()
    ensure_agency_staff()
    with tempfile.TemporaryDirectory() as tmp:
        pki = ensure_demo_pki(Path(tmp), port=free_port())
        try:
            run(users, count)
        finally:
            pki.stop()


def run(users: dict, count: int) -> None:  # type: ignore[type-arg]
    leader = users["lanhdao"]
    sets = [waiting_for_approval(users, count) for _ in range(3)]
    warm = waiting_for_approval(users, 1)[0]  # fonts, imports, the TSA's first answer
    resolve_and_sign(
        dossier_id=warm.pk, leader=leader, result_summary="Đồng ý.", expected_version=warm.version
    )

    def one_by_one(dossiers: list) -> float:  # type: ignore[type-arg]
        start = time.perf_counter()
        for d in dossiers:
            signed = resolve_and_sign(
                dossier_id=d.pk, leader=leader, result_summary="Đồng ý.", expected_version=d.version
            )
            assert signed
        return time.perf_counter() - start

    def batch(dossiers: list) -> float:  # type: ignore[type-arg]
        start = time.perf_counter()
        outcomes = resolve_many(leader=leader, items=[(d.pk, d.version) for d in dossiers])
        assert all(o.ok and o.signed for o in outcomes), [o.message for o in outcomes if not o.ok]
        return time.perf_counter() - start

    small_copy = appearance.font_for
    appearance.font_for = lambda texts, *, bold: appearance.fonts()[bold]  # type: ignore[assignment]
    whole_font = one_by_one(sets[0])
    appearance.font_for = small_copy
    rows = [
        ("one by one, whole Noto font (baseline)", whole_font),
        ("one by one, Vietnamese copy of the font", one_by_one(sets[1])),
        ("one batch (Chờ phê duyệt list)", batch(sets[2])),
    ]
    print(f"{count} results approved and signed (leader + seal, PAdES B-T), SQLite, one process")
    for name, seconds in rows:
        print(f"{name:<42} {seconds:7.1f} s  {seconds / count * 1000:6.0f} ms/result")
    per_result = rows[-1][1] / count
    print(f"{MAX_BATCH} results, the cap of one batch, at this rate: {per_result * MAX_BATCH:.0f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
