"""`motcua demo --national-catalogue`: the real national lists beside the demo province's own procedures.

The demo's procedures keep their versions and workflows; the 2,395 procedures of the national
portal's lists join them as catalogue entries, so that search runs on real names and real usage.
"""

from __future__ import annotations

from motcua.catalog.catalogue_file import read_files
from motcua.catalog.importing import ImportReport, import_catalogue

from .data import national


def load_national_catalogue() -> ImportReport:
    """Import the lists shipped in motcua/demo/data/national (idempotent: a second run changes nothing)."""
    return import_catalogue(read_files([(path.name, path.read_bytes()) for path in national.paths()]))
