"""Sign an edXML file with a key on a fresh SoftHSM token, in a process of its own.

A PKCS#11 library reads its configuration once per process; other tests may already have loaded
SoftHSM with their own token, so this check runs apart:

    python -m motcua.exchange.tests.hsm_signing WORKDIR KEY.pem CERT.der CHAIN.der... < IN.xml > OUT.xml
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

MODULES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")
PIN = "135790"


def main(workdir: Path, key_pem: Path, cert_der: Path, chain: list[Path]) -> None:
    module = next((m for m in MODULES if Path(m).exists()), None)
    if module is None or shutil.which("softhsm2-util") is None:
        sys.exit("SoftHSM2 is missing: install the Debian package softhsm2 (scripts/system-deps.sh)")
    (workdir / "tokens").mkdir(parents=True)
    config = workdir / "softhsm2.conf"
    config.write_text(
        f"directories.tokendir = {workdir / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    os.environ["SOFTHSM2_CONF"] = str(config)
    os.environ["EDXML_TEST_HSM_PIN"] = PIN
    run = {"check": True, "capture_output": True}
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            "edxml-seal",
            "--so-pin",
            "24681357",
            "--pin",
            PIN,
        ],
        **run,
    )
    subprocess.run(
        [
            "softhsm2-util",
            "--import",
            str(key_pem),
            "--token",
            "edxml-seal",
            "--label",
            "seal",
            "--id",
            "01",
            "--pin",
            PIN,
        ],
        **run,
    )
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509

    from motcua.exchange.edxml import SignerKey, sign
    from motcua.signatures.keys import Pkcs11Key, pkcs11_signer

    certificate = asn1_x509.Certificate.load(cert_der.read_bytes())
    issuers = [asn1_x509.Certificate.load(p.read_bytes()) for p in chain]
    location = Pkcs11Key(module, "edxml-seal", "seal", "EDXML_TEST_HSM_PIN")
    with pkcs11_signer(location, certificate=certificate, chain=issuers) as signer:
        key = SignerKey(signer, x509.load_der_x509_certificate(certificate.dump()))
        signed = sign(sys.stdin.buffer.read(), key=key, certificate=certificate, chain=issuers)
    sys.stdout.buffer.write(signed)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), [Path(p) for p in sys.argv[4:]])
