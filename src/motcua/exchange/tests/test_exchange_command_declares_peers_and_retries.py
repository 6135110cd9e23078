"""`motcua exchange peer` declares a system and its agencies (pinning its certificate); `retry` requeues."""

from __future__ import annotations

import hashlib
import ssl
from pathlib import Path

from django.core.management import call_command

from motcua.exchange.models import Peer, RemoteOrgan
from motcua.exchange.tests.tls import exchange_ca


def test_a_peer_is_declared_with_its_pinned_certificate_and_agencies(db: None, tmp_path: Path) -> None:
    files = exchange_ca(tmp_path, ("b",))["b"]

    for _ in range(2):  # declaring again updates, never duplicates
        call_command(
            "exchange", "peer", "Hệ thống tỉnh bạn", "--transport", "direct",
            "--url", "https://127.0.0.1:8443/lien-thong/v1/thong-diep/",
            "--client-cert", str(files.cert), "--organ", "000.00.14.H48=Sở Nội vụ",
        )  # fmt: skip

    peer = Peer.objects.get()
    der = ssl.PEM_cert_to_DER_cert(files.cert.read_text())
    assert peer.client_cert_sha256 == hashlib.sha256(der).hexdigest()
    assert list(RemoteOrgan.objects.values_list("organ_id", "name", "peer")) == [
        ("000.00.14.H48", "Sở Nội vụ", peer.pk)
    ]


def test_one_pass_of_the_worker_with_nothing_to_do_ends_quietly(db: None, capsys) -> None:
    call_command("exchange", "run", "--once")
    call_command("exchange", "retry")

    assert "Đã đưa 0 thông điệp" in capsys.readouterr().out
