"""The demo's settings (motcua.settings.dev) run with debug off and still serve the static files.

A wrong address must not show Django's debug page with every route. Checked in a child process,
because the test settings are not the demo's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import django
    django.setup()
    from django.conf import settings
    from django.test import Client
    assert settings.DEBUG is False, "DEBUG is on"
    assert {"localhost", "127.0.0.1"} <= set(settings.ALLOWED_HOSTS)
    client = Client(HTTP_HOST="127.0.0.1")
    missing = client.get("/khong-co-trang-nay/")
    body = missing.content.decode()
    assert missing.status_code == 404, missing.status_code
    assert "URLconf" not in body and "Traceback" not in body, "debug page"
    css = client.get("/static/motcua/motcua.css")
    assert css.status_code == 200, css.status_code
    print("ok")
    """
)


def test_debug_is_off_and_static_files_are_served(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "motcua.settings.dev",
        "MOTCUA_DEMO": "1",
        "MOTCUA_DATA_DIR": str(tmp_path),
    }
    for name in ("MOTCUA_DEBUG", "MOTCUA_DATABASE_URL"):
        env.pop(name, None)
    child = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert child.returncode == 0, child.stderr[-3000:]
    assert child.stdout.strip().endswith("ok")
