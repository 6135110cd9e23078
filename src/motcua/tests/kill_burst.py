"""kill -9 during a burst of online submissions: the harness shared by the CI test
(test_kill_9_mid_burst_loses_no_acknowledged_dossier.py, small) and bench/kill_burst.py (bigger).

`motcua serve` (granian, production settings) and `motcua worker` run as real processes on a
throw-away database (PostgreSQL when reachable, SQLite otherwise; the CI test's is a copy of its
test session's migrated PostgreSQL template) and a real SMTP server (aiosmtpd) started here.
Client threads submit dossiers through POST /api/v1/dossiers/, each with its own
`Idempotency-Key`, retrying the same key after any lost answer; meanwhile the server's whole
process group and the worker are killed with SIGKILL and started again, in turn. Afterwards:

- every code answered with 201 exists (nothing acknowledged is lost);
- no idempotency key made two dossiers, and no dossier exists without the key of a request sent;
- every dossier's event chain verifies;
- every task that was enqueued ran (after the last restart the worker drains the queue), and the
  applicant's e-mail for each acknowledged dossier reached the SMTP server.

`python -m motcua.tests.kill_burst setup|verify` are the two steps that run inside the instance's
settings (subprocesses, like the server): they build the world and check it afterwards.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

POSTGRES_ADMIN = os.environ.get("MOTCUA_KILL_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
MOTCUA = [sys.executable, "-m", "motcua.cli"]


@dataclass
class Outcome:
    """What the clients saw and what the instance holds afterwards."""

    database: str
    submissions: int = 0  # distinct idempotency keys sent
    acknowledged: dict[str, str] = field(default_factory=dict)  # key -> code from a 201
    retries: int = 0
    server_kills: int = 0
    worker_kills: int = 0
    seconds: float = 0.0
    check: dict[str, Any] = field(default_factory=dict)
    mails: int = 0

    @property
    def problems(self) -> list[str]:
        found = list(self.check.get("problems", []))
        missing = set(self.acknowledged.values()) - set(self.check.get("codes", []))
        if missing:
            found.append(f"{len(missing)} acknowledged dossier(s) missing: {sorted(missing)[:5]}")
        if self.check.get("dossiers", 0) > self.submissions:
            found.append(f"{self.check['dossiers']} dossiers for {self.submissions} submissions")
        if self.check.get("tasks_waiting"):
            found.append(f"{self.check['tasks_waiting']} task(s) never ran: {self.check['tasks']}")
        if self.mails < len(self.acknowledged):
            found.append(f"{self.mails} e-mails for {len(self.acknowledged)} acknowledged dossiers")
        return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def throwaway_database(
    directory: Path, engine: str = "auto", *, server: str = POSTGRES_ADMIN, template: str | None = None
) -> Iterator[str]:
    """A PostgreSQL database made for the run on `server` (a copy of `template`, a migrated database
    there, when given) and dropped after it, or an SQLite file."""
    if engine in ("auto", "postgres"):
        try:
            import psycopg

            admin = psycopg.connect(server, autocommit=True, connect_timeout=3)
        except Exception:
            if engine == "postgres":
                raise
        else:
            name = f"motcua_kill_{uuid.uuid4().hex[:12]}"
            copied = f' TEMPLATE "{template}"' if template else ""
            admin.execute(f'CREATE DATABASE "{name}"{copied}')
            try:
                yield server.rsplit("/", 1)[0] + "/" + name
            finally:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                admin.close()
            return
    yield f"sqlite:///{directory / 'motcua.sqlite3'}"


class Mailbox:
    """A real SMTP server on 127.0.0.1 that keeps the recipients of what it received."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.recipients: list[str] = []
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.recipients.extend(envelope.rcpt_tos)
        return "250 OK"

    def __enter__(self) -> Mailbox:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


