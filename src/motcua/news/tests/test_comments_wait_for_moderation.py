"""A reader's comment waits for a moderator; approved it shows and counts, hidden or rejected it does
not; every decision leaves an audit row."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.core.errors import PermissionDenied
from motcua.dossiers.tests.factories import UserFactory
from motcua.news import services
from motcua.news.errors import IllegalModeration
from motcua.news.models import Comment, CommentModeration, CommentStatus
from motcua.news.tests.factories import article, editor, moderator, verified


def _post(client: Client, page, **data):  # type: ignore[no-untyped-def]
    return client.post(page.url + "binh-luan/", data, REMOTE_ADDR="203.0.113.7")


def test_a_visitor_comment_waits_then_shows_once_approved(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    page = article(slug="tin-binh-luan")
    response = _post(
        client, page, name="Trần Thị Hoa", email="hoa@example.vn", body="Thủ tục nhanh hơn nhiều."
    )
    assert response.status_code == 302
    assert response["Location"] == page.url + "#binh-luan"
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert comment.user is None
    after = client.get(response["Location"]).content.decode()
    assert "đang chờ ban biên tập duyệt" in after
    assert "Thủ tục nhanh hơn nhiều." not in after
    assert "Bình luận (0)" in after

    boss = verified(moderator())
    services.moderate_comment(comment_id=comment.pk, actor=boss, to=CommentStatus.APPROVED)
    html = client.get(page.url).content.decode()
    assert "Thủ tục nhanh hơn nhiều." in html
    assert "Bình luận (1)" in html
    assert "hoa@example.vn" not in html

    services.moderate_comment(comment_id=comment.pk, actor=boss, to=CommentStatus.HIDDEN, reason="Trùng lặp")
    html = client.get(page.url).content.decode()
    assert "Thủ tục nhanh hơn nhiều." not in html
    assert "Bình luận (0)" in html
    trail = list(CommentModeration.objects.values_list("from_status", "to_status", "actor", "reason"))
    assert trail == [("pending", "approved", boss.pk, ""), ("approved", "hidden", boss.pk, "Trùng lặp")]


def test_a_citizen_comments_under_their_account(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    page = article(slug="tin-cong-dan")
    citizen = UserFactory(full_name="Lê Thị Thu Hà")
    client.force_login(citizen)
    assert _post(client, page, body="Rất hữu ích.").status_code == 302
    comment = Comment.objects.get()
    assert (comment.user, comment.name, comment.status) == (citizen, "Lê Thị Thu Hà", CommentStatus.PENDING)


def test_a_rejected_comment_never_shows_and_moves_only_as_the_table_says(index) -> None:  # type: ignore[no-untyped-def]
    page = article(slug="tin-tu-choi")
    sender = services.Sender(address="198.51.100.2", name="Khách", email="k@example.vn")
    comment = services.post_comment(article_id=page.pk, sender=sender, body="Nội dung lạc đề")
    boss = verified(moderator())
    services.moderate_comment(comment_id=comment.pk, actor=boss, to=CommentStatus.REJECTED)
    with pytest.raises(IllegalModeration):
        services.moderate_comment(comment_id=comment.pk, actor=boss, to=CommentStatus.HIDDEN)
    assert Comment.objects.get().status == CommentStatus.REJECTED


def test_only_a_verified_moderator_moderates(index) -> None:  # type: ignore[no-untyped-def]
    page = article(slug="tin-quyen")
    sender = services.Sender(address="198.51.100.3", name="Khách", email="k@example.vn")
    comment = services.post_comment(article_id=page.pk, sender=sender, body="Chờ duyệt")
    for actor in (verified(editor()), moderator(), verified(UserFactory())):  # no right; no TOTP; a citizen
        with pytest.raises(PermissionDenied):
            services.moderate_comment(comment_id=comment.pk, actor=actor, to=CommentStatus.APPROVED)
    assert Comment.objects.get().status == CommentStatus.PENDING
    assert not CommentModeration.objects.exists()


def test_comments_on_a_draft_or_closed_article_are_refused(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    draft = article(slug="ban-nhap", publish=False)
    closed = article(slug="khong-binh-luan", comments_open=False)
    data = {"name": "Khách", "email": "k@example.vn", "body": "Xin chào"}
    assert client.post(f"/tin-tuc/{draft.slug}/binh-luan/", data).status_code == 404
    refused = client.post(closed.url + "binh-luan/", data)
    assert refused.status_code == 403
    assert "không nhận bình luận" in refused.content.decode()
    assert not Comment.objects.exists()
