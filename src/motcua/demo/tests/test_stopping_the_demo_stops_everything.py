"""SIGTERM to a running `motcua demo` stops its task worker and its PKI: no process or port is left.

A real demo in a child process, on its own data folder: a second demo on the machine (the one
other tests may run) takes free ports for its PKI and, if its site port is busy, the next free one.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from motcua.signatures.localpki import free_port


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except FileNotFoundError:
        return found
    for task in tasks:
        try:
            text = (task / "children").read_text().split()
        except FileNotFoundError:  # a thread that ended between the listing and the read
            continue
        found.update(int(c) for c in text)
    for child in list(found):
        if Path(f"/proc/{child}").exists():
            found |= _children(child)
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status  # a zombie has ended


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads children from Linux /proc")
@pytest.mark.processes
def test_sigterm_stops_the_worker_and_the_pki(tmp_path, migrated_sqlite):
    busy = socket.socket()
    busy.bind(("127.0.0.1", free_port()))
    busy.listen()
    wanted = busy.getsockname()[1]  # the site port is taken: the demo says so and takes the next one
    env = {
        **os.environ,
        "MOTCUA_DATA_DIR": str(tmp_path),
        "MOTCUA_DEMO": "1",
        "DJANGO_SETTINGS_MODULE": "motcua.settings.dev",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("MOTCUA_DATABASE_URL", None)
    # The demo migrates its database at start: a migrated copy leaves it nothing to do (this test is
    # about stopping; demo/tests load the demo into a fresh database in-process).
    shutil.copyfile(migrated_sqlite, tmp_path / "motcua.sqlite3")
    env.pop("MOTCUA_DEMO_PKI_PORT", None)
    log = tmp_path / "demo.log"
    with log.open("w") as out:
        demo = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "motcua.cli",
                "demo",
                "--port",
                str(wanted),
                "--dossiers",
                "0",
                "--signed",
                "1",
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        site = wanted + 1
        assert _wait_for(lambda: _listening(site) or demo.poll() is not None, 240), log.read_text()[-3000:]
        assert demo.poll() is None, log.read_text()[-3000:]
        pki_port = int((tmp_path / "demo-pki" / "state.json").read_text().split('"port": ')[1].rstrip("}"))
        assert pki_port != 8765  # not the old fixed port: a free one
        assert _listening(pki_port)
        sandbox_port = int(log.read_text().split("(hộp cát trên máy): http://127.0.0.1:")[1].split(";")[0])
        assert _listening(sandbox_port)  # the national portal's sandbox (DVCQG sync)
        assert _wait_for(lambda: len(_children(demo.pid)) >= 1, 30)
        children = _children(demo.pid)
        # The VNeID and SMS sandboxes on loopback (their addresses are printed for the visitor).
        printed = log.read_text()
        sandbox_ports = [
            int(re.search(pattern, printed).group(1))  # type: ignore[union-attr]
            for pattern in (
                r"VNeID \(thử nghiệm\): http://127\.0\.0\.1:(\d+)",
                r"tin đã gửi tại http://127\.0\.0\.1:(\d+)",
            )
        ]
        assert all(_listening(port) for port in sandbox_ports)

        demo.send_signal(signal.SIGTERM)
        demo.wait(timeout=30)

        assert _wait_for(lambda: not any(_alive(pid) for pid in children), 15), children
        assert not _listening(pki_port)
        assert not _listening(sandbox_port)
        assert not _listening(site)
        assert not any(_listening(port) for port in sandbox_ports)
        text = log.read_text()
        assert f"Cổng {wanted} đang bận" in text
        assert "Đã dừng bản trình diễn" in text
        # The console is for people: no font-subsetting or layout narration.
        assert "fontTools" not in text
        assert "subset" not in text.lower()
    finally:
        busy.close()
        if demo.poll() is None:
            demo.kill()
            demo.wait()
