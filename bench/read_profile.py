"""Where an officer's reads spend their time: pyinstrument over the Django test client, in process.

Builds bench/worklist.py's data set (default 20 000 dossiers) in a throw-away test database, then
profiles, as the largest agency's leader: `GET /api/v1/dossiers/{code}/` (bearer token), the API's
dossier list (page of 50) and the worklist Toàn cơ quan (page of 50, TOTP-verified session), each
repeated. Prints per scenario the mean wall and CPU time per request and the SQL statements per
request, then pyinstrument's tree (`PROFILE=0`: timings only; `TREE=name`: only that scenario's;
`ONLY=name`: only the scenarios whose name holds it; `PROFILE=cprofile`: cProfile's 30 heaviest
functions by own time instead; `EXPLAIN=1`: each statement's EXPLAIN ANALYZE on PostgreSQL, its
planning and execution times).

With `PROFILE_DATABASE` naming a database that bench/http.py kept (`--keep` or `--reuse`, e.g. the
1 million dossiers of `postgres://postgres@127.0.0.1:5432/NAME_http`), nothing is built: the same
requests are profiled on that data under the production settings, as the bench's server runs them
(N is then ignored; a token and a session are made for the leader and left, as the bench does).

Usage: .venv/bin/pip install pyinstrument   (a profiling tool, not a project dependency)
       .venv/bin/python bench/read_profile.py [N] [REPEAT]
       MOTCUA_DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/read_profile.py
       PROFILE_DATABASE=postgres://postgres@127.0.0.1:5432/NAME_http \\
           .venv/bin/python bench/read_profile.py 0 200
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

KEPT = os.environ.get("PROFILE_DATABASE", "")
if KEPT:  # the production settings on the kept database, before bench/worklist.py sets up Django
    import tempfile

    from http_load import server_environment

    os.environ.update(server_environment(KEPT, Path(tempfile.mkdtemp(prefix="motcua-profile-"))))

import worklist  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main(count: int, repeat: int) -> None:
    if KEPT:
        # bench/worklist.py set up the test environment (instrumented template rendering, the
        # locmem e-mail): not what the production server runs.
        from django.test.utils import teardown_test_environment

        teardown_test_environment()
        run(count, repeat, kept=True)
        return
    from django.conf import settings
    from django.test.utils import get_runner

    if connection.vendor == "sqlite":
        import tempfile

        connection.settings_dict["TEST"]["NAME"] = str(Path(tempfile.mkdtemp()) / "profile.sqlite3")
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        run(count, repeat)
    finally:
        runner.teardown_databases(old)


def run(count: int, repeat: int, kept: bool = False) -> None:
    from django.test import Client

    from motcua.accounts.models import User
    from motcua.agencies.models import Agency
    from motcua.api.tokens import issue_token
    from motcua.core.time import now
    from motcua.dossiers.models import Dossier

    if kept:
        from http_load import BIG_AGENCY

        big, leader = Agency.objects.get(code=BIG_AGENCY), User.objects.get(username="lanhdao")
        count = Dossier.objects.order_by("-pk").values_list("pk", flat=True)[0]
    else:
        world = worklist.build_world()
        worklist.load(count, world, now())
        big, leader = world["big"], world["leader"]
    token, _row = issue_token(user=leader, name="profile")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    pages = worklist.client_for(leader)
    code = (
        Dossier.objects.filter(receiving_agency=big, state="processing")
        .order_by("pk")
        .values_list("code", flat=True)[0]
    )
    scenarios = [
        ("dossier by code (API)", api, f"/api/v1/dossiers/{code}/"),
        ("dossier list (API)", api, "/api/v1/dossiers/?page_size=50"),
        ("dossier list (API), deep", api, deep_api(api)),
        ("worklist Toàn cơ quan", pages, "/can-bo/danh-sach/toan-co-quan/"),
        ("worklist Toàn cơ quan, deep", pages, deep_worklist(pages)),
    ]
    if kept:  # bench/http_load.py's submission procedure is there
        scenarios.append(("submission (API)", Client(), submission()))
    only_scenario = os.environ.get("ONLY", "")
    scenarios = [s for s in scenarios if only_scenario in s[0]]
    profile = os.environ.get("PROFILE", "1") != "0"
    only = os.environ.get("TREE", "")
    print(
        f"database: {connection.vendor}{' (kept, production settings)' if kept else ''}; "
        f"dossiers: {count:,}; {repeat} requests each"
    )
    for name, client, url in scenarios:
        request = client.get if isinstance(url, str) else lambda body, c=client: c.post(*body)
        for _ in range(3):
            answer = request(url)
            assert answer.status_code in (200, 201), (url, answer.content[:300])
        with CaptureQueriesContext(connection) as queries:
            request(url)
        captured = list(queries.captured_queries)  # the next request's start empties the log
        statements = len(captured)
        profiler: Any = None
        chosen = profile and (not only or only in name)
        if chosen and os.environ.get("PROFILE") == "cprofile":
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        elif chosen:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            profiler.start()
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(repeat):
            request(url)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if profiler is not None:
            profiler.disable() if hasattr(profiler, "disable") else profiler.stop()
        print(
            f"{name:<28} {1000 * wall / repeat:7.2f} ms wall {1000 * cpu / repeat:7.2f} ms CPU "
            f"{statements:3d} statements",
            flush=True,
        )
        if hasattr(profiler, "disable"):
            import pstats

            pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "tottime")).print_stats(
                int(os.environ.get("LINES", "30"))
            )
        elif profiler is not None:
            print(profiler.output_text(unicode=True, color=False, show_all=False, short_mode=True))
        if profiler is not None or os.environ.get("EXPLAIN"):
            for query in captured:
                print("   ", query["sql"][:160])
                if os.environ.get("EXPLAIN"):
                    print(explain(query["sql"]))


def explain(sql: str) -> str:
    """EXPLAIN ANALYZE of a captured statement (PostgreSQL): its time and the plan's scans, indented."""
    if connection.vendor != "postgresql" or not sql.lstrip().upper().startswith("SELECT"):
        return ""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0][0]
    scans: list[str] = []

    def walk(node: dict[str, Any]) -> None:
        kind = node["Node Type"]
        if "Scan" in kind or kind in ("Sort", "Aggregate", "Limit"):
            where = node.get("Index Name") or node.get("Relation Name") or ""
            scans.append(f"{kind} {where} rows={node.get('Actual Rows')}".strip())
        for child in node.get("Plans", []):
            walk(child)

    walk(plan["Plan"])
    times = f"planned in {plan['Planning Time']:.2f} ms, run in {plan['Execution Time']:.2f} ms"
    return f"        {times}: " + "; ".join(scans)


