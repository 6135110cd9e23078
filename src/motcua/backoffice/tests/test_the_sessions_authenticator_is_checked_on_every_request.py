"""The authenticator that verified an officer's session is read on every request (a prepared read,
backoffice.otp_middleware) and checked as django-otp checks it: removed, unconfirmed or another
officer's, and the session is no longer verified."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.backoffice.management.commands.staff_totp import provision

from .support import staff_login

PAGE = "/can-bo/tiep-nhan/"


def _device_reads(queries: CaptureQueriesContext) -> int:
    return sum('FROM "otp_totp_totpdevice"' in q["sql"] for q in queries.captured_queries)


def test_a_verified_session_reads_its_authenticator_once_per_request(client, world):
    staff_login(client, world.intake)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PAGE).status_code == 200
    assert _device_reads(queries) == 1


def test_a_removed_authenticator_ends_the_verified_session(client, world):
    staff_login(client, world.intake)
    assert client.get(PAGE).status_code == 200
    TOTPDevice.objects.filter(user=world.intake).delete()
    response = client.get(PAGE)
    assert response.status_code == 302
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_an_unconfirmed_authenticator_does_not_verify(client, world):
    staff_login(client, world.intake)
    TOTPDevice.objects.filter(user=world.intake).update(confirmed=False)
    assert client.get(PAGE).status_code == 302


def test_another_officers_authenticator_does_not_verify(client, world):
    staff_login(client, world.intake)
    someone_else = provision(world.specialist)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = someone_else.persistent_id
    session.save()
    assert client.get(PAGE).status_code == 302


def test_a_malformed_device_id_in_the_session_does_not_verify(client, world):
    staff_login(client, world.intake)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = "otp_totp.totpdevice/" + "9" * 40
    session.save()
    assert client.get(PAGE).status_code == 302
