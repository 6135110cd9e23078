"""A browser session of a staff account works on the API only after TOTP and while not idle."""

from __future__ import annotations

import time

import pytest
from rest_framework.test import APIClient

from motcua.agencies.models import Role
from motcua.backoffice.auth import LAST_SEEN
from motcua.backoffice.models import LoginAudit

from .factories import StaffRoleFactory, UserFactory
from .support import staff_session

URL = "/api/v1/dossiers/"


@pytest.fixture
def officer(db):  # type: ignore[no-untyped-def]
    return StaffRoleFactory(role=Role.INTAKE_OFFICER).user


def test_a_password_session_of_an_officer_is_anonymous_to_the_api(officer):
    client = APIClient()
    client.force_login(officer)  # e.g. the password step of some login, without the code

    response = client.get(URL)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_a_password_session_of_a_superuser_is_anonymous_too(db):
    client = APIClient()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert client.get("/api/v1/auth/tokens").status_code == 401


def test_a_verified_session_works(officer):
    assert staff_session(APIClient(), officer).get(URL).status_code == 200


def test_a_verified_session_idle_too_long_is_ended(officer, settings):
    settings.MOTCUA_STAFF_IDLE_SECONDS = 1800
    client = staff_session(APIClient(), officer)
    session = client.session
    session[LAST_SEEN] = time.time() - 1801
    session.save()

    assert client.get(URL).status_code == 401
    assert "_auth_user_id" not in client.session
    assert LoginAudit.objects.latest("id").stage == "timeout"


def test_using_the_api_keeps_the_session_alive(officer, settings):
    settings.MOTCUA_STAFF_IDLE_SECONDS = 1800
    client = staff_session(APIClient(), officer)
    session = client.session
    session[LAST_SEEN] = time.time() - 1700
    session.save()

    assert client.get(URL).status_code == 200
    assert time.time() - client.session[LAST_SEEN] < 60


def test_a_citizen_session_works_as_before(db):
    client = APIClient()
    client.force_login(UserFactory())

    assert client.get(URL).status_code == 200
