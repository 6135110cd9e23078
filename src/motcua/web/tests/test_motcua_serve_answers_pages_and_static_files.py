"""`motcua serve` runs the production settings under the application server: with a production-like
environment on SQLite it answers the home page and a static file (through WhiteNoise, after
`motcua collectstatic`), logs each request as a JSON line, and stops on SIGTERM."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from motcua.core.testing import operator_environment


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


IDLE_CONNECTIONS = 120


def _idle_keep_alive_connection(port: int, static: Path) -> socket.socket:
    """A connection that asked for one file, read the answer, and stays open doing nothing."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=10)
    connection.sendall(f"GET /static/{static.as_posix()} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    assert connection.recv(65536).startswith(b"HTTP/1.1 200")
    return connection


def fetch(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read()


@pytest.mark.processes
def test_serve_answers_the_home_page_and_a_static_file(tmp_path: Path, migrated_sqlite: Path) -> None:
    env = operator_environment(
        MOTCUA_SECRET_KEY="serve-test-" + "k" * 40,
        MOTCUA_DATA_DIR=str(tmp_path),
        MOTCUA_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MOTCUA_SSL_REDIRECT="0",
        MOTCUA_SECURE_COOKIES="0",
        MOTCUA_WEB_WORKERS="2",
    )
    motcua = [sys.executable, "-m", "motcua.cli"]
    # The session's migrated copy: `motcua migrate` on the production settings runs all the same and
    # must find nothing to do (migrating from nothing is the template's own `motcua migrate`).
    shutil.copyfile(migrated_sqlite, tmp_path / "db.sqlite3")
    # motcua's own files: compressing the admin's, DRF's, Wagtail's and the API explorer's bundles
    # (their source maps of megabytes, in gzip and Brotli) took 30 s of CPU and tests nothing more.
    vendors = ["-i", "admin", "-i", "rest_framework", "-i", "drf_spectacular_sidecar", "-i", "wagtail*"]
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0", *vendors]):
        subprocess.run([*motcua, *command], env=env, check=True, timeout=600, capture_output=True)
    static = sorted((tmp_path / "static").rglob("*.css"))[0].relative_to(tmp_path / "static")

    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [*motcua, "serve", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                status, content_type, body = fetch(base + "/")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("motcua serve did not answer:\n" + log.read_text(errors="replace"))
                time.sleep(0.3)
        assert status == 200
        assert content_type.startswith("text/html")
        assert 'lang="vi"' in body.decode()

        status, content_type, body = fetch(f"{base}/static/{static.as_posix()}")
        assert status == 200
        assert content_type.startswith("text/css")
        assert body

        # Many idle keep-alive connections (browsers between clicks, a proxy's pool) leave room for
        # a new visitor: 2 workers × 8 threads once capped the server at 64 connections in all.
        idle = [_idle_keep_alive_connection(port, static) for _ in range(IDLE_CONNECTIONS)]
        try:
            assert fetch(base + "/")[0] == 200
        finally:
            for connection in idle:
                connection.close()
    finally:
        # SIGTERM to the main process only, as Docker and systemd's KillMode=mixed send it: the main
        # process stops its workers. Signalling the whole group let a worker die before the main
        # process knew it was stopping them, and granian then exits 1 for an "unexpected" exit.
        os.kill(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

    assert server.returncode == 0, log.read_text(errors="replace")[-4000:]
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    access = [line for line in lines if line["logger"] == "granian.access"]
    assert {(line["method"], line["path"], line["status"]) for line in access} >= {
        ("GET", "/", 200),
        ("GET", f"/static/{static.as_posix()}", 200),
    }
