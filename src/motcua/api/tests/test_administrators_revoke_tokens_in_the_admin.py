"""Administrators list and revoke anyone's API tokens in the admin, seeing no key; the revoker is kept."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from rest_framework.test import APIClient

from motcua.agencies.models import Role
from motcua.api.models import ApiToken
from motcua.api.tokens import issue_token

from .factories import StaffRoleFactory, UserFactory
from .support import staff_session

LIST = "/admin/api/apitoken/"


@pytest.fixture
def tokens(db):  # type: ignore[no-untyped-def]
    officer = StaffRoleFactory(role=Role.LEADER, user=UserFactory(username="lanhdao")).user
    return [
        issue_token(user=officer, name="kịch bản báo cáo"),
        issue_token(user=UserFactory(), name="ứng dụng"),
    ]


@pytest.mark.parametrize("kind", ["superuser", "administrator role"])
def test_an_administrator_lists_and_revokes(tokens, kind):
    if kind == "superuser":
        admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    else:
        admin = StaffRoleFactory(
            role=Role.ADMINISTRATOR, user=UserFactory(username="quantri", is_staff=True)
        ).user
    browser = staff_session(APIClient(), admin)
    (raw, first), (_raw2, second) = tokens

    page = browser.get(LIST).content.decode()
    assert "kịch bản báo cáo" in page
    assert "ứng dụng" in page
    detail = browser.get(f"{LIST}{first.pk}/change/").content.decode()
    for secret in (raw, first.key_hash, first.password_stamp):
        assert secret not in page
        assert secret not in detail

    response = browser.post(LIST, {"action": "revoke", "_selected_action": [first.pk]})

    assert response.status_code == 302
    assert list(ApiToken.objects.values_list("pk", flat=True)) == [second.pk]
    entry = LogEntry.objects.get(action_flag=DELETION)
    assert (entry.user_id, entry.object_id, entry.change_message) == (
        admin.pk,
        str(first.pk),
        "Thu hồi mã truy cập API",
    )


def test_staff_without_administrator_rights_see_no_tokens(tokens):
    clerk = StaffRoleFactory(role=Role.CLERK, user=UserFactory(is_staff=True)).user
    browser = staff_session(APIClient(), clerk)

    assert browser.get(LIST).status_code == 403
    assert browser.post(LIST, {"action": "revoke", "_selected_action": [tokens[0][1].pk]}).status_code == 403
    assert ApiToken.objects.count() == 2
