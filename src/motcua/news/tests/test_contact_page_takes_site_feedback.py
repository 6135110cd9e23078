"""/lien-he/: the province's contacts and a site-feedback form, rate-limited, with a honeypot."""

from __future__ import annotations

from django.test import Client, override_settings

from motcua.news.models import SiteFeedback

FORM = {"topic": "technical", "name": "Phạm Minh Tuấn", "email": "tuan@example.vn", "phone": "0912 345 678"}


def test_a_visitor_sends_feedback(client: Client, db) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/lien-he/")
    assert page.status_code == 200
    assert "Góp ý về cổng thông tin" in page.content.decode()
    response = client.post("/lien-he/", {**FORM, "message": "Trang tra cứu tải chậm vào buổi sáng."})
    assert response.status_code == 302
    assert "Cảm ơn bạn đã góp ý" in client.get("/lien-he/").content.decode()
    saved = SiteFeedback.objects.get()
    assert (saved.topic, saved.name, saved.client) == ("technical", "Phạm Minh Tuấn", "127.0.0.1")


def test_missing_fields_are_named_in_vietnamese(client: Client, db) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/lien-he/", {"topic": "site", "name": "", "email": "khong-hop-le", "message": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vui lòng nhập họ và tên." in html
    assert "Địa chỉ thư điện tử không hợp lệ." in html
    assert "Vui lòng nhập nội dung góp ý." in html
    assert not SiteFeedback.objects.exists()


@override_settings(MOTCUA_COMMENTS_PER_ADDRESS_HOUR=2)
def test_a_burst_is_throttled(client: Client, db) -> None:  # type: ignore[no-untyped-def]
    codes = [client.post("/lien-he/", {**FORM, "message": f"Góp ý {n}"}).status_code for n in range(3)]
    assert codes == [302, 302, 429]
    assert SiteFeedback.objects.count() == 2
