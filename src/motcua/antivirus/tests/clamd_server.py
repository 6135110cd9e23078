"""A real clamd for the tests, on a signature database the tests write (freshclam is never run: the
public database cannot be downloaded here, and two signatures are all the tests need)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from motcua.antivirus.clamd import Clamd

# The EICAR test file (68 bytes), split so that no scanner on a developer's machine flags this module.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR" + b"-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
EICAR_SIGNATURE = "Motcua.Test.EICAR.UNOFFICIAL"
# A signature of our own, matched anywhere in a file (so it can sit inside a valid PDF).
CUSTOM_MARKER = b"MOTCUA-" + b"TEST-MALWARE-MARKER-7f3a9c"
CUSTOM_SIGNATURE = "Motcua.Test.Custom.UNOFFICIAL"


def find_clamd() -> str | None:
    return shutil.which("clamd") or next(
        (p for p in ("/usr/sbin/clamd", "/usr/local/sbin/clamd") if os.access(p, os.X_OK)), None
    )


@contextmanager
def running_clamd(folder: Path, binary: str) -> Iterator[str]:
    """Start clamd on a unix socket in `folder`; its address while it runs."""
    database = folder / "db"
    database.mkdir()
    # .ndb: name:target type (0 = any file):offset (* = anywhere):hex body
    (database / "motcua-test.ndb").write_text(
        f"{EICAR_SIGNATURE.removesuffix('.UNOFFICIAL')}:0:*:{EICAR.hex()}\n"
        f"{CUSTOM_SIGNATURE.removesuffix('.UNOFFICIAL')}:0:*:{CUSTOM_MARKER.hex()}\n"
    )
    socket_path = folder / "clamd.sock"
    config = folder / "clamd.conf"
    config.write_text(
        f"LocalSocket {socket_path}\n"
        f"DatabaseDirectory {database}\n"
        f"TemporaryDirectory {folder}\n"
        f"PidFile {folder / 'clamd.pid'}\n"
        f"LogFile {folder / 'clamd.log'}\n"
        "Foreground yes\n"
        "StreamMaxLength 30M\n"
        "MaxThreads 2\n"
        "SelfCheck 0\n"
    )
    process = subprocess.Popen(
        [binary, "--config-file", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    address = str(socket_path)
    try:
        deadline = time.monotonic() + 60
        while not (socket_path.exists() and Clamd(address, timeout=2).ping()):
            if process.poll() is not None:
                log = (
                    (folder / "clamd.log").read_text(errors="replace")
                    if (folder / "clamd.log").exists()
                    else ""
                )
                raise RuntimeError(f"clamd exited: {process.stderr.read().decode(errors='replace')} {log}")  # type: ignore[union-attr]
            if time.monotonic() > deadline:
                raise RuntimeError("clamd did not answer PING within 60 s")
            time.sleep(0.1)
        yield address
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
