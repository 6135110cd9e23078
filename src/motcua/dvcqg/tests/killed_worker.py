"""The instance side of the kill -9 test: `python -m motcua.dvcqg.tests.killed_worker setup` makes a
small province and one received dossier in the instance's own SQLite file (MOTCUA_DATA_DIR) and
prints its code."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> None:
    import django

    django.setup()
    from motcua.dossiers.tests.factories import build_world

    from .lives import received

    if argv[:1] == ["setup"]:
        sys.stdout.write(received(build_world()).code + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
