"""Throughput over HTTP of the production server (`motcua serve`) beside a bare Django view (the ceiling).

On a throw-away database (PostgreSQL when MOTCUA_DATABASE_URL names one: a database `<name>_http` is
created beside it and dropped at the end; SQLite in a temporary folder otherwise), the script:

1. migrates, collects the static files, and loads `--dossiers N` dossiers with bench/worklist.py's
   generator (COPY on PostgreSQL; 41 agencies, the largest about a fifth of all dossiers) and their
   holder rows (set-based), plus a procedure open to online submission with two required documents;
2. starts a bare Django view under granian (bench/app_servers.py's, same worker count) and loads it
   with wrk at 1 and 16 connections: the ceiling;
3. starts `motcua serve` (granian, production settings, one worker per core) and loads, with the same
   wrk and connection counts, each scenario: the anonymous catalogue and a procedure page,
   `GET /api/v1/procedures/`, `GET /api/v1/dossiers/{code}/` by the largest agency's leader (bearer
   token), the API's dossier list page 1 and 2,000 rows deep, the leader's worklist (Toàn cơ quan,
   TOTP-verified session cookie) page 1 and 2,000 rows deep, and online submission through the API
   with two 50 kB PDF attachments (wrk Lua script; dossiers acknowledged with 201 are counted in the
   database afterwards: lost must be 0);
4. prints per scenario requests per second, p50 and p99 latency (wrk's), the ratio to the ceiling at
   the same connection count, the server's CPU time per request (its processes' user + system time
   from /proc), errors, and the load average.

wrk runs on the same machine and shares its cores: figures are lower bounds, comparable with each
other. Install wrk with `scripts/system-deps.sh --bench` (Debian package `wrk`).

Run through bench/http.py (this module holds its code: see there why).

Usage: MOTCUA_DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/http.py \\
           [--dossiers 1000000] [--seconds 5] [--only SUBSTRING] [--keep | --reuse]

`--keep` leaves the PostgreSQL database `<name>_http` in place; `--reuse` then runs on it without
migrating a fresh one or loading the data again (minutes instead of the load's time at 1 million), and
builds and keeps it the first time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
if str(HERE) not in sys.path:
    sys.path.append(str(HERE))

from app_servers import BARE_APP, _wait, free_port  # noqa: E402

CONNECTIONS = (1, 16)
DEEP_ROWS = 2000
PAGE = 50
SUBMIT_PROCEDURE = "9.999999"
FIRST_PROCEDURE = "9.000000"  # bench/worklist.py's first procedure
BIG_AGENCY = "H50.01"  # bench/worklist.py's largest agency


def wrk_or_exit() -> str:
    found = shutil.which("wrk")
    if not found:
        sys.exit("bench/http.py needs wrk: run `scripts/system-deps.sh --bench` (or apt-get install wrk).")
    return found


def holds_data_set(url: str, count: int) -> bool:
    """Whether the database at `url` holds a complete data set of `count` dossiers from an earlier run.

    The submission procedure is the last thing `prepare` makes, so its presence means the load finished.
    """
    import psycopg

    try:
        with psycopg.connect(url, autocommit=True) as db:
            found = db.execute(
                "SELECT (SELECT count(*) FROM dossiers_dossier WHERE id <= %s), "
                "EXISTS (SELECT 1 FROM catalog_procedure WHERE code = %s)",
                [count, SUBMIT_PROCEDURE],
            ).fetchone()
    except psycopg.Error:
        return False
    return found is not None and found[0] == count and bool(found[1])


def throwaway_database(args: argparse.Namespace, folder: Path) -> tuple[str, Any, bool]:
    """The URL of the bench's database, a function that drops it, and whether it already holds the data.

    With `--reuse`, a database left by an earlier `--keep` run with the same `--dossiers` is used as it
    is (and kept); otherwise it is made afresh.
    """
    base = os.environ.get("MOTCUA_DATABASE_URL", "")
    if not base.startswith("postgres"):
        return f"sqlite:///{folder / 'bench.sqlite3'}", lambda: None, False
    import psycopg

    prefix, _, name = base.rpartition("/")
    name = name.split("?")[0]
    bench = f"{name}_http"
    url = f"{prefix}/{bench}"

    def run(sql: str) -> None:
        with psycopg.connect(base, autocommit=True) as db:
            db.execute(sql)

    if args.reuse and holds_data_set(url, args.dossiers):
        return url, lambda: None, True
    run(f'DROP DATABASE IF EXISTS "{bench}" WITH (FORCE)')
    run(f'CREATE DATABASE "{bench}"')
    return (
        url,
        (lambda: None)
        if args.keep or args.reuse
        else (lambda: run(f'DROP DATABASE IF EXISTS "{bench}" WITH (FORCE)')),
        False,
    )


def server_environment(database_url: str, folder: Path) -> dict[str, str]:
    """Production settings on the bench's database, with the limits that would stop a load test off."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "motcua.settings.production",
        "MOTCUA_SECRET_KEY": secrets.token_urlsafe(40),
        "MOTCUA_DATABASE_URL": database_url,
        "MOTCUA_DATA_DIR": str(folder),
        "MOTCUA_MEDIA_ROOT": str(folder / "media"),
        "MOTCUA_STATIC_ROOT": str(folder / "static"),
        "MOTCUA_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "MOTCUA_SSL_REDIRECT": "0",
        "MOTCUA_SECURE_COOKIES": "0",
        "MOTCUA_HSTS_SECONDS": "0",
        "MOTCUA_SUBMISSIONS_PER_ADDRESS_HOUR": "0",
        "MOTCUA_SUBMISSIONS_PER_ADDRESS_DAY": "0",
        "MOTCUA_SUBMISSIONS_PER_ACCOUNT_DAY": "0",
        # wrk is one address: the catalogue search's limit is raised, not removed (each request is counted).
        "MOTCUA_API_CATALOGUE_RATE": "1000000000/min",
        "MOTCUA_LOG_LEVEL": "WARNING",
    }


