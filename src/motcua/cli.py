"""The `motcua` command: Django's management commands under the project's own name.

It runs with the production settings unless DJANGO_SETTINGS_MODULE names others: a server never
falls back to a debug page and a well-known key by accident. `motcua demo` is the exception and
brings its own (motcua.settings.dev), whatever the environment says, so the demo and its password
never run on production settings.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PRODUCTION_SETTINGS = "motcua.settings.production"
DEMO_SETTINGS = "motcua.settings.dev"


def demo_data_dir(package_dir: Path | None = None) -> Path:
    """Where the demo keeps its database, files and PKI when MOTCUA_DATA_DIR does not say.

    In a checkout, var/ next to pyproject.toml (as `make demo` always did); installed with
    `pip install .`, the user's data folder rather than a folder inside site-packages.
    """
    checkout = (package_dir or Path(__file__).resolve().parent).parent.parent
    if (checkout / "pyproject.toml").exists():
        return checkout / "var"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "motcua-demo"


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["demo"]:
        os.environ["DJANGO_SETTINGS_MODULE"] = DEMO_SETTINGS
        # The demo password may exist only while the demo runs.
        os.environ["MOTCUA_DEMO"] = "1"
    else:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", PRODUCTION_SETTINGS)
    if os.environ["DJANGO_SETTINGS_MODULE"] == DEMO_SETTINGS:
        # `motcua staff_totp …` in another window reads the same demo database as `motcua demo`.
        os.environ.setdefault("MOTCUA_DATA_DIR", str(demo_data_dir()))
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
