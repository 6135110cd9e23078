from __future__ import annotations

import pytest

from motcua.catalog.catalogue_file import read_files
from motcua.catalog.importing import import_catalogue
from motcua.portal.tests.conftest import judicial  # noqa: F401  (fixture)

from .factories import national_files


@pytest.fixture(scope="module")
def national_catalogue(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """The real 2,395 procedures, imported once for a module of read-only tests."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            import_catalogue(read_files(national_files()))
            yield
            transaction.set_rollback(True)
