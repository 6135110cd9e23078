"""A reader opens an article: title, author, times, lead, body, its category's related news, and the
number of approved comments; the list, the category page and the RSS feed show it too."""

from __future__ import annotations

from django.test import Client

from motcua.core.time import now
from motcua.news.models import Comment, CommentStatus
from motcua.news.tests.factories import article, category


def test_an_article_shows_what_a_reader_needs(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    section = category()
    older = article("Một cửa điện tử kết nối với Cổng quốc gia", slug="mot-cua-ket-noi", category=section)
    main = article("Tỉnh đẩy mạnh dịch vụ công trực tuyến", slug="day-manh-dvc", category=section)
    chosen = article("Người dân đánh giá mức độ hài lòng", slug="danh-gia-hai-long")
    main.related.add(chosen)
    main.save_revision().publish()
    for status in (
        CommentStatus.APPROVED,
        CommentStatus.APPROVED,
        CommentStatus.PENDING,
        CommentStatus.HIDDEN,
    ):
        Comment.objects.create(
            article=main, name="Bạn đọc", email="a@example.vn", body="Ý kiến", status=status, created_at=now()
        )

    response = client.get("/tin-tuc/day-manh-dvc/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tỉnh đẩy mạnh dịch vụ công trực tuyến" in html
    assert "Phòng Kiểm soát thủ tục hành chính" in html
    assert "Đăng lúc" in html
    assert "Bình luận (2)" in html
    # Related: the editor's choice first, then the same category's latest.
    assert html.index("Người dân đánh giá mức độ hài lòng") < html.index("Một cửa điện tử kết nối")
    assert older.url in html

    listing = client.get("/tin-tuc/").content.decode()
    assert "Tỉnh đẩy mạnh dịch vụ công trực tuyến" in listing
    assert "2 bình luận" in listing
    in_category = client.get("/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/").content.decode()
    assert "Một cửa điện tử kết nối" in in_category
    assert "Người dân đánh giá" not in in_category


def test_rss_lists_the_latest_articles(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    article("Tin có <b>thẻ</b> & ký hiệu", slug="tin-rss")
    article("Bản nháp chưa đăng", slug="ban-nhap", publish=False)
    response = client.get("/tin-tuc/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    xml = response.content.decode()
    assert "<language>vi</language>" in xml
    assert "Tin có &lt;b&gt;thẻ&lt;/b&gt; &amp; ký hiệu" in xml
    assert "/tin-tuc/tin-rss/" in xml
    assert "Bản nháp chưa đăng" not in xml


def test_search_finds_articles_with_or_without_accents(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    article("Chuyển đổi số ở Phường Đồng Hới", slug="chuyen-doi-so")
    article("Lịch tiếp công dân tháng Mười", slug="lich-tiep-cong-dan")
    for query in ("dong hoi", "Đồng Hới", "CHUYEN DOI SO", "phường đồng"):
        html = client.get("/tin-tuc/", {"q": query}).content.decode()
        assert "Chuyển đổi số ở Phường Đồng Hới" in html, query
        assert "Lịch tiếp công dân" not in html, query
    assert "Có 0 tin" in client.get("/tin-tuc/", {"q": "khong co tu nay"}).content.decode()


def test_an_english_reader_gets_the_pages_in_english(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    article("Tỉnh đẩy mạnh dịch vụ công trực tuyến", slug="tin-tieng-anh")
    client.cookies["django_language"] = "en"
    html = client.get("/tin-tuc/tin-tieng-anh/").content.decode()
    for english in ("Related news", "Comments (0)", "Send comment", ">News<", ">Contact<"):
        assert english in html, english
    for vietnamese in ("Tin liên quan", "Gửi bình luận", "Bình luận ("):
        assert vietnamese not in html, vietnamese
