"""Fixtures of the portal's tests: the demo catalogue, officers, a real SMTP server, a real OIDC provider."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from motcua.accounts.models import User
from motcua.demo.catalogue import load_agencies, load_catalogue
from motcua.web.testing import not_ours

from .support import JUDICIAL_RECORD, free_port, officers


@pytest.fixture
def catalogue(db):  # type: ignore[no-untyped-def]
    """The whole demo catalogue (27 procedures): for search, browsing and screenshots."""
    load_catalogue(load_agencies())


@pytest.fixture
def judicial(db, monkeypatch):  # type: ignore[no-untyped-def]
    """Only the judicial-record procedure of the demo catalogue: enough for most tests, and quick."""
    from motcua.demo import catalogue as demo

    monkeypatch.setattr(demo, "PROCEDURES", [p for p in demo.PROCEDURES if p["code"] == JUDICIAL_RECORD])
    demo.load_catalogue(demo.load_agencies())


@pytest.fixture
def citizen(judicial, client):  # type: ignore[no-untyped-def]
    """Phạm Thị Mai, logged in to the portal with `client`."""
    user = User.objects.create_user("mai", password="x", full_name="Phạm Thị Mai", email="mai@example.vn")
    client.force_login(user)
    return user


@pytest.fixture
def staff(db):  # type: ignore[no-untyped-def]
    """Officers of the demo province (loads its agencies if needed; ask for a catalogue too)."""
    load_agencies()
    return officers()


class Mailbox:
    """What a real SMTP server (aiosmtpd, on 127.0.0.1) received during the test."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        return "250 OK"

    @property
    def subjects(self) -> list[str]:
        return [" ".join(str(m["subject"]).split()) for m in self.messages]

    def body(self, index: int) -> str:
        return self.messages[index].get_body(("plain",)).get_content()  # type: ignore[union-attr]

    def wait_for(self, count: int, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)


@pytest.fixture
def mailbox(settings) -> Iterator[Mailbox]:  # type: ignore[no-untyped-def]
    """A real SMTP server started for the test; Django sends to it through the smtp backend."""
    from aiosmtpd.controller import Controller

    box = Mailbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 10
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    try:
        yield box
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[dict[str, str]]:
    """oidc-provider-mock (a real OpenID Connect provider from PyPI) on a free port of 127.0.0.1."""
    port = free_port()
    executable = Path(sys.executable).with_name("oidc-provider-mock")
    process = subprocess.Popen(
        [str(executable), "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    not_ours(base + "/")  # its login pages are the test provider's, not ours to audit
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(base + "/.well-known/openid-configuration", timeout=1) as r:
                    discovery = json.load(r)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("oidc-provider-mock did not start") from None
                time.sleep(0.1)
        yield {"base": base, **discovery}
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def oidc_settings(settings, oidc_provider):  # type: ignore[no-untyped-def]
    settings.OIDC_RP_CLIENT_ID = "motcua-test"
    settings.OIDC_RP_CLIENT_SECRET = "bi-mat-thu-nghiem"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = oidc_provider["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = oidc_provider["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = oidc_provider["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = oidc_provider["jwks_uri"]
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_VERIFY_KID = False  # oidc-provider-mock signs with its one key and names no "kid"
    settings.MOTCUA_OIDC_ISSUER = oidc_provider["issuer"]
    return oidc_provider


def set_oidc_user(provider: dict[str, str], sub: str, claims: dict[str, object]) -> None:
    """Tell the provider who `sub` is (its PUT /users/{sub} test interface)."""
    request = urllib.request.Request(
        f"{provider['base']}/users/{sub}",
        data=json.dumps(claims).encode(),
        method="PUT",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=5):
        pass
