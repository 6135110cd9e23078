"""What the edXML codec costs: build, sign, read and verify a document with a 100 KB attachment.

The key is the test PKI's agency seal (RSA 2048) held in memory, as a PKCS#12 key is once loaded;
verification validates the chain to the test root offline (the validated path of a seal is kept
for a minute, as in service). One process, one message at a time: msg/s is per core, computed
from CPU time so that other work on the machine does not distort it.

Usage: .venv/bin/python bench/edxml.py [N]      (N messages per measurement, default 200)
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from asn1crypto.x509 import Certificate
from cryptography.hazmat.primitives import serialization

from motcua.exchange import edxml
from motcua.exchange.tests import factories
from motcua.signatures.testing.pki import build_test_pki

load = Certificate.load


def measure(name: str, count: int, action: Callable[[], object]) -> float:
    """Median wall time, and messages per second of one core's CPU time (steady on a shared machine)."""
    action()  # warm-up: imports, the first parse of the signature schema
    times = []
    cpu_start = time.process_time()
    for _ in range(count):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    cpu = time.process_time() - cpu_start
    rate = count / cpu
    print(
        f"{name:<44} {statistics.median(times) * 1000:7.2f} ms {cpu / count * 1000:7.2f} ms CPU",
        f"{rate:7.0f} msg/s",
    )
    return rate


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pki = build_test_pki(Path(tmp) / "pki")
        key = serialization.load_pem_private_key(pki.key_pem("seal"), password=None)
        # as the register gives them: parsed from DER (certomancer's own objects re-encode on every dump)
        certificate, root = (load(pki.cert(label).dump()) for label in ("seal", "root"))
        chain, roots = [load(c.dump()) for c in pki.chain("seal")], [root]
        attachment = edxml.Attachment(
            edxml.new_content_id(), "cong-van.pdf", os.urandom(100 * 1024), "application/pdf"
        )
        doc = dataclasses.replace(factories.edoc(), attachments=(attachment,))
        unsigned = edxml.build(doc)
        signed = edxml.sign(unsigned, key=key, certificate=certificate, chain=chain)
        assert edxml.read(signed).message == doc

        print(
            f"message: {len(unsigned) / 1024:.0f} KiB unsigned, {len(signed) / 1024:.0f} KiB signed;",
            f"{count} runs each",
        )
        measure("build", count, lambda: edxml.build(doc))
        measure(
            "build + sign",
            count,
            lambda: edxml.sign(edxml.build(doc), key=key, certificate=certificate, chain=chain),
        )
        measure("read (lenient)", count, lambda: edxml.read(signed))
        measure(
            "read + verify (chain to the trust root)",
            count,
            lambda: (edxml.read(signed), edxml.verify(signed, trust_roots=roots)),
        )
        measure(
            "end to end: build + sign + read + verify",
            count,
            lambda: _round(doc, key, certificate, chain, roots),
        )


def _round(doc: edxml.EDoc, key: object, certificate: object, chain: object, roots: object) -> None:
    signed = edxml.sign(edxml.build(doc), key=key, certificate=certificate, chain=chain)  # type: ignore[arg-type]
    edxml.read(signed)
    edxml.verify(signed, trust_roots=roots)  # type: ignore[arg-type]


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
