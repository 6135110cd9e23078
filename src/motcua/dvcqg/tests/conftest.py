import pytest

from motcua.dossiers.tests.factories import build_world
from motcua.dvcqg import client
from motcua.dvcqg.sandbox import Sandbox


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    return build_world()


@pytest.fixture
def sandbox(settings):  # type: ignore[no-untyped-def]
    """The loopback national portal, with motcua's sync pointed at it (fast retries, short timeout)."""
    box = Sandbox().start()
    for name, value in box.settings().items():
        setattr(settings, name, value)
    settings.MOTCUA_DVCQG_TIMEOUT = "1"
    settings.MOTCUA_DVCQG_BACKOFF_BASE = "10"
    client._session.clear()
    yield box
    box.stop()
    client._session.clear()
