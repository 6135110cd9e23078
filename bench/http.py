"""HTTP throughput of `motcua serve` beside a bare Django view: see bench/http_load.py, which holds the code.

Usage: MOTCUA_DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/http.py \\
           [--dossiers 1000000] [--seconds 5] [--only SUBSTRING] [--keep]

Python puts the folder of the script it runs first on the import path, so for every script in
bench/ `import http` (which Django, urllib and others do) would find this file instead of the
standard library's package. Imported under that name, this module therefore stands aside: it loads
the standard library's `http` package in its own place and does nothing else. Run as a script, it
takes its own folder off the front of the path before anything imports `http`.
"""

import sys

if __name__ == "__main__":
    from pathlib import Path

    here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]
    import http.client  # noqa: F401  (the standard library's, now that this folder is off the path)

    sys.path.append(str(here))
    from http_load import main

    main()
else:
    import importlib.util
    import os
    import sysconfig

    _folder = os.path.join(sysconfig.get_paths()["stdlib"], "http")
    _spec = importlib.util.spec_from_file_location(
        "http", os.path.join(_folder, "__init__.py"), submodule_search_locations=[_folder]
    )
    assert _spec is not None
    assert _spec.loader is not None
    _module = importlib.util.module_from_spec(_spec)
    sys.modules[__name__] = _module
    _spec.loader.exec_module(_module)
