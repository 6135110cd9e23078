"""Signing and verification throughput: 1 and N worker processes, cold and cached, in one run.

The PKI (CA, OCSP, CRL, TSA) is the test PKI served by certomancer over HTTP on loopback, in this
process (its CPU competes with the workers, as a real TSA's would not); keys are in memory. The
document is the one-page result decision of the tests (WeasyPrint).

* "signed result": the official's and the seal's signatures, both visible (Decree 30), PAdES B-T.
* "verification": that result (2 signatures, B-T) with online revocation (OCSP and CRL).

Each operation runs in worker processes of `motcua.signatures.isolation.WorkerPool` (what the
public checker uses), fed by as many threads as workers, so N workers can keep N cores busy:

* cold: what an operation cost before the caches: no revocation cache (every OCSP response and
  CRL fetched), the validation trust parts and the appearance font's subset built every time, the
  ETSI XML report built (the public checker built it for every upload);
* cached: the revocation cache on, trust parts and font subsets reused, no XML report.

Printed per measurement: operations per second (wall clock), the median latency, CPU milliseconds
per operation of the workers (from /proc) and of this process (the PKI server's threads and the
dispatch), the ceiling two idle cores would reach at that CPU cost (2000 / the sum), and the whole
machine's busy milliseconds per operation (everything else running included: read it beside the
load average printed). CPU columns are what to compare on a loaded machine.

Usage: .venv/bin/python bench/signing.py [OPS] [N]   (OPS per measurement, default 40; N workers,
default: the usable cores)
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.test")

import django

django.setup()

from asn1crypto import keys as asn1_keys  # noqa: E402
from asn1crypto import x509 as asn1_x509  # noqa: E402
from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: E402

from motcua.signatures import appearance, conf, images, isolation, pdfsign, speedups, verification  # noqa: E402
from motcua.signatures.fetching import policy_from_settings  # noqa: E402
from motcua.signatures.keys import signer_from_key  # noqa: E402
from motcua.signatures.testing.documents import result_pdf  # noqa: E402
from motcua.signatures.testing.pki import build_test_pki  # noqa: E402
from motcua.signatures.verification import Verdict, verify_pdf  # noqa: E402

Material = dict[str, Any]  # DER of keys and certificates, the TSA URL: picklable


# What runs in a worker ----------------------------------------------------------------------------
_kept: dict[str, Any] = {}


def _setup(material: Material) -> dict[str, Any]:
    """Signers, layout and roots, built once per worker (a web process keeps them too)."""
    if _kept.get("tsa_url") == material["tsa_url"]:
        return _kept

    def signer(label: str) -> Any:
        return signer_from_key(
            asn1_keys.PrivateKeyInfo.load(material[f"{label}_key"]),
            asn1_x509.Certificate.load(material[f"{label}_cert"]),
            [asn1_x509.Certificate.load(der) for der in material[f"{label}_chain"]],
        )

    doc = material["doc"]
    page, box = appearance.find_anchor_box(PdfFileReader(io.BytesIO(doc)))  # type: ignore[misc]
    layout = appearance.decree30_layout(
        page=page,
        official=appearance.OfficialBlock(
            ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), "Nguyễn Văn An", images.signature_png("Nguyễn Văn An")
        ),
        seal=appearance.SealBlock(
            "Sở Tư pháp tỉnh Quảng Trị", images.seal_png("UBND tỉnh Quảng Trị", ["Sở Tư pháp"])
        ),
        image_box=box,
    )
    _kept.clear()
    _kept.update(
        tsa_url=material["tsa_url"],
        tsa=pdfsign.timestamper(material["tsa_url"]),
        official=signer("official"),
        seal=signer("seal"),
        layout=layout,
        doc=doc,
        roots=[asn1_x509.Certificate.load(material["root"])],
    )
    return _kept


def sign_result(material: Material, cold: bool) -> bytes:
    """The official's then the seal's visible B-T signature on the result."""
    kept = _setup(material)
    if cold:
        speedups.forget()
    first = pdfsign.sign_pdf(
        kept["doc"],
        signer=kept["official"],
        field_name=kept["layout"].official.name,
        placement=kept["layout"].official,
        level="B-T",
        tsa=kept["tsa"],
    )
    if cold:
        speedups.forget()
    return pdfsign.sign_pdf(
        first,
        signer=kept["seal"],
        field_name=kept["layout"].seal.name,
        placement=kept["layout"].seal,
        level="B-T",
        tsa=kept["tsa"],
    )


def verify_result(material: Material, document: bytes, policy: Any, cold: bool) -> str:
    """`verification.verify_pdf` with online revocation, as the public checker's worker runs it."""
    kept = _setup(material)
    if cold:
        verification._trust_parts.cache_clear()
    report = verify_pdf(document, trust_roots=kept["roots"], fetch=True, with_xml=cold, fetch_policy=policy)
    return report.verdict.value


