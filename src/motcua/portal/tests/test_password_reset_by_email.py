"""A forgotten password is reset through a link e-mailed by the task queue to a real SMTP server."""

from __future__ import annotations

import re

import pytest

from motcua.accounts.models import FailureCounter, User

pytestmark = pytest.mark.django_db(transaction=True)


def test_reset_link_sets_a_new_password_and_ends_the_lockout(client, mailbox):
    user = User.objects.create_user(
        "cd1", password="cu-mat-khau-123", email="mai@example.vn", full_name="Mai"
    )
    for _ in range(5):
        client.post("/tai-khoan/dang-nhap/", {"identifier": "mai@example.vn", "password": "sai"})
    assert FailureCounter.objects.filter(locked_until__isnull=False).exists()

    response = client.post("/tai-khoan/quen-mat-khau/", {"email": "MAI@example.vn"})
    assert response["Location"] == "/tai-khoan/quen-mat-khau/da-gui/"
    mailbox.wait_for(1)
    assert mailbox.subjects == ["Đặt lại mật khẩu tài khoản Cổng Dịch vụ công"]
    body = mailbox.body(0)
    assert "Kính gửi Ông/Bà Mai" in body
    link = re.search(r"http://testserver(/tai-khoan/dat-lai-mat-khau/\S+/)", body).group(1)

    form_url = client.get(link)["Location"]  # Django hides the token behind a redirect
    new = "Mat-khau-moi-2025-an-toan"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response["Location"] == "/tai-khoan/dat-lai-mat-khau/xong/"
    assert not FailureCounter.objects.exists()
    response = client.post("/tai-khoan/dang-nhap/", {"identifier": "mai@example.vn", "password": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    # The link works once.
    assert "không còn hiệu lực" in client.get(link, follow=True).content.decode()


def test_unknown_address_gets_the_same_answer_and_no_mail(client, mailbox):
    response = client.post("/tai-khoan/quen-mat-khau/", {"email": "ai-do@example.vn"})
    assert response["Location"] == "/tai-khoan/quen-mat-khau/da-gui/"
    assert mailbox.messages == []
