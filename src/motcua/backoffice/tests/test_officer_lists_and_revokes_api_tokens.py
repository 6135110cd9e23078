"""The officer's page of API tokens (linked from the header): their own live tokens, revoked by POST."""

from __future__ import annotations

from django.test import Client

from motcua.api.models import ApiToken
from motcua.api.tokens import issue_token

from .support import staff_login

PAGE = "/can-bo/ma-truy-cap/"


def test_the_page_lists_own_tokens_and_revokes_one(client, world):
    raw, mine = issue_token(user=world.leader, name="kịch bản báo cáo tuần")
    issue_token(user=world.intake, name="của đồng nghiệp")
    staff_login(client, world.leader)

    page = client.get(PAGE).content.decode()
    assert 'href="/can-bo/ma-truy-cap/"' in client.get("/can-bo/thong-bao/").content.decode()
    assert "kịch bản báo cáo tuần" in page
    assert "của đồng nghiệp" not in page
    assert raw not in page
    assert mine.key_hash not in page

    response = client.post(f"{PAGE}{mine.pk}/thu-hoi/")
    assert response["Location"] == PAGE
    assert not ApiToken.objects.filter(pk=mine.pk).exists()
    assert "Đã thu hồi mã truy cập." in client.get(PAGE).content.decode()


def test_a_colleagues_token_cannot_be_revoked_here(client, world):
    _raw, theirs = issue_token(user=world.intake)
    staff_login(client, world.leader)

    assert client.post(f"{PAGE}{theirs.pk}/thu-hoi/").status_code == 404
    assert ApiToken.objects.filter(pk=theirs.pk).exists()


def test_revoking_needs_the_csrf_token_and_a_post(world):
    _raw, mine = issue_token(user=world.leader)
    browser = staff_login(Client(enforce_csrf_checks=True), world.leader)

    assert browser.post(f"{PAGE}{mine.pk}/thu-hoi/").status_code == 403
    assert browser.get(f"{PAGE}{mine.pk}/thu-hoi/").status_code == 405
    assert ApiToken.objects.filter(pk=mine.pk).exists()


def test_the_logout_button_says_it_ends_the_tokens(client, world):
    staff_login(client, world.leader)

    assert "mọi mã truy cập API của bạn" in client.get(PAGE).content.decode()
