"""Many users at once on the demo province: locust against `motcua serve` for a set time.

Prepares a throw-away demo province (`motcua demo --no-serve`), starts the production server on it
behind one trusted proxy (each simulated user sends its own X-Forwarded-For, as the reverse proxy of
`deploy/` would), issues API tokens to the demo officers, then runs `bench/locustfile.py` headless and
prints, per page and in all: requests, errors, requests per second, p50, p95 and p99.

Usage: .venv/bin/python bench/load.py [--users 500] [--minutes 10] [--spawn-rate 25] [--dossiers 300]
       (needs the bench extra: .venv/bin/pip install -e ".[bench]")
Exits 1 when any request failed. The load generator shares the machine's cores with the server.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from app_servers import _wait, free_port

HERE = Path(__file__).resolve().parent
MOTCUA = [sys.executable, "-m", "motcua.cli"]
ISSUE_TOKENS = """
import json
from motcua.accounts.models import User
from motcua.api.tokens import issue_token
from motcua.catalog.models import Procedure
officers = User.objects.filter(username__in=["tiepnhan", "chuyenvien", "truongphong", "lanhdao", "vanthu"])
print(json.dumps({
    "tokens": [issue_token(user=u, name="bench")[0] for u in officers],
    "procedures": list(Procedure.objects.values_list("code", flat=True)[:200]),
}))
"""


def _run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([*MOTCUA, *command], env=env, capture_output=True, text=True, timeout=1800)
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def _environment(folder: Path) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("MOTCUA_", "DJANGO_"))}
    return inherited | {
        "MOTCUA_DATA_DIR": str(folder),
        "MOTCUA_DATABASE_URL": f"sqlite:///{folder / 'motcua.sqlite3'}",
        "MOTCUA_SECRET_KEY": "load-bench-" + "k" * 40,
        "MOTCUA_SSL_REDIRECT": "0",
        "MOTCUA_SECURE_COOKIES": "0",
        "MOTCUA_TRUSTED_PROXIES": "1",
        "MOTCUA_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }


def _print_stats(prefix: Path) -> int:
    rows = list(csv.DictReader((prefix.parent / f"{prefix.name}_stats.csv").open()))
    print(f"{'trang / API':<34}{'yêu cầu':>9}{'lỗi':>6}{'req/s':>8}{'p50':>7}{'p95':>7}{'p99':>7}  (ms)")
    failures = 0
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "TẤT CẢ"
        if row["Name"] == "Aggregated":
            failures = int(row["Failure Count"])
            print("-" * 80)
        print(
            f"{name[:33]:<34}{row['Request Count']:>9}{row['Failure Count']:>6}"
            f"{float(row['Requests/s']):>8.1f}{row['50%']:>7}{row['95%']:>7}{row['99%']:>7}"
        )
    errors = prefix.parent / f"{prefix.name}_failures.csv"
    if failures and errors.exists():
        print("\nlỗi:")
        for row in csv.DictReader(errors.open()):
            print(f"  {row['Occurrences']:>6} × {row['Method']} {row['Name']}: {row['Error'][:150]}")
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--spawn-rate", type=float, default=25)
    parser.add_argument("--dossiers", type=int, default=300)
    options = parser.parse_args()
    locust = Path(sys.executable).parent / "locust"
    if not locust.exists():
        raise SystemExit('locust is not installed: .venv/bin/pip install -e ".[bench]"')
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = _environment(folder)
        started = time.monotonic()
        demo_env = env | {"DJANGO_SETTINGS_MODULE": "motcua.settings.dev", "MOTCUA_DEMO": "1"}
        _run(["demo", "--no-serve", "--dossiers", str(options.dossiers)], demo_env)
        _run(["collectstatic", "--noinput", "-v0"], env)
        data = json.loads(_run(["shell", "-c", ISSUE_TOKENS], env).strip().splitlines()[-1])
        print(
            f"demo province ready in {time.monotonic() - started:.0f} s: "
            f"{len(data['procedures'])} procedures, {len(data['tokens'])} officers' tokens"
        )
        port = free_port()
        log = (folder / "serve.log").open("wb")
        server = subprocess.Popen(
            [*MOTCUA, "serve", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait(port, server)
            prefix = folder / "load"
            load_env = os.environ | {
                "LOAD_PROCEDURES": json.dumps(data["procedures"]),
                "LOAD_TOKENS": json.dumps(data["tokens"]),
            }
            print(
                f"{options.users} users, {options.spawn_rate}/s spawned, {options.minutes} min, "
                f"{len(os.sched_getaffinity(0))} cores shared by server and load; load average "
                f"{os.getloadavg()[0]:.1f} before"
            )
            subprocess.run(
                [
                    str(locust),
                    "-f",
                    str(HERE / "locustfile.py"),
                    "--headless",
                    "--only-summary",
                    "-u",
                    str(options.users),
                    "-r",
                    str(options.spawn_rate),
                    "-t",
                    f"{int(options.minutes * 60)}s",
                    "--host",
                    f"http://127.0.0.1:{port}",
                    "--csv",
                    str(prefix),
                    "--loglevel",
                    "WARNING",
                ],
                env=load_env,
                check=False,
                stdout=subprocess.DEVNULL,
                stderr=(folder / "locust.log").open("wb"),
            )
            if not (folder / "load_stats.csv").exists():
                raise SystemExit((folder / "locust.log").read_text()[-3000:])
            print(f"load average after: {os.getloadavg()[0]:.1f}")
            failures = _print_stats(prefix)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
            log.close()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
