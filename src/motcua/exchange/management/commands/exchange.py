"""`motcua exchange run|serve|retry|peer`: the exchange's worker, its mTLS inbox server and set-up.

motcua exchange run [--once] [--interval S]    send the outbox, poll the axis; loop until stopped
motcua exchange serve --bind HOST:PORT          the direct inbox over mutual TLS (MOTCUA_EXCHANGE_TLS_*)
motcua exchange retry [ID ...]                  put failed messages back in the queue
motcua exchange peer NAME --transport direct|axis --url URL [--client-cert PEM] --organ ID=NAME ...
"""

from __future__ import annotations

import hashlib
import signal
import ssl
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections, transaction

from motcua.exchange import conf
from motcua.exchange.models import Peer, RemoteOrgan
from motcua.exchange.services import deliver_due, poll_axis, retry_failed


class Command(BaseCommand):
    help = "Liên thông văn bản: gửi hàng đợi, nhận qua trục, máy chủ TLS hai chiều, khai báo kết nối."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{run,serve,retry,peer}")
        run = actions.add_parser("run", help="Gửi các thông điệp đến hạn và nhận thông điệp từ trục.")
        run.add_argument("--once", action="store_true", help="một lượt rồi dừng")
        run.add_argument("--interval", type=float, default=2.0, help="giây giữa hai lượt khi không có việc")
        serve = actions.add_parser("serve", help="Máy chủ HTTPS xác thực hai chiều cho hộp thư đến.")
        serve.add_argument("--bind", default="127.0.0.1:8443")
        retry = actions.add_parser("retry", help="Gửi lại các thông điệp đã thất bại.")
        retry.add_argument("ids", nargs="*", type=int)
        peer = actions.add_parser("peer", help="Khai báo một hệ thống kết nối và các cơ quan của nó.")
        peer.add_argument("name")
        peer.add_argument("--transport", choices=[c for c, _ in Peer.Transport.choices], required=True)
        peer.add_argument("--url", required=True)
        peer.add_argument("--client-cert", help="chứng thư TLS (PEM) mà hệ thống đó dùng khi gửi cho ta")
        peer.add_argument("--organ", action="append", default=[], help="MÃ=Tên cơ quan (lặp lại được)")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, "_" + options["action"])(**options)

    def _run(self, *, once: bool, interval: float, **_: Any) -> None:
        stopping = False

        def stop(*_: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        first = True
        while not stopping:
            if not first:
                # A long-running worker drops a broken or aged connection between passes (the first
                # pass uses the one it started with, which may be a caller's open transaction).
                close_old_connections()
            first = False
            report = deliver_due()
            for peer in Peer.objects.filter(transport=Peer.Transport.AXIS, is_active=True):
                polled = poll_axis(peer)
                report.received += polled.received
            if report.sent or report.failed or report.received:
                self.stdout.write(
                    f"đã gửi {report.sent}, gửi lại sau {report.retried}, thất bại {report.failed}, "
                    f"nhận {report.received}"
                )
            if once:
                return
            if not (report.sent or report.received):
                time.sleep(interval)

    def _serve(self, *, bind: str, **_: Any) -> None:
        from django.core.wsgi import get_wsgi_application

        from motcua.exchange.transport.direct import TlsIdentity
        from motcua.exchange.transport.tlsserver import MutualTlsServer

        cert, key, ca = conf.tls_files()
        if not (cert and key and ca):
            raise CommandError(
                "Cần đặt MOTCUA_EXCHANGE_TLS_CERT, MOTCUA_EXCHANGE_TLS_KEY và MOTCUA_EXCHANGE_TLS_CA."
            )
        host, _colon, port = bind.rpartition(":")
        server = MutualTlsServer(
            (host or "127.0.0.1", int(port)),
            TlsIdentity(cert, key, ca).server_context,
            get_wsgi_application(),
        )

        def terminate(*_: Any) -> None:
            raise SystemExit(0)  # leaves serve_forever in this (main) thread; the socket closes below

        signal.signal(signal.SIGTERM, terminate)
        self.stdout.write(f"Hộp thư liên thông: https://{bind}/lien-thong/v1/thong-diep/", ending="\n")
        self.stdout.flush()
        try:
            server.serve_forever()
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            server.server_close()

    def _retry(self, *, ids: list[int], **_: Any) -> None:
        count = retry_failed(ids=ids or None)
        self.stdout.write(f"Đã đưa {count} thông điệp vào hàng đợi gửi lại.")

    @transaction.atomic
    def _peer(
        self, *, name: str, transport: str, url: str, client_cert: str | None, organ: list[str], **_: Any
    ) -> None:
        fingerprint = ""
        if client_cert:
            der = ssl.PEM_cert_to_DER_cert(Path(client_cert).read_text())
            fingerprint = hashlib.sha256(der).hexdigest()
        peer, _created = Peer.objects.update_or_create(
            name=name, defaults={"transport": transport, "url": url, "client_cert_sha256": fingerprint}
        )
        for item in organ:
            organ_id, _equals, organ_name = item.partition("=")
            RemoteOrgan.objects.update_or_create(
                organ_id=organ_id, defaults={"name": organ_name, "peer": peer}
            )
        self.stdout.write(f"Đã khai báo {peer.name} với {len(organ)} cơ quan.")
