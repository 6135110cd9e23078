"""The `motcua` command: Django's management commands under the project's own name.

It runs with the production settings unless DJANGO_SETTINGS_MODULE names others: a server never
falls back to a debug page and a well-known key by accident. `motcua demo` is the exception and
brings its own (motcua.settings.dev), whatever the environment says, so the demo and its password
never run on production settings.
"""

from __future__ import annotations

import os
import sys

PRODUCTION_SETTINGS = "motcua.settings.production"
DEMO_SETTINGS = "motcua.settings.dev"


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["demo"]:
        os.environ["DJANGO_SETTINGS_MODULE"] = DEMO_SETTINGS
        # The demo password may exist only while the demo runs.
        os.environ["MOTCUA_DEMO"] = "1"
    else:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", PRODUCTION_SETTINGS)
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018  (loads the settings module, which checks the environment)
    except (ImproperlyConfigured, ImportError) as exc:
        # An operator's mistake, not a bug: one line that says what to set, no traceback.
        sys.stderr.write(f"motcua: {exc}\n")
        raise SystemExit(1) from None
    execute_from_command_line(["motcua", *args])


if __name__ == "__main__":
    main()
