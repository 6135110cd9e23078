"""The identity login waiting for a password links only the account it matched, only for half an
hour, and only once: it is dropped at the first password login, whichever account that is."""

from __future__ import annotations

import time

import pytest

from motcua.accounts.models import ExternalIdentity, User
from motcua.accounts.oidc import PENDING_LINK, complete_pending_link

pytestmark = pytest.mark.django_db


def _waiting(user_ids: list[int], *, seconds_left: float = 600) -> dict:
    return {
        PENDING_LINK: {
            "issuer": "https://id.example.vn",
            "subject": "vneid-1",
            "profile": {
                "email": "an@example.vn",
                "national_id": "045190077777",
                "phone": "",
                "full_name": "Lê An",
            },
            "user_ids": user_ids,
            "until": time.time() + seconds_left,
        }
    }


def test_the_matched_account_is_linked_and_its_empty_fields_filled():
    user = User.objects.create_user("cd-a", password="x", national_id="045190077777", full_name="An")
    session = _waiting([user.pk])

    assert complete_pending_link(session, user)

    assert PENDING_LINK not in session
    assert ExternalIdentity.objects.get(subject="vneid-1").user == user
    user.refresh_from_db()
    assert (user.email, user.full_name) == ("an@example.vn", "An")  # only what was empty


def test_another_account_is_not_linked_and_the_wait_is_over():
    matched = User.objects.create_user("cd-a", password="x", national_id="045190077777")
    other = User.objects.create_user("cd-b", password="x")
    session = _waiting([matched.pk])

    assert not complete_pending_link(session, other)
    assert not complete_pending_link(session, matched)  # dropped at the first password login

    assert not ExternalIdentity.objects.exists()


def test_an_expired_wait_links_nothing():
    user = User.objects.create_user("cd-a", password="x", national_id="045190077777")
    assert not complete_pending_link(_waiting([user.pk], seconds_left=-1), user)
    assert not ExternalIdentity.objects.exists()
