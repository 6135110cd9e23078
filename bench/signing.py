"""Signing and verification throughput (PAdES B-T and B-LTA) against a local timestamp authority.

The PKI (CA, OCSP, CRL, TSA) is the test PKI served by certomancer over HTTP on loopback; keys are
PKCS#12-equivalent in memory (SimpleSigner). One process, one document at a time, so the figures
are per core. The documents are the one-page result decision of the tests (WeasyPrint, ~70 kB).

Usage: .venv/bin/python bench/signing.py [N]      (N documents per measurement, default 20)
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from pyhanko.pdf_utils.reader import PdfFileReader

from motcua.signatures import appearance, conf, images, pdfsign
from motcua.signatures.keys import signer_from_key
from motcua.signatures.testing.documents import result_pdf
from motcua.signatures.testing.pki import build_test_pki
from motcua.signatures.verification import Verdict, verify_pdf, verify_pdf_isolated


def measure(name: str, count: int, action: Callable[[], object]) -> tuple[str, float, float]:
    action()  # warm-up: fonts, imports, the TSA's first answer
    times = []
    for _ in range(count):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    total = sum(times)
    print(f"{name:<58} {median * 1000:8.0f} ms {count / total:8.1f} docs/s")
    return name, median, count / total


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pki = build_test_pki(Path(tmp) / "pki").start()
        # The test PKI serves on loopback: allowed explicitly, as in the tests.
        conf.override(fetch_private=True, fetch_allow=pki.url)
        try:
            run(pki, count)
        finally:
            from motcua.signatures import isolation

            isolation.shutdown()
            pki.stop()


def run(pki, count: int) -> None:  # type: ignore[no-untyped-def]
    roots = [pki.cert("root")]
    tsa = pdfsign.timestamper(pki.tsa_url)
    official = signer_from_key(pki.private_key("official"), pki.cert("official"), pki.chain("official"))
    seal = signer_from_key(pki.private_key("seal"), pki.cert("seal"), pki.chain("seal"))
    doc = result_pdf()
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

    def sign(data: bytes, level: str, visible: bool = False, who=official, field=layout.official) -> bytes:  # type: ignore[no-untyped-def]
        return pdfsign.sign_pdf(
            data,
            signer=who,
            field_name=field.name if visible else "Signature1",
            placement=field if visible else None,
            level=level,
            tsa=tsa,
            trust_roots=roots,
        )

    def result(level: str) -> bytes:
        first = sign(doc, "B-LT" if level == "B-LTA" else level, True, official, layout.official)
        return sign(first, level, True, seal, layout.seal)

    print(f"Document: {len(doc) / 1024:.0f} kB, {count} runs each (median, throughput)\n")
    measure("sign B-T, invisible", count, lambda: sign(doc, "B-T"))
    measure("sign B-LTA, invisible", count, lambda: sign(doc, "B-LTA"))
    measure("sign B-T, Decree 30 appearance (official)", count, lambda: sign(doc, "B-T", True))
    measure("signed result B-T: official + seal, both visible", count, lambda: result("B-T"))
    measure("signed result B-LTA: official (B-LT) + seal (B-LTA)", count, lambda: result("B-LTA"))

    bt, lta = result("B-T"), result("B-LTA")
    assert verify_pdf(bt, trust_roots=roots).verdict == Verdict.VALID
    assert verify_pdf(lta, trust_roots=roots).verdict == Verdict.VALID
    print()
    measure(
        "verify result B-T (2 signatures), OCSP+CRL online", count, lambda: verify_pdf(bt, trust_roots=roots)
    )
    measure("verify result B-LTA (2 signatures), online", count, lambda: verify_pdf(lta, trust_roots=roots))
    measure(
        "verify result B-LTA, offline (embedded data only)",
        count,
        lambda: verify_pdf(lta, trust_roots=roots, fetch=False),
    )
    measure(
        "verify result B-T without the XML report",
        count,
        lambda: verify_pdf(bt, trust_roots=roots, with_xml=False),
    )
    measure(
        "verify result B-T in the worker process (page and API)",
        count,
        lambda: verify_pdf_isolated(bt, trust_roots=roots, fetch=True, timeout=30),
    )
    print(f"\nSizes: B-T result {len(bt) / 1024:.0f} kB, B-LTA result {len(lta) / 1024:.0f} kB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
