"""Application servers compared on a bare Django view (the ceiling of any page): granian (what
`motcua serve` runs) and, when installed, gunicorn with sync and gthread workers.

Each server gets the same number of worker processes (default: the cores) and is loaded for a few
seconds by the same asyncio HTTP/1.1 client, with keep-alive where the server allows it, at 1 and 16
connections. The client runs on the same machine and shares its cores: the figures are lower bounds,
comparable with each other.

Usage: .venv/bin/python bench/app_servers.py [SECONDS]      (default 5)
       (.venv/bin/pip install gunicorn==27.0.1 to include gunicorn; it is not a dependency)
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_APP = """
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bareapp")
SECRET_KEY = "bench"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bareapp"
INSTALLED_APPS = []
MIDDLEWARE = []
from django.http import HttpResponse
from django.urls import path


def bare(request):
    response = HttpResponse(b"ok")
    response["Content-Length"] = "2"
    return response


urlpatterns = [path("", bare)]
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _client(port: int, stop: float, counts: list[int]) -> None:
    request = b"GET / HTTP/1.1\r\nHost: bench\r\n\r\n"
    reader = writer = None
    while time.monotonic() < stop:
        if writer is None:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        assert reader is not None
        writer.write(request)
        await writer.drain()
        lines = (await reader.readuntil(b"\r\n\r\n")).lower().split(b"\r\n")
        length = next(int(line.split(b":")[1]) for line in lines if line.startswith(b"content-length"))
        await reader.readexactly(length)
        counts[0] += 1
        if b"connection: close" in lines:
            writer.close()
            writer = None
    if writer is not None:
        writer.close()


async def _load(port: int, connections: int, seconds: float) -> float:
    counts = [0]
    stop = time.monotonic() + seconds
    await asyncio.gather(*[_client(port, stop, counts) for _ in range(connections)])
    return counts[0] / seconds


def _wait(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server exited")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    workers = str(len(os.sched_getaffinity(0)))
    bin_dir = Path(sys.executable).parent
    servers = {
        "granian (WSGI)": lambda d, p: [
            str(bin_dir / "granian"),
            "--interface",
            "wsgi",
            "--workers",
            workers,
            "--host",
            "127.0.0.1",
            "--port",
            str(p),
            "--working-dir",
            d,
            "--log-level",
            "error",
            "bareapp:application",
        ],
    }
    if shutil.which("gunicorn", path=str(bin_dir)):
        servers["gunicorn sync"] = lambda d, p: [
            str(bin_dir / "gunicorn"),
            "-w",
            workers,
            "-b",
            f"127.0.0.1:{p}",
            "--chdir",
            d,
            "--log-level",
            "error",
            "bareapp:application",
        ]
        servers["gunicorn gthread ×4"] = lambda d, p: [*servers["gunicorn sync"](d, p), "--threads", "4"]
    else:
        print("gunicorn is not installed: only granian is measured")
    print(f"{workers} worker processes each, {seconds:.0f} s per run, bare Django view")
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "bareapp.py").write_text(BARE_APP)
        for name, command in servers.items():
            port = free_port()
            process = subprocess.Popen(command(folder, port), start_new_session=True)
            try:
                _wait(port, process)
                figures = [asyncio.run(_load(port, c, seconds)) for c in (1, 16)]
            finally:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
            print(
                f"{name:22} 1 connection: {figures[0]:8,.0f} req/s   16 connections: {figures[1]:8,.0f} req/s"
            )


if __name__ == "__main__":
    main()
