import pytest

from motcua.dossiers.tests.factories import build_world

from .fixtures import seal  # noqa: F401  (fixture)


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    return build_world()