# Measuring ----------------------------------------------------------------------------------------
def _cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime
        except (OSError, IndexError, ValueError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def _busy_seconds() -> float:
    """The machine's busy CPU time so far (all cores): what the workers and the PKI server used."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def throughput(
    workers: int, ops: int, task: Callable[..., Any], *args: Any
) -> tuple[float, float, float, float, float]:
    """(operations/s, worker CPU ms per op, this process's CPU ms per op (the PKI server and the
    dispatch), machine busy ms per op, median ms) over `ops` operations."""
    pool = isolation.WorkerPool(workers)
    try:
        # warm-up: start the workers, imports, fonts, the TSA client's first token
        threads = [
            threading.Thread(target=pool.run, args=(task, *args), kwargs={"timeout": 120})
            for _ in range(workers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        pool.run(task, *args, timeout=120)
        pids = pool.pids()
        remaining = [ops]
        lock = threading.Lock()
        latencies: list[float] = []

        def feed() -> None:
            while True:
                with lock:
                    if remaining[0] <= 0:
                        return
                    remaining[0] -= 1
                began = time.perf_counter()
                pool.run(task, *args, timeout=120)
                with lock:
                    latencies.append(time.perf_counter() - began)

        cpu_before, own_before, busy_before = _cpu_seconds(pids), time.process_time(), _busy_seconds()
        started = time.perf_counter()
        feeders = [threading.Thread(target=feed) for _ in range(workers)]
        for feeder in feeders:
            feeder.start()
        for feeder in feeders:
            feeder.join()
        wall = time.perf_counter() - started
        cpu = _cpu_seconds(pids) - cpu_before
        own = time.process_time() - own_before
        busy = _busy_seconds() - busy_before
        per_op = 1000 / ops
        return ops / wall, cpu * per_op, own * per_op, busy * per_op, statistics.median(latencies) * 1000
    finally:
        pool.shutdown()


def main(ops: int, workers: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pki = build_test_pki(Path(tmp) / "pki").start()
        conf.override(fetch_private=True, fetch_allow=pki.url)  # the test PKI serves on loopback
        try:
            run(pki, ops, workers)
        finally:
            isolation.shutdown()
            pki.stop()


def run(pki: Any, ops: int, workers: int) -> None:
    material: Material = {"tsa_url": pki.tsa_url, "doc": result_pdf(), "root": pki.cert("root").dump()}
    for label in ("official", "seal"):
        material[f"{label}_key"] = pki.private_key(label).dump()
        material[f"{label}_cert"] = pki.cert(label).dump()
        material[f"{label}_chain"] = [c.dump() for c in pki.chain(label)]
    roots = [pki.cert("root")]
    document = sign_result(material, cold=False)
    warm_policy = policy_from_settings().adding_certificates(roots)
    from dataclasses import replace

    cold_policy = replace(warm_policy, revocation_cache=False)
    warm_policy = replace(warm_policy, revocation_cache=True)
    assert verify_result(material, document, warm_policy, False) == Verdict.VALID.value

    print(
        f"Machine: {os.cpu_count()} CPUs, usable {isolation.usable_cores()}; load average {os.getloadavg()}"
    )
    size, signed = len(material["doc"]) / 1024, len(document) / 1024
    print(f"Document {size:.0f} kB, signed result {signed:.0f} kB; {ops} operations each\n")
    header = (
        f"{'operation':<50} {'workers':>7} {'ops/s':>6} {'p50 ms':>7} {'worker CPU':>10} "
        f"{'PKI+parent CPU':>14} {'2-core ceiling':>14} {'busy':>6}"
    )
    print(header)
    print("-" * len(header))
    results: dict[tuple[str, str, int], float] = {}
    for name, task, extra in (
        ("signed result B-T, 2 visible signatures", sign_result, ()),
        ("verify B-T result, OCSP+CRL online", verify_result, (document,)),
    ):
        for mode in ("cold", "cached"):
            for n in sorted({1, workers}):
                if task is verify_result:
                    args: tuple[Any, ...] = (
                        material,
                        *extra,
                        cold_policy if mode == "cold" else warm_policy,
                        mode == "cold",
                    )
                else:
                    args = (material, mode == "cold")
                rate, cpu, own, busy, p50 = throughput(n, ops, task, *args)
                results[(name, mode, n)] = rate
                ceiling = 2000 / (cpu + own)  # ops/s if two idle cores did only this
                print(
                    f"{name + ', ' + mode:<50} {n:>7} {rate:>6.1f} {p50:>7.0f} {cpu:>10.0f} "
                    f"{own:>14.0f} {ceiling:>14.1f} {busy:>6.0f}"
                )
    print()
    for name in ("signed result B-T, 2 visible signatures", "verify B-T result, OCSP+CRL online"):
        cold1, warm1 = results[(name, "cold", 1)], results[(name, "cached", 1)]
        warmn = results[(name, "cached", workers)]
        print(
            f"{name}: cached/cold x{warm1 / cold1:.1f} at 1 worker; "
            f"{workers} workers/1 worker x{warmn / warm1:.1f}; "
            f"cached {workers} workers / cold 1 worker x{warmn / cold1:.1f}"
        )
    print(f"\nload average after the run: {os.getloadavg()}")


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 40,
        int(sys.argv[2]) if len(sys.argv) > 2 else isolation.usable_cores(),
    )
