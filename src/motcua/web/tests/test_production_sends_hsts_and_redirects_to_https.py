"""Production settings: HTTPS only (a year of HSTS, plain HTTP redirected) except the health check,
which load balancers probe over plain HTTP; `check --deploy` finds nothing to say."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from motcua.core.testing import operator_environment

NAMES = [
    "DEBUG",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
]
SHOW = f"""
import json, django
django.setup()
from django.conf import settings
print(json.dumps({{name: getattr(settings, name) for name in {NAMES!r}}}))
"""


def _production(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        env=operator_environment(
            DJANGO_SETTINGS_MODULE="motcua.settings.production",
            MOTCUA_SECRET_KEY="x8#kq" * 12,
            MOTCUA_DATA_DIR=str(tmp_path),
            **env,
        ),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _settings(tmp_path: Path, **env: str) -> dict:
    done = _production(tmp_path, "-c", SHOW, **env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def defaults(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _settings(tmp_path_factory.mktemp("production"))


def test_defaults(defaults):
    values = defaults

    assert values["DEBUG"] is False
    assert values["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True


def test_each_is_configurable(tmp_path):
    values = _settings(
        tmp_path,
        MOTCUA_HSTS_SECONDS="300",
        MOTCUA_HSTS_INCLUDE_SUBDOMAINS="0",
        MOTCUA_HSTS_PRELOAD="1",
        MOTCUA_SSL_REDIRECT="0",
    )

    assert values["SECURE_HSTS_SECONDS"] == 300
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["SECURE_SSL_REDIRECT"] is False


def test_the_deployment_check_is_clean(tmp_path):
    # A production instance names its virus scanner (antivirus.W001 otherwise).
    done = _production(
        tmp_path,
        "-m",
        "django",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        MOTCUA_CLAMD="tcp://clamav:3310",
    )

    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


@pytest.mark.django_db
def test_https_only_but_the_health_check_answers_over_plain_http(client, settings, defaults):
    for name, value in defaults.items():
        if name != "DEBUG":
            setattr(settings, name, tuple(value) if name == "SECURE_PROXY_SSL_HEADER" else value)

    plain = client.get("/tra-cuu/")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/tra-cuu/"

    assert client.get("/health/").status_code == 200

    secure = client.get("/tra-cuu/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_the_deployment_check_warns_when_uploads_are_not_scanned(tmp_path):
    done = _production(
        tmp_path, "-m", "django", "check", "--deploy", "--fail-level", "WARNING", MOTCUA_CLAMD=""
    )

    assert done.returncode != 0
    assert "antivirus.W001" in done.stderr + done.stdout
