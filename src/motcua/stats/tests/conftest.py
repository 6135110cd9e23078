import pytest

from motcua.dossiers.tests.factories import build_world


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    return build_world()
