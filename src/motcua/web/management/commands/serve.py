"""`motcua serve`: the production application server (granian, WSGI), one worker process per core.

Granian was chosen by measurement against gunicorn (docs/operations.md, "Running a province"): on the
same 2-core machine and a bare Django view, 2 workers of each, granian answered ~4,400 requests per
second at 1 connection and ~15,000 at 16; gunicorn ~1,600 / ~800 (sync) and ~1,200 / ~3,000 (gthread).
Static files are served by WhiteNoise inside Django (after `motcua collectstatic`); access and
application logs are JSON lines on stdout.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


def default_workers() -> int:
    """One worker per core available to this process (cgroups and affinity respected), at least 1."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, cores)


class Command(BaseCommand):
    help = "Chạy máy chủ ứng dụng cho môi trường vận hành (granian, WSGI; số tiến trình theo số lõi CPU)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("MOTCUA_BIND_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("MOTCUA_BIND_PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("MOTCUA_WEB_WORKERS") or default_workers())
        )
        parser.add_argument(
            "--threads",
            type=int,
            # 4, not 8: every authenticated scenario of bench/http.py served more and sooner with 4
            # (less time fighting over the interpreter lock), docs/benchmarks.md.
            default=int(os.environ.get("MOTCUA_WEB_THREADS", "4")),
            help="Luồng xử lý mỗi tiến trình (WSGI chặn).",
        )
        parser.add_argument(
            "--connections",
            type=int,
            default=int(os.environ.get("MOTCUA_WEB_CONNECTIONS", "1024")),
            help="Số kết nối tối đa mỗi tiến trình nhận cùng lúc (kể cả kết nối giữ sống đang rảnh).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from granian import Granian
        from granian.constants import Interfaces
        from granian.log import LogLevels

        from motcua.web.logjson import server_logging

        level = os.environ.get("MOTCUA_LOG_LEVEL", "INFO").upper()
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE)
        self.stdout.write(
            f"motcua serve: {options['workers']} tiến trình × {options['threads']} luồng trên "
            f"http://{options['host']}:{options['port']}/"
        )
        Granian(
            "motcua.wsgi:application",
            address=options["host"],
            port=options["port"],
            interface=Interfaces.WSGI,
            workers=options["workers"],
            blocking_threads=options["threads"],
            # Granian's backpressure caps accepted connections, idle keep-alive ones included, not
            # requests in flight: sized from the threads (32), 500 browsers or a proxy's keep-alive pool
            # held every slot and new visitors waited with nothing served (bench/load.py). Requests
            # beyond the threads wait in granian's queue; the cap only bounds memory.
            backpressure=max(options["connections"], options["threads"]),
            respawn_failed_workers=True,
            log_dictconfig=server_logging(level),
            log_level=LogLevels(level.lower()),
            log_access=True,
            workers_kill_timeout=30,
        ).serve()
