"""`pip install .` with no extras runs the demo: its runtime code imports neither pytest nor factory_boy.

A child process refuses every import of the test tools (and of the project's test helpers), then
imports the demo command and every runtime module it uses, and builds the demo PKI.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

BLOCKER = textwrap.dedent(
    """
    import importlib.abc, sys

    REFUSED = ("pytest", "_pytest", "factory", "hypothesis", "pytest_django")

    class RefuseTestTools(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            top = name.split(".")[0]
            parts = name.split(".")
            if top in REFUSED or "tests" in parts or "testing" in parts:
                raise ImportError(f"runtime code imported test code: {name}")
            return None

    sys.meta_path.insert(0, RefuseTestTools())
    """
)

SCRIPT = BLOCKER + textwrap.dedent(
    """
    import django
    django.setup()
    import importlib
    for name in (
        "motcua.demo.management.commands.demo",
        "motcua.demo.seed",
        "motcua.demo.stories",
        "motcua.demo.results",
        "motcua.signatures.demo",
        "motcua.signatures.localpki",
        "motcua.backoffice.demo",
    ):
        importlib.import_module(name)
    from django.core.management import load_command_class
    load_command_class("motcua.demo", "demo")

    # The PKI really builds (certomancer is a runtime dependency), without starting its server.
    import tempfile
    from pathlib import Path
    from motcua.signatures.localpki import Party, Pki, free_port
    with tempfile.TemporaryDirectory() as folder:
        parties = (Party("seal-1", "Công an tỉnh"),)
        pki = Pki(directory=Path(folder), port=free_port(), parties=parties).build()
        assert pki.cert("seal-1").subject.native["common_name"] == "Công an tỉnh"
    print("imports ok")
    """
)


def run(script: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "motcua.settings.dev", "MOTCUA_DEMO": "1"}
    return subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_demo_imports_no_test_code():
    child = run(SCRIPT)
    assert child.returncode == 0, child.stderr[-3000:]
    assert "imports ok" in child.stdout


def test_the_blocker_does_refuse_test_code():
    """The check above means something: the same blocker stops an import of the test factories."""
    child = run(BLOCKER + "\nimport django\ndjango.setup()\nimport motcua.dossiers.tests.factories\n")
    assert child.returncode != 0
    assert "runtime code imported test code: motcua.dossiers.tests" in child.stderr
