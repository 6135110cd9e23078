"""What the catalogue cache (motcua.catalog.cache) saves: each public catalogue page, cold and warm.

Loads the demo province's procedures and the national portal's lists (2,395 procedures) into a
throw-away database, then requests,
through the Django test client (the whole middleware stack, no network), each page of the public
catalogue many times: *cold*, the catalogue stamp bumped before every request (as after a change),
and *warm*, from the cache. Beside them, a bare Django view (the floor of any request). CPU time per
request (time.process_time) is the figure to read on a busy machine; the median wall time is shown
too. The API list keeps its database-counted rate limit in both (a fixed few statements).

Usage: .venv/bin/python bench/catalogue_cache.py [N]          (N requests per measurement, default 200)
       MOTCUA_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> .venv/bin/python bench/catalogue_cache.py
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.test")
os.environ.setdefault("MOTCUA_DATA_DIR", tempfile.mkdtemp(prefix="motcua-bench-"))

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.http import HttpRequest, JsonResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import get_runner, override_settings, setup_test_environment  # noqa: E402
from django.urls import include, path  # noqa: E402

setup_test_environment()


def bare(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"count": 1, "results": [{"code": "1.001193", "name": "Thủ tục đăng ký khai sinh"}]})


urlpatterns = [path("bench/bare/", bare), path("", include("motcua.urls"))]


def measure(label: str, count: int, call: Callable[[], object], before: Callable[[], None]) -> float:
    for _ in range(3):
        before()
        call()
    walls: list[float] = []
    cpu = 0.0
    queries = 0
    for _ in range(count):
        before()
        reset_queries()
        c0, t0 = time.process_time(), time.perf_counter()
        call()
        walls.append(time.perf_counter() - t0)
        cpu += time.process_time() - c0
        queries += len(connection.queries)
    per = cpu / count * 1000
    print(
        f"{label:<46} {per:8.2f} ms CPU {statistics.median(walls) * 1000:8.2f} ms wall "
        f"{queries / count:6.1f} queries"
    )
    return per


def run(count: int) -> None:
    from motcua.catalog.cache import new_stamp
    from motcua.catalog.models import Procedure
    from motcua.demo.catalogue import load_agencies, load_catalogue
    from motcua.demo.national import load_national_catalogue

    load_catalogue(load_agencies())  # the demo province's own procedures, with versions and forms
    load_national_catalogue()
    code = "3.000333"  # Cấp Phiếu lý lịch tư pháp: documents, fees, steps
    print(f"database: {connection.vendor}; procedures: {Procedure.objects.count()}; page: {code}")
    client = Client()
    counter = iter(range(10**9))

    def get(url: str) -> Callable[[], object]:
        def call() -> object:
            n = next(counter)  # one address per request: the API throttle's limit is never hit
            address = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"
            response = client.get(url, REMOTE_ADDR=address)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return call

    pages = {
        "home /": "/",
        "search /?q=ly+lich+tu+phap": "/?q=ly+lich+tu+phap",
        "procedure page": f"/thu-tuc/{code}/",
        "GET /api/v1/procedures/": "/api/v1/procedures/",
        "GET /api/v1/procedures/{code}/": f"/api/v1/procedures/{code}/",
    }
    connection.force_debug_cursor = True  # count the statements (connection.queries)
    with override_settings(ROOT_URLCONF=__name__):
        floor = measure("bare Django JSON view (floor)", count, get("/bench/bare/"), lambda: None)
        for label, url in pages.items():
            cold = measure(f"{label}, cold", count, get(url), new_stamp)
            warm = measure(f"{label}, warm", count, get(url), lambda: None)
            print(f"{'':<46} warm/cold CPU {warm / cold:5.2f}; floor/warm {floor / warm:5.2f}")


def main(count: int) -> None:
    print(f"python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores")
    print(f"load average at start: {os.getloadavg()}")
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        run(count)
    finally:
        runner.teardown_databases(old)
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
