"""Search as one types over the real national catalogue, on a throw-away database.

Imports the national portal's lists (2,395 procedures, motcua/demo/data/national), then replays
what citizens type, one request per key from the third letter on ("ly ", "ly l", ... "ly lich tu
phap"), for a set of real queries, and reports requests per second, median and 95th percentile of:

  * the selector alone (`catalog.selectors.search_procedures`, first page of 20 read whole);
  * the HTTP endpoint `GET /api/v1/procedures/?q=` through the Django test client (with its
    per-client throttle, one client address per simulated citizen);
  * the portal's htmx partial `GET /?q=` (what the search box asks for);
  * a bare Django view answering a small JSON body through the same client, in the same run (the
    floor: what any request costs here).

On PostgreSQL it then adds a pg_trgm GIN index on the search column, measures the selector again,
and drops it (to show whether it helps at this size).

Usage: .venv/bin/python bench/catalogue_search.py [ROUNDS]          (default 5)
       MOTCUA_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> .venv/bin/python bench/catalogue_search.py
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
from django.db import connection  # noqa: E402
from django.http import HttpRequest, JsonResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import get_runner, override_settings, setup_test_environment  # noqa: E402
from django.urls import include, path  # noqa: E402

setup_test_environment()

QUERIES = [
    "ly lich tu phap",
    "dang ky khai sinh",
    "cap doi giay phep lai xe",
    "thanh lap doanh nghiep",
    "dang ky tam tru",
    "cap ho chieu pho thong",
    "chung thuc ban sao",
    "giay phep xay dung",
]


def bare(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"count": 1, "results": [{"code": "1.001193", "name": "Thủ tục đăng ký khai sinh"}]})


urlpatterns = [path("bench/bare/", bare), path("", include("motcua.urls"))]


def keystrokes() -> list[str]:
    """Every prefix a citizen's browser asks for while typing each query (from the third letter)."""
    return [query[:n] for query in QUERIES for n in range(3, len(query) + 1) if not query[:n].endswith(" ")]


def measure(label: str, rounds: int, call: Callable[[str], object]) -> dict[str, float]:
    typed = keystrokes()
    for text in typed[:10]:  # warm caches and connections
        call(text)
    timings: list[float] = []
    started = time.perf_counter()
    for _ in range(rounds):
        for text in typed:
            t0 = time.perf_counter()
            call(text)
            timings.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - started
    timings.sort()
    row = {
        "requests": len(timings),
        "per_second": len(timings) / elapsed,
        "median_ms": statistics.median(timings) * 1000,
        "p95_ms": timings[int(len(timings) * 0.95) - 1] * 1000,
    }
    print(
        f"{label:<48} {row['requests']:>6} {row['per_second']:>9.0f}/s"
        f" {row['median_ms']:>8.2f} ms {row['p95_ms']:>8.2f} ms"
    )
    return row


def run(rounds: int) -> None:
    from motcua.catalog.models import Procedure
    from motcua.catalog.selectors import search_procedures
    from motcua.demo.national import load_national_catalogue

    started = time.perf_counter()
    report = load_national_catalogue()
    print(f"import: {len(report.new)} procedures in {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    again = load_national_catalogue()
    print(f"re-import (all unchanged: {len(again.unchanged)}) in {time.perf_counter() - started:.2f} s")
    print(
        f"database: {connection.vendor}; procedures: {Procedure.objects.count()}; "
        f"keystrokes: {len(keystrokes())}"
    )
    print(f"{'':<48} {'n':>6} {'rate':>11} {'median':>11} {'p95':>11}")

    def selector(text: str) -> object:
        return list(search_procedures(text)[:20])

    measure("selector search_procedures (page of 20)", rounds, selector)
    from motcua.catalog.cache import new_stamp

    client = Client()
    counter = iter(range(10**9))

    # Each request reads the catalogue afresh (the stamp bumped, as after a change): this measures the
    # search itself; bench/catalogue_cache.py measures what the cache saves.
    def api(text: str) -> object:
        new_stamp()
        # One address per request: the throttle's write is measured, its limit not hit.
        n = next(counter)
        address = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"
        response = client.get("/api/v1/procedures/", {"q": text, "page_size": 20}, REMOTE_ADDR=address)
        assert response.status_code == 200, response.status_code
        return response

    def portal(text: str) -> object:
        new_stamp()
        response = client.get("/", {"q": text}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200, response.status_code
        return response

    def floor(text: str) -> object:
        return client.get("/bench/bare/", {"q": text})

    with override_settings(ROOT_URLCONF=__name__):
        measure("GET /api/v1/procedures/?q= (HTTP, test client)", rounds, api)
        measure("GET /?q= htmx partial (HTTP, test client)", rounds, portal)
        measure("bare Django JSON view (HTTP, test client)", rounds, floor)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(
                "CREATE INDEX bench_procedure_trgm ON catalog_procedure "
                "USING gin (search_folded gin_trgm_ops)"
            )
            cursor.execute("ANALYZE catalog_procedure")
        measure("selector, with a pg_trgm GIN index", rounds, selector)
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX bench_procedure_trgm")


def main(rounds: int) -> None:
    print(f"python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores")
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        run(rounds)
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
