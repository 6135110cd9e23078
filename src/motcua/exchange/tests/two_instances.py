"""Two motcua instances as separate processes on loopback, exchanging documents over mutual TLS.

Instance A (Sở Tư pháp) sends; instance B (Sở Nội vụ) receives and reports statuses. Each has its
own SQLite file, its own seal, its own TLS certificate from one exchange CA, and runs two processes:
`motcua exchange serve` (the mTLS inbox) and `motcua exchange run` (the outbox worker). Used by the
CI test (30 documents) and `bench/exchange_delivery.py` (1,000).

This module is also the instances' little driver: `python -m motcua.exchange.tests.two_instances
CMD` runs inside one instance (its environment says which) to set it up, send, progress, replay
and report.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

A_ORGAN = ("000.00.12.H48", "Sở Tư pháp tỉnh Quảng Trị")
B_ORGAN = ("000.00.14.H48", "Sở Nội vụ tỉnh Quảng Trị")
SEAL_B = "seal-nv"
PASSPHRASE = "mat-khau-con-dau-hai-he-thong"
SETTINGS = "motcua.exchange.tests.instance_settings"
PROGRESS = ("03", "04", "05", "06")


@dataclass
class Instance:
    name: str  # "a" or "b"
    directory: Path
    port: int
    env: dict[str, str]
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}/lien-thong/v1/thong-diep/"

    def command(self, *args: str, timeout: float = 600) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "motcua.exchange.tests.two_instances", *args],
            env=self.env,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"{self.name} {args}: {done.stderr.decode()[-3000:]}")
        return done.stdout.decode()

    def start(self) -> None:
        log = (self.directory / f"{self.name}.log").open("ab")
        motcua = [sys.executable, "-m", "motcua.cli", "exchange"]
        self.processes["serve"] = subprocess.Popen(
            [*motcua, "serve", "--bind", f"127.0.0.1:{self.port}"], env=self.env, stdout=log, stderr=log
        )
        self.processes["run"] = subprocess.Popen(
            [*motcua, "run", "--interval", "0.2"], env=self.env, stdout=log, stderr=log
        )

    def kill(self) -> None:
        """SIGKILL: no goodbye, no flush; what survives is what was committed."""
        for process in self.processes.values():
            process.send_signal(signal.SIGKILL)
            process.wait(30)
        self.processes.clear()

    def stop(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(15)
        self.processes.clear()

    def count(self, table: str, where: str = "1=1") -> int:
        """A count read straight from the instance's SQLite file: polling without starting Django."""
        import sqlite3

        with sqlite3.connect(
            f"file:{self.directory / self.name}.sqlite3?mode=ro", uri=True, timeout=30
        ) as db:
            return int(db.execute(f"SELECT COUNT(*) FROM exchange_{table} WHERE {where}").fetchone()[0])

    def report(self) -> dict[str, Any]:
        return json.loads(self.command("report"))


def prepare(directory: Path, migrated: Path | None = None) -> tuple[Instance, Instance]:
    """PKI, TLS, two migrated databases and both instances configured (nothing running yet).

    `migrated` is an SQLite file already migrated (the tests' session template); without it the
    instances' databases are migrated here."""
    from motcua.exchange.tests.tls import exchange_ca
    from motcua.signatures.testing.pki import TEST_PARTIES, Party, build_test_pki, free_port

    pki = build_test_pki(
        directory / "pki", parties=(*TEST_PARTIES, Party(SEAL_B, B_ORGAN[1], organization=B_ORGAN[1]))
    )
    (directory / "root.pem").write_bytes(pki.cert_pem("root"))
    for label in ("seal", SEAL_B):
        pki.pkcs12(label, PASSPHRASE.encode(), directory)
    tls = exchange_ca(directory / "tls", ("a", "b"))
    base_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "MOTCUA_TWO_DIR": str(directory),
        "MOTCUA_TEST_EXCHANGE_SEAL": PASSPHRASE,  # the variable the seal records name
        "MOTCUA_EXCHANGE_BACKOFF_BASE": "0.2",
        "MOTCUA_EXCHANGE_BACKOFF_CAP": "2",
        "MOTCUA_EXCHANGE_LEASE": "5",  # a killed worker's claims come back quickly
        "PYTHONUNBUFFERED": "1",
    }
    template = migrated or directory / "template.sqlite3"
    if migrated is None:
        subprocess.run(
            [sys.executable, "-m", "motcua.cli", "migrate", "-v0"],
            env={**base_env, "MOTCUA_DATABASE_URL": f"sqlite:///{template}"},
            check=True,
            timeout=600,
        )
    instances = []
    for name in ("a", "b"):
        shutil.copy(template, directory / f"{name}.sqlite3")
        env = {
            **base_env,
            **tls[name].env(),
            "MOTCUA_DATABASE_URL": f"sqlite:///{directory / name}.sqlite3",
            "MOTCUA_SIGNATURE_KEY_DIR": str(directory / f"{name}-keys"),
            "MOTCUA_TWO_SELF": name,
        }
        instances.append(Instance(name, directory, free_port(), env))
    a, b = instances
    a.command("setup", b.url)
    b.command("setup", a.url)
    return a, b


