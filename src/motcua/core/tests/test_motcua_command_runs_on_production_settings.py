"""`motcua` runs on the production settings unless told otherwise; without a secret key it stops with
one clear line, not a traceback. `motcua demo` chooses its own (development) settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from motcua.core.testing import operator_environment

# The console entry (motcua.cli:main), with Django's command runner replaced by a probe that says
# which settings it would run on: the real commands need not run for that.
PROBE = """
import os, sys
from motcua import cli
def probe(argv):
    from django.conf import settings
    print(settings.SETTINGS_MODULE, settings.DEBUG, os.environ.get("MOTCUA_DEMO"))
cli.execute_from_command_line = probe
import django.core.management
django.core.management.execute_from_command_line = probe
cli.main(sys.argv[1:])
"""


def _motcua(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env=operator_environment(MOTCUA_DATA_DIR=str(tmp_path), **env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_without_a_settings_module_it_is_production(tmp_path):
    done = _motcua(tmp_path, "migrate", MOTCUA_SECRET_KEY="k" * 50)

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["motcua.settings.production", "False", "None"]


def test_without_a_secret_key_it_stops_with_one_line(tmp_path):
    done = subprocess.run(
        [Path(sys.executable).with_name("motcua"), "migrate"],
        env=operator_environment(MOTCUA_DATA_DIR=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("motcua:")]
    assert len(lines) == 1
    assert "MOTCUA_SECRET_KEY" in lines[0]
    assert not (tmp_path / "motcua.sqlite3").exists()  # nothing was migrated


def test_a_settings_module_named_in_the_environment_wins(tmp_path):
    done = _motcua(tmp_path, "migrate", DJANGO_SETTINGS_MODULE="motcua.settings.test")

    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[0] == "motcua.settings.test"


def test_the_demo_brings_its_own_settings(tmp_path):
    done = _motcua(tmp_path, "demo", DJANGO_SETTINGS_MODULE="motcua.settings.production")

    assert done.returncode == 0, done.stderr
    # Debug off in the demo too (issue 9): a wrong address never shows Django's debug page.
    assert done.stdout.split() == ["motcua.settings.dev", "False", "1"]
