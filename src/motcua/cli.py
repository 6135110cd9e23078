"""The `motcua` command: Django's management commands under the project's own name."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings.dev")
    if args[:1] == ["demo"]:
        # The demo password may exist only while the demo runs.
        os.environ["MOTCUA_DEMO"] = "1"
    from django.core.management import execute_from_command_line

    execute_from_command_line(["motcua", *args])


if __name__ == "__main__":
    main()
