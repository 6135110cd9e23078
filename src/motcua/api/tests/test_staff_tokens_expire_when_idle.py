"""A staff token ends after MOTCUA_STAFF_IDLE_SECONDS without use, and never outlives its TTL."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from motcua.agencies.models import Role, StaffRole
from motcua.api.models import ApiToken
from motcua.api.tokens import MAX_TOKENS_PER_USER, issue_token

from .factories import StaffRoleFactory, UserFactory
from .support import client_for

URL = "/api/v1/auth/tokens"


def _reason(client) -> str | None:  # type: ignore[no-untyped-def]
    response = client.get(URL)
    return None if response.status_code == 200 else response.json()["error"]["details"]["reason"]


def _last_used(user, seconds_ago: float) -> None:  # type: ignore[no-untyped-def]
    ApiToken.objects.filter(user=user).update(last_used_at=timezone.now() - timedelta(seconds=seconds_ago))


@pytest.fixture
def officer(db, settings):  # type: ignore[no-untyped-def]
    settings.MOTCUA_STAFF_IDLE_SECONDS = 1800
    return StaffRoleFactory(role=Role.CLERK).user


def test_an_idle_staff_token_is_refused(officer):
    client = client_for(officer)
    _last_used(officer, 1801)

    assert _reason(client) == "token_idle"


def test_each_use_moves_the_idle_limit(officer):
    client = client_for(officer)
    _last_used(officer, 1700)

    assert _reason(client) is None  # used now: another 30 minutes from here
    stored = ApiToken.objects.get(user=officer)
    assert timezone.now() - stored.last_used_at < timedelta(seconds=5)
    listed = datetime.fromisoformat(client.get(URL).json()[0]["expires_at"])
    assert abs((listed - stored.last_used_at).total_seconds() - 1800) < 1  # the idle limit comes first


def test_a_token_never_used_counts_from_its_issue(officer):
    client = client_for(officer)
    ApiToken.objects.filter(user=officer).update(created_at=timezone.now() - timedelta(seconds=1801))

    assert _reason(client) == "token_idle"


def test_a_staff_token_in_constant_use_still_ends_at_its_ttl(officer):
    client = client_for(officer)
    ApiToken.objects.filter(user=officer).update(expires_at=timezone.now() - timedelta(seconds=1))
    _last_used(officer, 10)

    assert _reason(client) == "token_expired"


def test_citizen_tokens_know_no_idle_limit(db, settings):
    settings.MOTCUA_STAFF_IDLE_SECONDS = 1800
    citizen = UserFactory()
    client = client_for(citizen)
    _last_used(citizen, 6 * 3600)

    assert _reason(client) is None


def test_a_citizen_token_stops_when_its_user_becomes_staff(db):
    citizen = UserFactory()
    client = client_for(citizen)
    StaffRoleFactory(user=citizen, role=Role.INTAKE_OFFICER)

    assert _reason(client) == "second_factor_required"
    StaffRole.objects.filter(user=citizen).delete()
    assert _reason(client) is None


def test_old_tokens_are_pruned_when_a_new_one_is_issued(officer):
    stale = timezone.now() - timedelta(hours=1)
    for _ in range(3):
        issue_token(user=officer, at=stale)  # idle for an hour by now
    for _ in range(MAX_TOKENS_PER_USER + 2):
        issue_token(user=officer)

    assert ApiToken.objects.filter(user=officer).count() == MAX_TOKENS_PER_USER
    assert not ApiToken.objects.filter(user=officer, created_at=stale).exists()