class Instance:
    """One motcua instance: its environment, its server and its worker, as processes."""

    def __init__(self, directory: Path, database_url: str, mail_port: int, web_workers: int) -> None:
        self.directory = directory
        self.port = free_port()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("MOTCUA_", "DJANGO_"))} | {
            "MOTCUA_SECRET_KEY": "kill-burst-" + "k" * 40,
            "MOTCUA_DATA_DIR": str(directory),
            "MOTCUA_DATABASE_URL": database_url,
            "MOTCUA_SSL_REDIRECT": "0",
            "MOTCUA_SECURE_COOKIES": "0",
            "MOTCUA_WEB_WORKERS": str(web_workers),
            "MOTCUA_EMAIL_HOST": "127.0.0.1",
            "MOTCUA_EMAIL_PORT": str(mail_port),
            "MOTCUA_LOG_FORMAT": "text",
            "PYTHONWARNINGS": "ignore",
            # A burst from one address and one account: the anti-abuse limits would refuse it.
            "MOTCUA_SUBMISSIONS_PER_ADDRESS_HOUR": "1000000",
            "MOTCUA_SUBMISSIONS_PER_ADDRESS_DAY": "1000000",
            "MOTCUA_SUBMISSIONS_PER_ACCOUNT_DAY": "1000000",
            # A task left RUNNING by a killed worker runs again after this (motcua worker).
            "MOTCUA_TASK_LEASE_SECONDS": "3",
        }
        self.server: subprocess.Popen[bytes] | None = None
        self.worker: subprocess.Popen[bytes] | None = None
        self.log = (directory / "processes.log").open("ab")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [*MOTCUA, *args], env=self.env, check=False, capture_output=True, text=True, timeout=600
        )
        if done.returncode:
            raise RuntimeError(f"motcua {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def step(self, name: str, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "motcua.tests.kill_burst", name, *args],
            env={**self.env, "DJANGO_SETTINGS_MODULE": "motcua.settings.production"},
            check=False,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode:
            raise RuntimeError(f"step {name} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout.strip().splitlines()[-1]

    def start_server(self, timeout: float = 60) -> None:
        # Its own process group: SIGKILL reaches granian's workers too, as a crash of the host would.
        self.server = subprocess.Popen(
            [*MOTCUA, "serve", "--port", str(self.port)],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(self.base + "/api/v1/procedures/", timeout=5) as answer:
                    if answer.status == 200:
                        return
            except (OSError, urllib.error.HTTPError):
                pass
            if self.server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("motcua serve did not answer; see " + str(self.log.name))
            time.sleep(0.1)

    def start_worker(self) -> None:
        self.worker = subprocess.Popen(
            [*MOTCUA, "worker", "--interval", "0.2"],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @staticmethod
    def _kill(process: subprocess.Popen[bytes] | None, sig: int = signal.SIGKILL) -> None:
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def kill_server(self) -> None:
        self._kill(self.server)

    def kill_worker(self) -> None:
        self._kill(self.worker)

    def stop(self) -> None:
        self._kill(self.server, signal.SIGTERM)
        self._kill(self.worker, signal.SIGTERM)
        self.log.close()


def _submit(instance: Instance, world: dict[str, Any], key: str, body: bytes, boundary: str) -> str | None:
    """One attempt; the dossier code on 201, None when the answer was lost (retry the same key)."""
    request = urllib.request.Request(
        instance.base + "/api/v1/dossiers/",
        data=body,
        method="POST",
        headers={
            "Authorization": f"Bearer {world['token']}",
            "Idempotency-Key": key,
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            if answer.status == 201:
                return str(json.loads(answer.read())["code"])
    except urllib.error.HTTPError as error:
        if error.code < 500 and error.code != 429:
            raise AssertionError(f"submission refused: {error.code} {error.read()[:300]!r}") from None
    except (OSError, ValueError, http.client.HTTPException):
        # Connection refused or reset, an answer cut after its headers (IncompleteRead): lost.
        pass
    return None


def _multipart(world: dict[str, Any], n: int) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    payload = {
        "procedure": world["procedure"],
        "applicant": {
            "kind": "citizen",
            "name": "Trần Thị Hoa",
            "id_number": "037190004321",
            "email": f"hoa.{n}@example.vn",
            "address": "Phường Hoa Lư, tỉnh Ninh Bình",
        },
        "form_data": {"full_name": "Trần Thị Hoa", "birth_date": "1990-02-17", "copies": 1},
    }
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n'.encode()
        + json.dumps(payload, ensure_ascii=False).encode()
        + b"\r\n",
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="document_{world["document"]}"; '
            'filename="to-khai.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
        + world["pdf"].encode("latin-1")
        + b"\r\n",
        f"--{boundary}--\r\n".encode(),
    ]
    return b"".join(parts), boundary


def run(
    directory: Path,
    *,
    clients: int = 4,
    per_client: int = 15,
    kills: int = 3,
    engine: str = "auto",
    web_workers: int = 2,
    give_up_after: float = 120,
    server: str = POSTGRES_ADMIN,
    template: str | None = None,
) -> Outcome:
    """The whole scenario; the returned outcome's `problems` is empty when nothing went wrong.
    `server` and `template`: where the PostgreSQL database is made, and from what (throwaway_database)."""
    throwaway = throwaway_database(directory, engine, server=server, template=template)
    with throwaway as database_url, Mailbox() as mailbox:
        outcome = Outcome(database=database_url.split(":", 1)[0])
        instance = Instance(directory, database_url, mailbox.port, web_workers)
        try:
            instance.run("migrate", "-v0")
            world = json.loads(instance.step("setup"))
            instance.start_server()
            instance.start_worker()
            lock = threading.Lock()
            started = time.monotonic()
            done = threading.Event()

            killed = threading.Event()  # every kill done: the burst may end

            def client(number: int) -> None:
                # At least `per_client` submissions each, and on until the last kill: a fast machine
                # must not finish the burst before the kills.
                i = -1
                while (i := i + 1) < per_client or not killed.is_set():
                    key = str(uuid.uuid4())
                    body, boundary = _multipart(world, number * 10_000 + i)
                    with lock:
                        outcome.submissions += 1
                    deadline = time.monotonic() + give_up_after
                    while (code := _submit(instance, world, key, body, boundary)) is None:
                        if time.monotonic() > deadline:
                            return  # never acknowledged: allowed to exist or not, never twice
                        with lock:
                            outcome.retries += 1
                        time.sleep(0.05)
                    with lock:
                        outcome.acknowledged[key] = code

            def killer() -> None:
                # Server and worker in turn, each `kills` times, spread over the burst.
                try:
                    for _ in range(kills):
                        for target in ("server", "worker"):
                            if done.wait(0.6):
                                return
                            if target == "server":
                                instance.kill_server()
                                outcome.server_kills += 1
                                instance.start_server()
                            else:
                                instance.kill_worker()
                                outcome.worker_kills += 1
                                time.sleep(random.uniform(0, 0.3))
                                instance.start_worker()
                finally:
                    killed.set()

            threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
            chaos = threading.Thread(target=killer)
            for thread in [*threads, chaos]:
                thread.start()
            for thread in threads:
                thread.join()
            done.set()
            chaos.join()
            killed.set()
            outcome.seconds = time.monotonic() - started

            # Let the restarted worker drain the queue, then look.
            codes = json.dumps(sorted(set(outcome.acknowledged.values())))
            (directory / "acknowledged.json").write_text(codes)
            deadline = time.monotonic() + 60
            while True:
                outcome.check = json.loads(instance.step("verify", str(directory / "acknowledged.json")))
                if outcome.check["tasks_waiting"] == 0 or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
            outcome.mails = len(set(mailbox.recipients))
        finally:
            instance.stop()
        return outcome


def _setup() -> dict[str, Any]:
    """The world: the API tests' province, a citizen's token (printed as JSON)."""
    from motcua.api.tests.factories import build_province
    from motcua.api.tokens import issue_token
    from motcua.dossiers.tests.factories import PDF_BYTES

    world = build_province()
    raw, _token = issue_token(user=world.citizen, name="kill-burst")
    return {
        "token": raw,
        "procedure": world.procedure_code,
        "document": world.mandatory_document.pk,
        "pdf": PDF_BYTES.decode("latin-1"),
    }


def _verify(acknowledged: Path) -> dict[str, Any]:
    """What the database holds: codes, duplicates, chains, tasks (printed as JSON)."""
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from motcua.dossiers.events import verify_chain
    from motcua.dossiers.models import Dossier

    problems: list[str] = []
    wanted = set(json.loads(acknowledged.read_text()))
    dossiers = list(Dossier.objects.all())
    keys = Dossier.objects.values("idempotency_key").annotate(n=Count("pk")).filter(n__gt=1)
    if keys:
        problems.append(f"idempotency keys with several dossiers: {list(keys)[:5]}")
    if any(not d.idempotency_key for d in dossiers):
        problems.append("a dossier without the idempotency key of its request")
    broken = [d.code for d in dossiers if not verify_chain(d).ok]
    if broken:
        problems.append(f"event chains that do not verify: {broken[:5]}")
    codes = {d.code for d in dossiers}
    tasks = DBTaskResult.objects.values("status").annotate(n=Count("pk"))
    by_status = {row["status"]: row["n"] for row in tasks}
    waiting = sum(n for status, n in by_status.items() if status in ("READY", "RUNNING"))
    failed = by_status.get("FAILED", 0)
    if failed:
        problems.append(f"{failed} task(s) failed")
    return {
        "codes": sorted(codes & wanted),
        "dossiers": len(dossiers),
        "tasks": by_status,
        "tasks_waiting": waiting,
        "problems": problems,
    }


def main(argv: list[str]) -> None:
    import django

    django.setup()
    if argv[0] == "setup":
        result = _setup()
    elif argv[0] == "verify":
        result = _verify(Path(argv[1]))
    else:
        raise SystemExit(f"unknown step {argv[0]}")
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
