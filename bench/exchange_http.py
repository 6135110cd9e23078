"""The HTTP leg alone: POSTs of a 140 KB body to the mutual-TLS inbox server, one process, loopback.

A stand-in WSGI application reads the body and answers a short JSON receipt; the direct transport
sends N messages one after the other (over its kept connection). What this measures is the
transport's own cost per message, without Django, sealing or the database.

Usage: .venv/bin/python bench/exchange_http.py [N]      (default 200)
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from motcua.exchange.tests.tls import exchange_ca
from motcua.exchange.transport.direct import INBOX_PATH, DirectTransport, TlsIdentity
from motcua.exchange.transport.tlsserver import MutualTlsServer
from motcua.signatures.testing.pki import free_port


def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    body = b'{"accepted": true}'
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


def main(count: int) -> None:
    tls = exchange_ca(Path(tempfile.mkdtemp()), ("a", "b"))
    port = free_port()
    server_identity = TlsIdentity(str(tls["b"].cert), str(tls["b"].key), str(tls["b"].ca))
    server = MutualTlsServer(("127.0.0.1", port), server_identity.server_context, app)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    transport = DirectTransport(TlsIdentity(str(tls["a"].cert), str(tls["a"].key), str(tls["a"].ca)))
    payload = os.urandom(140 * 1024)
    url = f"https://127.0.0.1:{port}{INBOX_PATH}"
    transport.send(url, payload, sender="A", recipient="B")
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(count):
        transport.send(url, payload, sender="A", recipient="B")
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"{count} POSTs of 140 KB over mutual TLS: {1000 * wall / count:.1f} ms each, "
        f"{1000 * cpu / count:.1f} ms CPU (client and server in this one process)"
    )
    server.shutdown()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
