from __future__ import annotations

from collections.abc import Iterator

import pytest

from motcua.accounts.idp import IdentityProvider, start_idp
from motcua.accounts.sms_sandbox import SmsSandbox, start_sms_sandbox
from motcua.portal.tests.conftest import (  # noqa: F401  (fixtures)
    Mailbox,
    catalogue,
    judicial,
    mailbox,
    oidc_provider,
    oidc_settings,
)


@pytest.fixture
def vneid(settings) -> Iterator[IdentityProvider]:  # type: ignore[no-untyped-def]
    """The loopback VNeID sandbox (accounts.idp) with its demo citizens, and the portal pointed at it."""
    idp = start_idp()
    for name, value in idp.settings().items():
        setattr(settings, name, value)
    yield idp
    idp.stop()


@pytest.fixture
def sms_gateway(monkeypatch) -> Iterator[SmsSandbox]:  # type: ignore[no-untyped-def]
    """The loopback SMS gateway sandbox that records messages, and `accounts.sms` pointed at it."""
    sandbox = start_sms_sandbox()
    monkeypatch.setenv("MOTCUA_SMS_GATEWAY_URL", sandbox.url + "/gui")
    monkeypatch.setenv("MOTCUA_SMS_API_KEY", sandbox.api_key)
    yield sandbox
    sandbox.stop()
