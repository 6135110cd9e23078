"""GET /api/v1/auth/tokens lists the caller's own tokens (never the secret); DELETE revokes only one's own."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from motcua.agencies.models import Role
from motcua.api.models import ApiToken
from motcua.api.tokens import issue_token

from .factories import StaffRoleFactory, UserFactory
from .support import client_for, staff_session

URL = "/api/v1/auth/tokens"


@pytest.fixture
def citizen(db):  # type: ignore[no-untyped-def]
    return UserFactory()


def test_the_list_shows_own_tokens_without_their_secret(citizen, django_assert_num_queries):
    raw, older = issue_token(user=citizen, name="máy chủ thống kê")
    issue_token(user=UserFactory(), name="của người khác")
    client = client_for(citizen)
    client.get(URL)

    with django_assert_num_queries(3):  # the token (with its user), is the user staff, the list
        body = client.get(URL).json()

    assert [row["name"] for row in body] == ["pytest", "máy chủ thống kê"]
    assert set(body[0]) == {"id", "name", "created_at", "last_used_at", "expires_at", "current"}
    assert [row["current"] for row in body] == [True, False]
    assert body[1]["id"] == older.pk
    assert body[1]["last_used_at"] is None
    text = str(body)
    assert raw not in text
    assert older.key_hash not in text


def test_revoking_one_of_ones_own_tokens(citizen):
    _raw, other = issue_token(user=citizen, name="cũ")
    client = client_for(citizen)

    assert client.delete(f"{URL}/{other.pk}").status_code == 204
    assert not ApiToken.objects.filter(pk=other.pk).exists()
    assert client.get(URL).status_code == 200  # the token in use lives on


def test_someone_elses_token_is_not_found(citizen):
    _raw, theirs = issue_token(user=UserFactory())

    for token_id in (theirs.pk, 10**30):
        response = client_for(citizen).delete(f"{URL}/{token_id}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    assert ApiToken.objects.filter(pk=theirs.pk).exists()


def test_anonymous_callers_get_401(db):
    assert APIClient().get(URL).status_code == 401
    assert APIClient().delete(f"{URL}/1").status_code == 401


def test_a_verified_staff_session_lists_and_revokes_with_csrf(db):
    officer = StaffRoleFactory(role=Role.LEADER).user
    _raw, token = issue_token(user=officer, name="kịch bản")
    browser = staff_session(APIClient(enforce_csrf_checks=True), officer)

    assert [row["name"] for row in browser.get(URL).json()] == ["kịch bản"]
    assert browser.delete(f"{URL}/{token.pk}").json()["error"]["code"] == "csrf_failed"
    assert ApiToken.objects.filter(pk=token.pk).exists()