def submission() -> tuple[str, bytes, str]:
    """bench/http_load.py's online submission: anonymous, two mandatory documents of 50 kB."""
    from http_load import BIG_AGENCY, SUBMIT_PROCEDURE, multipart_body, padded_pdf

    from motcua.catalog.models import ProcedureVersion

    version = ProcedureVersion.objects.filter(procedure__code=SUBMIT_PROCEDURE).latest("pk")
    attachment = padded_pdf(50_000)
    payload = {
        "procedure": SUBMIT_PROCEDURE,
        "receiving_agency": BIG_AGENCY,
        "applicant": {"kind": "citizen", "name": "Trần Thị Hoa", "id_number": "037190004321"},
        "form_data": {},
    }
    documents = version.required_documents.order_by("pk").values_list("pk", flat=True)
    body, content_type = multipart_body(payload, {f"document_{d}": attachment for d in documents})
    return "/api/v1/dossiers/", body, content_type


def deep_api(client: Any) -> str:
    """The API list's page 2,000 rows deep, by its `next` links (bench/http_load.py's depth)."""
    url = "/api/v1/dossiers/?page_size=50"
    for _ in range(40):
        following = client.get(url).json()["next"]
        if not following:
            break
        url = following.replace("http://testserver", "")
    return url


def deep_worklist(client: Any) -> str:
    import re

    url = "/can-bo/danh-sach/toan-co-quan/"
    for _ in range(40):
        match = re.search(r'href="([^"]*sau=[^"]+)" hx-get', client.get(url).content.decode())
        if not match:
            break
        url = match.group(1).replace("&amp;", "&")
    return url


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000, int(sys.argv[2]) if len(sys.argv) > 2 else 100)