def wait_until(predicate: Any, *, timeout: float, every: float = 1.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(every)


# --- inside one instance -------------------------------------------------------------------------


def _inside() -> None:
    import django

    django.setup()
    command, *args = sys.argv[1:]
    globals()[f"_cmd_{command}"](*args)


def _me() -> tuple[str, tuple[str, str], tuple[str, str], str]:
    name = os.environ["MOTCUA_TWO_SELF"]
    return (name, A_ORGAN, B_ORGAN, "seal") if name == "a" else (name, B_ORGAN, A_ORGAN, SEAL_B)


def _cmd_setup(other_url: str) -> None:
    from motcua.agencies.models import Agency
    from motcua.exchange.models import Peer, RemoteOrgan
    from motcua.signatures import services as signature_services
    from motcua.signatures.models import Certificate

    directory = Path(os.environ["MOTCUA_TWO_DIR"])
    name, mine, theirs, seal = _me()
    other = "b" if name == "a" else "a"
    system = signature_services.SYSTEM
    signature_services.add_trust_anchors(actor=system, data=(directory / "root.pem").read_bytes())
    agency = Agency.objects.create(code=mine[0], name=mine[1])
    signature_services.import_certificate(
        actor=system,
        data=(directory / f"{seal}.p12").read_bytes(),
        kind=Certificate.Kind.AGENCY_SEAL,
        agency_id=agency.pk,
        passphrase_env="MOTCUA_TEST_EXCHANGE_SEAL",
    )
    import hashlib
    import ssl

    der = ssl.PEM_cert_to_DER_cert((directory / "tls" / f"{other}.pem").read_text())
    peer = Peer.objects.create(
        name=f"motcua {other}",
        transport=Peer.Transport.DIRECT,
        url=other_url,
        client_cert_sha256=hashlib.sha256(der).hexdigest(),
    )
    RemoteOrgan.objects.create(organ_id=theirs[0], name=theirs[1], peer=peer)


def _cmd_send(count: str, start: str = "1", attachment_kb: str = "0") -> None:
    import dataclasses
    from datetime import date

    from motcua.agencies.models import Agency
    from motcua.exchange import edxml
    from motcua.exchange.services import send_document
    from motcua.exchange.tests import factories
    from motcua.signatures.services import SYSTEM

    agency = Agency.objects.get(code=A_ORGAN[0])
    issued = date(2026, 3, 2)
    base = factories.edoc()
    payload = os.urandom(int(attachment_kb) * 1024) if int(attachment_kb) else None
    for number in range(int(start), int(start) + int(count)):
        code = edxml.Code(str(number), "STP-VP")
        doc = dataclasses.replace(
            base,
            code=code,
            document_id=edxml.document_id_for(A_ORGAN[0], issued, code),
            subject=f"Công văn số {number}/STP-VP về việc phối hợp",
        )
        if payload is not None:
            doc = dataclasses.replace(
                doc,
                attachments=(
                    edxml.Attachment(edxml.new_content_id(), f"{number}.pdf", payload, "application/pdf"),
                ),
            )
        send_document(actor=SYSTEM, agency_id=agency.pk, edoc=doc)


def _cmd_progress() -> None:
    """B's clerk moves every accepted document through 03..06, queued in a shuffled order."""
    from motcua.exchange.models import InboxDocument
    from motcua.exchange.services import send_status

    for received in InboxDocument.objects.filter(state=InboxDocument.State.ACCEPTED):
        codes = list(PROGRESS)
        random.shuffle(codes)
        for code in codes:
            send_status(received, code)


def _cmd_replay(fraction: str = "1") -> None:
    """Send again, shuffled, copies of messages already delivered: the network repeating itself."""
    from motcua.exchange.models import OutboxMessage
    from motcua.exchange.services.delivery import send_over_transport

    sent = list(OutboxMessage.objects.filter(state=OutboxMessage.State.SENT).select_related("peer", "agency"))
    random.shuffle(sent)
    for message in sent[: int(len(sent) * float(fraction))]:
        send_over_transport(message, bytes(message.signed))


def _cmd_report() -> None:
    from django.db.models import Count

    from motcua.exchange.models import InboxDocument, OutboxMessage, ReceivedStatus
    from motcua.exchange.selectors import sent_documents

    _, mine, _, _ = _me()
    from motcua.agencies.models import Agency

    agency = Agency.objects.get(code=mine[0])
    outbox = dict(
        OutboxMessage.objects.values_list("state").annotate(n=Count("id")).values_list("state", "n")
    )
    documents = sent_documents(agency.pk, limit=100_000)
    latest = {}
    for document in documents:
        for track in document.receivers:
            latest[document.document_id] = track.latest.code if track.latest else ""
    sys.stdout.write(
        json.dumps(
            {
                "outbox": outbox,
                "inbox": InboxDocument.objects.count(),
                "inbox_accepted": InboxDocument.objects.filter(state="accepted").count(),
                "statuses_received": ReceivedStatus.objects.count(),
                "statuses_by_code": dict(
                    ReceivedStatus.objects.values_list("status_code")
                    .annotate(n=Count("id"))
                    .values_list("status_code", "n")
                ),
                "latest": latest,
                "errors": list(
                    OutboxMessage.objects.exclude(last_error="").values_list("last_error", flat=True)[:3]
                ),
            }
        )
    )


if __name__ == "__main__":
    _inside()
