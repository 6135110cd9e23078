"""Hostile input in comments: markup shown as text, bursts from one address throttled, robots caught
by the honeypot, banned words (with or without accents) and link spam refused."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from motcua.news import services
from motcua.news.models import Comment, CommentStatus, SiteFeedback
from motcua.news.tests.factories import article, moderator, verified

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _post(client: Client, page, body: str, address: str = "203.0.113.9", **extra):  # type: ignore[no-untyped-def]
    data = {"name": "Khách", "email": "khach@example.vn", "body": body, **extra}
    return client.post(page.url + "binh-luan/", data, REMOTE_ADDR=address)


def test_markup_in_a_comment_is_shown_as_text(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    page = article(slug="tin-xss")
    assert _post(client, page, SCRIPT, name='<b onmouseover="x()">Kẻ xấu</b>').status_code == 302
    comment = Comment.objects.get()
    services.moderate_comment(comment_id=comment.pk, actor=verified(moderator()), to=CommentStatus.APPROVED)
    html = client.get(page.url).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b onmouseover" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b onmouseover=&quot;x()&quot;&gt;Kẻ xấu&lt;/b&gt;" in html


@override_settings(MOTCUA_COMMENTS_PER_ADDRESS_HOUR=3)
def test_a_burst_from_one_address_is_throttled(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    page = article(slug="tin-don-dap")
    statuses = [_post(client, page, f"Ý kiến số {n}").status_code for n in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    refused = _post(client, page, "Lần nữa")
    assert "Bạn đã gửi quá nhiều lần" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert Comment.objects.count() == 3
    # Another address is not held back by the first one's burst.
    assert _post(client, page, "Từ nơi khác", address="198.51.100.20").status_code == 302


def test_the_honeypot_stores_nothing_and_says_the_same(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    page = article(slug="tin-bay")
    response = _post(client, page, "Mua ngay", website="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == page.url + "#binh-luan"
    assert not Comment.objects.exists()
    contact = client.post(
        "/lien-he/",
        {"topic": "site", "name": "Máy", "email": "m@example.vn", "message": "spam", "website": "x"},
    )
    assert contact.status_code == 302
    assert not SiteFeedback.objects.exists()


@pytest.mark.parametrize("body", ["Đồ ngu, viết sai hết", "do NGU viet sai het", "Vào chơi casino đi"])
def test_banned_words_are_refused_with_or_without_accents(client: Client, index, body: str) -> None:  # type: ignore[no-untyped-def]
    page = article(slug="tin-tu-cam")
    response = _post(client, page, body)
    assert response.status_code == 400
    assert "từ ngữ không phù hợp" in response.content.decode()
    assert not Comment.objects.exists()


def test_too_many_links_are_refused(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    page = article(slug="tin-lien-ket")
    spam = "Xem http://a.example, https://b.example và www.c.example"
    response = _post(client, page, spam)
    assert response.status_code == 400
    assert "quá nhiều đường liên kết" in response.content.decode()
    assert _post(client, page, "Chi tiết tại https://dichvucong.gov.vn").status_code == 302


def test_an_oversize_comment_is_refused_in_vietnamese(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    page = article(slug="tin-qua-dai")
    response = _post(client, page, "a" * 2001)
    assert response.status_code == 400
    assert "2000" in response.content.decode().replace(".", "")
    assert not Comment.objects.exists()