def padded_pdf(size: int) -> bytes:
    """A valid one-page PDF of about `size` bytes (the padding is a metadata string)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Subject": "x" * size})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def multipart_body(payload: dict[str, Any], files: dict[str, bytes]) -> tuple[bytes, str]:
    boundary = "motcuabench" + secrets.token_hex(8)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n'.encode()
        + json.dumps(payload, ensure_ascii=False).encode()
        + b"\r\n"
    ]
    for field, content in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{field}.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def prepare(count: int, folder: Path, reused: bool = False) -> dict[str, Any]:
    """Migrate, load the data set, and make what the scenarios need (in this process, on the bench DB).

    On a `reused` database the data set is found rather than loaded (migrate still applies any new
    migration); the token, the session and the submission body are made afresh each run.
    """
    import django

    django.setup()
    from django.core.management import call_command

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    import worklist  # bench/worklist.py: its generator and loader

    from motcua.api.tokens import issue_token
    from motcua.catalog.models import ProcedureVersion
    from motcua.catalog.services import publish_procedure_version, upsert_sector
    from motcua.core.time import now
    from motcua.dossiers.models import Dossier

    if reused:
        from motcua.accounts.models import User
        from motcua.agencies.models import Agency

        big = Agency.objects.get(code=BIG_AGENCY)
        leader = User.objects.get(username="lanhdao")
        version = ProcedureVersion.objects.filter(procedure__code=SUBMIT_PROCEDURE).latest("pk")
        procedure = FIRST_PROCEDURE
    else:
        world = worklist.build_world()
        worklist.load(count, world, now())
        big, leader = world["big"], world["leader"]
        assert big.code == BIG_AGENCY
        procedure = world["versions"][0].procedure.code
        version = publish_procedure_version(
            code=SUBMIT_PROCEDURE,
            sector=upsert_sector(code="BENCHNOP", name="Nộp trực tuyến thử tải"),
            name="Thủ tục nộp trực tuyến thử tải",
            competent_agency=big,
            receiving_agencies=[big],
            processing_time=10,
            online_level=ProcedureVersion.OnlineLevel.END_TO_END,
            required_documents=[
                {"name": "Tờ khai", "copy_type": "original", "count": 1, "is_mandatory": True},
                {"name": "Giấy tờ kèm theo", "copy_type": "original", "count": 1, "is_mandatory": True},
            ],
        )
    documents = list(version.required_documents.order_by("pk").values_list("pk", flat=True))
    attachment = padded_pdf(50_000)
    payload = {
        "procedure": SUBMIT_PROCEDURE,
        "receiving_agency": big.code,
        "applicant": {
            "kind": "citizen",
            "name": "Trần Thị Hoa",
            "id_number": "037190004321",
            "phone": "0912 345 678",
            "email": "hoa.tran@example.vn",
            "address": "Phường Đông Hà, tỉnh Quảng Trị",
        },
        "form_data": {},
    }
    body, content_type = multipart_body(payload, {f"document_{d}": attachment for d in documents})
    (folder / "submit.body").write_bytes(body)
    (folder / "submit.lua").write_text(
        f'local f = io.open("{folder / "submit.body"}", "rb")\n'
        'wrk.method = "POST"\nwrk.body = f:read("*a")\nf:close()\n'
        f'wrk.headers["Content-Type"] = "{content_type}"\n'
    )
    token, _row = issue_token(user=leader, name="bench")
    session = worklist.client_for(leader).cookies["sessionid"].value
    code = (
        Dossier.objects.filter(receiving_agency=big, state="processing")
        .order_by("pk")
        .values_list("code", flat=True)
        .first()
    )
    held = Dossier.objects.filter(current_agency=big).count()
    print(
        f"data: {count:,} dossiers, largest agency {held:,}; "
        f"{'reused' if reused else 'built'} in {time.perf_counter() - began:.0f} s",
        flush=True,
    )
    return {
        "token": token,
        "session": session,
        "code": code,
        "procedure": procedure,
        "submit_version": version.pk,
        "body_bytes": len(body),
    }


def submitted_count(version_id: int) -> int:
    from motcua.dossiers.models import Dossier

    return Dossier.objects.filter(procedure_version_id=version_id).count()


def fetch(url: str, headers: dict[str, str]) -> str:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read().decode()


def deep_api_url(base: str, headers: dict[str, str]) -> tuple[str, int]:
    """The API list's page DEEP_ROWS rows deep (or its last page on a small data set), and its depth."""
    url = f"{base}/api/v1/dossiers/?page_size={PAGE}"
    for depth in range(DEEP_ROWS // PAGE):
        following = json.loads(fetch(url, headers))["next"]
        if not following:
            return url, depth * PAGE
        url = following
    return url, DEEP_ROWS


def deep_worklist_url(base: str, path: str, headers: dict[str, str]) -> tuple[str, int]:
    url = base + path
    for depth in range(DEEP_ROWS // PAGE):
        match = re.search(r'href="([^"]*sau=[^"]+)" hx-get', fetch(url, headers))
        if not match:
            return url, depth * PAGE
        url = base + match.group(1).replace("&amp;", "&")
    return url, DEEP_ROWS


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * UNITS[unit]


def cpu_seconds(group: int) -> float:
    """User + system CPU seconds of every live process in the process group `group`."""
    total = 0
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # pgrp
            total += int(fields[11]) + int(fields[12])
    return total / tick


def run_wrk(
    url: str, connections: int, seconds: float, headers: dict[str, str], script: Path | None, group: int
) -> dict[str, Any]:
    command = [
        wrk_or_exit(),
        f"-t{min(connections, 2)}",
        f"-c{connections}",
        f"-d{seconds:.0f}s",
        "--timeout",
        "10s",
        "--latency",
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", str(script)]
    cpu_before = cpu_seconds(group)
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    cpu = cpu_seconds(group) - cpu_before
    requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        "p50": _ms(re.search(r"\s50%\s+(\S+)", output).group(1)),  # type: ignore[union-attr]
        "p99": _ms(re.search(r"\s99%\s+(\S+)", output).group(1)),  # type: ignore[union-attr]
        "requests": requests,
        "bad": int(bad.group(1)) if bad else 0,
        "socket_errors": sum(int(x) for x in sockets.groups()) if sockets else 0,
        "cpu_ms": 1000 * cpu / requests if requests else 0.0,
    }


def start(command: list[str], env: dict[str, str], cwd: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    """The server in its own process group (its CPU time is read from /proc); stderr to `log`."""
    with log.open("ab") as errors:
        process = subprocess.Popen(
            command, env=env, cwd=cwd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=errors
        )
    _wait(port, process)
    return process


def stop(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def report(name: str, connections: int, figures: dict[str, Any], ceiling: dict[int, float]) -> None:
    ratio = figures["rps"] / ceiling[connections] if ceiling.get(connections) else 0.0
    errors = figures["bad"] + figures["socket_errors"]
    print(
        f"{name:<44} {connections:>3} {figures['rps']:>9,.1f} {figures['p50']:>8.1f} {figures['p99']:>8.1f} "
        f"{ratio:>7.1%} {figures['cpu_ms']:>8.2f} {errors:>6}  {load_average()}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dossiers", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--only", default="", help="run only the scenarios whose name contains this")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use the kept database as it is when it holds --dossiers dossiers (else build it); keep it",
    )
    args = parser.parse_args()
    wrk_or_exit()
    folder = Path(tempfile.mkdtemp(prefix="motcua-http-"))
    database_url, drop, reused = throwaway_database(args, folder)
    env = server_environment(database_url, folder)
    os.environ.update(env)
    try:
        data = prepare(args.dossiers, folder, reused)
        from django.db import connections

        connections.close_all()
        measure(args, data, env, folder)
    finally:
        from django.db import connections

        connections.close_all()
        drop()
        shutil.rmtree(folder, ignore_errors=True)


def measure(args: argparse.Namespace, data: dict[str, Any], env: dict[str, str], folder: Path) -> None:
    seconds = args.seconds
    print(f"{args.workers} worker processes, {seconds:.0f} s per run, wrk on the same machine")
    print(
        f"{'scenario':<44} {'con':>3} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'ceiling':>7} "
        f"{'CPU ms':>8} {'errors':>6}  load average"
    )
    bare = folder / "bare"
    bare.mkdir()
    (bare / "bareapp.py").write_text(BARE_APP)
    port = free_port()
    granian = str(Path(sys.executable).parent / "granian")
    process = start(
        [granian, "--interface", "wsgi", "--workers", str(args.workers), "--host", "127.0.0.1"]  # noqa: RUF005
        + ["--port", str(port), "--log-level", "error", "bareapp:application"],
        {k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"},  # its own settings: bareapp
        str(bare),
        port,
        folder / "bare.log",
    )
    ceiling: dict[int, float] = {}
    try:
        run_wrk(f"http://127.0.0.1:{port}/", 4, 1, {}, None, process.pid)  # warm-up
        for connections in CONNECTIONS:
            figures = run_wrk(f"http://127.0.0.1:{port}/", connections, seconds, {}, None, process.pid)
            ceiling[connections] = figures["rps"]
            report("ceiling: bare Django view (granian)", connections, figures, ceiling)
    finally:
        stop(process)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = start(
        [sys.executable, "-m", "motcua.cli", "serve", "--port", str(port), "--workers", str(args.workers)],
        env,
        str(ROOT),
        port,
        folder / "serve.log",
    )
    try:
        bearer = {"Authorization": f"Bearer {data['token']}"}
        cookie = {"Cookie": f"sessionid={data['session']}"}
        worklist_path = "/can-bo/danh-sach/toan-co-quan/"
        scenarios: list[tuple[str, str, dict[str, str], Path | None]] = [
            ("catalogue (anonymous)", f"{base}/", {}, None),
            ("procedure page (anonymous)", f"{base}/thu-tuc/{data['procedure']}/", {}, None),
            ("GET /api/v1/procedures/ (anonymous)", f"{base}/api/v1/procedures/", {}, None),
            (
                "GET /api/v1/dossiers/{code}/ (officer)",
                f"{base}/api/v1/dossiers/{data['code']}/",
                bearer,
                None,
            ),
            ("API dossier list, page 1 of 50", f"{base}/api/v1/dossiers/?page_size={PAGE}", bearer, None),
            ("API dossier list, 2,000 rows deep", "deep-api", bearer, None),
            ("worklist Toàn cơ quan, page 1 of 50", base + worklist_path, cookie, None),
            ("worklist Toàn cơ quan, 2,000 rows deep", "deep-worklist", cookie, None),
            ("online submission, 2 attachments (API)", f"{base}/api/v1/dossiers/", {}, folder / "submit.lua"),
        ]
        for name, url, headers, script in scenarios:
            if args.only and args.only not in name:
                continue
            if url in ("deep-api", "deep-worklist"):
                url, depth = (
                    deep_api_url(base, headers)
                    if url == "deep-api"
                    else deep_worklist_url(base, worklist_path, headers)
                )
                name = name.replace(f"{DEEP_ROWS:,} rows", f"{depth:,} rows")
            elif script is None:
                fetch(url, headers)  # fails loudly on a broken scenario before loading it
            if script is None:  # every worker warm (imports, connections, caches) before measuring
                run_wrk(url, 4, 1, headers, None, process.pid)
            for connections in CONNECTIONS:
                before = submitted_count(data["submit_version"]) if script else 0
                figures = run_wrk(url, connections, seconds, headers, script, process.pid)
                report(name, connections, figures, ceiling)
                if script:
                    time.sleep(1)  # requests still in flight when wrk stopped
                    stored = submitted_count(data["submit_version"]) - before
                    acknowledged = figures["requests"] - figures["bad"]
                    print(
                        f"    acknowledged {acknowledged:,}, stored {stored:,}, "
                        f"lost {max(0, acknowledged - stored)} (body {data['body_bytes']:,} bytes)",
                        flush=True,
                    )
    finally:
        stop(process)
        errors = (folder / "serve.log").read_text(errors="replace")
        if "Traceback" in errors:
            print("server errors (stderr, last 3000 characters):\n" + errors[-3000:])


if __name__ == "__main__":
    main()
