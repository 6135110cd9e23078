"""Following a dossier: my list, tracking with the secret, result download, withdrawal, rating."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, Rating
from motcua.dossiers.selectors import latest_result
from motcua.dossiers.states import State

from .helpers import submit
from .support import PDF, approve_judicial, officers

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(client, citizen) -> Dossier:  # type: ignore[no-untyped-def]
    return submit(client, citizen)


def returned(dossier: Dossier) -> Dossier:
    staff = officers()
    services.receive_dossier(dossier_id=dossier.pk, actor=staff.intake)
    services.forward_dossier(dossier_id=dossier.pk, actor=staff.intake)  # to the specialist
    services.attach_result(dossier_id=dossier.pk, actor=staff.specialist, content=PDF, name="ket-qua.pdf")
    approve_judicial(staff, dossier.pk)
    services.return_result(dossier_id=dossier.pk, actor=staff.intake, method="electronic")
    dossier.refresh_from_db()
    return dossier


def _without_csrf(html: str) -> str:
    return re.sub(
        r'name="csrfmiddlewaretoken" value="[^"]+"', "", re.sub(r'"X-CSRFToken": "[^"]+"', "", html)
    )


# --- anonymous tracking ----------------------------------------------------------------------


def test_tracking_with_the_right_secret(dossier, client):
    client.logout()
    response = client.post("/tra-cuu/", {"ma": dossier.code, "ma-tra-cuu": dossier.lookup_secret.lower()})
    assert response["Location"] == f"/tra-cuu/{dossier.code}/"
    html = client.get(response["Location"]).content.decode()
    assert "Mới đăng ký" in html
    assert "Đã nộp hồ sơ" in html
    assert "Phạm Thị Mai" not in html
    assert "mai@example.vn" not in html


def test_a_wrong_secret_reveals_nothing(dossier, client):
    client.logout()
    wrong = client.post("/tra-cuu/", {"ma": dossier.code, "ma-tra-cuu": "AAAAAA"})
    unknown = client.post("/tra-cuu/", {"ma": "H50.20-20990101-0000001", "ma-tra-cuu": "AAAAAA"})
    assert wrong.status_code == unknown.status_code == 404
    assert "Mã hồ sơ hoặc mã tra cứu không đúng." in wrong.content.decode()
    # Same page, except the code typed in the form.
    assert _without_csrf(wrong.content.decode()).replace(dossier.code, "X") == _without_csrf(
        unknown.content.decode()
    ).replace("H50.20-20990101-0000001", "X")
    assert client.get(f"/tra-cuu/{dossier.code}/")["Location"].startswith("/tra-cuu/?ma=")
    for path in ("ket-qua/", "giay-xac-nhan.pdf"):
        assert client.get(f"/ho-so/{dossier.code}/{path}").status_code == 404


def test_guessing_is_throttled(dossier, client, settings):
    settings.MOTCUA_TRACKING_MAX_FAILURES = 3
    client.logout()
    for _ in range(3):
        assert client.post("/tra-cuu/", {"ma": dossier.code, "ma-tra-cuu": "AAAAAA"}).status_code == 404
    blocked = client.post("/tra-cuu/", {"ma": dossier.code, "ma-tra-cuu": dossier.lookup_secret})
    assert blocked.status_code == 429
    assert "nhập sai quá nhiều lần" in blocked.content.decode()


def test_the_qr_link_opens_the_dossier(dossier, client):
    client.logout()
    response = client.get("/tra-cuu/", {"ma": dossier.code, "ma-tra-cuu": dossier.lookup_secret})
    assert response["Location"] == f"/tra-cuu/{dossier.code}/"  # the secret leaves the address bar


# --- my dossiers ------------------------------------------------------------------------------


def test_my_dossiers_query_count_does_not_grow(client, citizen, django_assert_num_queries):
    submit(client, citizen)
    client.get("/ho-so/")  # warm the session
    # session, user, count, one page of dossiers with their procedure and agencies, open drafts, ...
    with django_assert_num_queries(6):
        client.get("/ho-so/")
    for _ in range(4):
        submit(client, citizen)
    with django_assert_num_queries(6):
        response = client.get("/ho-so/")
    assert response.content.decode().count('<li class="dossier-card ') == 5


def test_my_dossiers_lists_only_mine(client, citizen, dossier):
    other = User.objects.create_user("khac", password="x")
    client.force_login(other)
    assert dossier.code not in client.get("/ho-so/").content.decode()
    assert client.get(f"/ho-so/{dossier.code}/").status_code == 404


def test_detail_shows_due_date_and_what_to_do(client, dossier):
    staff = officers()
    services.receive_dossier(dossier_id=dossier.pk, actor=staff.intake)
    html = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Hồ sơ đang được giải quyết" in html
    assert "Ngày hẹn trả kết quả" in html
    services.request_supplement(
        dossier_id=dossier.pk, actor=staff.intake, missing=["Bản sao giấy khai sinh"], reason="Thiếu"
    )
    html = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Bạn cần bổ sung giấy tờ" in html
    assert "Bản sao giấy khai sinh" in html
    assert "Gửi bổ sung" in html


# --- result, rating, withdrawal -----------------------------------------------------------------


def test_result_only_after_return_and_only_to_the_applicant(client, citizen, dossier):
    assert client.get(f"/ho-so/{dossier.code}/ket-qua/").status_code == 404
    returned(dossier)
    response = client.get(f"/ho-so/{dossier.code}/ket-qua/")
    assert response.status_code == 200
    # The applicant receives the copy the clerk numbered and issued, not the draft.
    issued = latest_result(dossier)
    assert issued.notation
    assert b"".join(response.streaming_content) == issued.file.read()
    assert response["Content-Disposition"].startswith("attachment")
    assert settings.MEDIA_URL not in client.get(f"/ho-so/{dossier.code}/").content.decode()

    client.force_login(User.objects.create_user("khac", password="x"))
    assert client.get(f"/ho-so/{dossier.code}/ket-qua/").status_code == 404
    client.logout()
    client.post("/tra-cuu/", {"ma": dossier.code, "ma-tra-cuu": dossier.lookup_secret})
    assert client.get(f"/ho-so/{dossier.code}/ket-qua/").status_code == 200  # the receipt's holder


def test_rating_once(client, dossier):
    returned(dossier)
    response = client.post(f"/ho-so/{dossier.code}/danh-gia/", {"score": "2", "comment": "Tốt"})
    assert response["Location"] == f"/ho-so/{dossier.code}/"
    client.post(f"/ho-so/{dossier.code}/danh-gia/", {"score": "1"}, follow=True)
    rating = Rating.objects.get(dossier=dossier)
    assert (rating.score, rating.comment) == (2, "Tốt")
    html = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Bạn đã đánh giá:" in html
    assert 'name="score"' not in html


def test_rating_with_the_secret(client, dossier):
    returned(dossier)
    client.logout()
    client.post("/tra-cuu/", {"ma": dossier.code, "ma-tra-cuu": dossier.lookup_secret})
    response = client.post(f"/ho-so/{dossier.code}/danh-gia/", {"score": "3"})
    assert response["Location"] == f"/tra-cuu/{dossier.code}/"
    assert Rating.objects.get(dossier=dossier).score == 3


def test_rating_without_a_score(client, dossier):
    returned(dossier)
    response = client.post(f"/ho-so/{dossier.code}/danh-gia/", {"comment": "?"}, follow=True)
    assert "Vui lòng chọn mức độ hài lòng." in response.content.decode()
    assert not Rating.objects.exists()


def test_asking_to_withdraw(client, dossier):
    response = client.post(f"/ho-so/{dossier.code}/rut-ho-so/", {"reason": ""}, follow=True)
    assert "Vui lòng nêu lý do rút hồ sơ." in response.content.decode()
    client.post(f"/ho-so/{dossier.code}/rut-ho-so/", {"reason": "Đã có phiếu từ nơi khác"})
    dossier.refresh_from_db()
    assert dossier.state == State.WITHDRAWAL_REQUESTED
    html = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Đang xem xét yêu cầu rút hồ sơ" in html
    assert "Gửi yêu cầu rút hồ sơ" not in html


def test_behind_a_proxy_each_visitor_has_their_own_count(dossier, client, settings):
    settings.MOTCUA_TRACKING_MAX_FAILURES = 2
    settings.MOTCUA_TRUSTED_PROXIES = 1
    client.logout()
    for _ in range(2):
        client.post(
            "/tra-cuu/", {"ma": dossier.code, "ma-tra-cuu": "AAAAAA"}, HTTP_X_FORWARDED_FOR="203.0.113.7"
        )
    locked = client.post("/tra-cuu/", {"ma": "X", "ma-tra-cuu": "X"}, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert locked.status_code == 429
    other = client.post(
        "/tra-cuu/",
        {"ma": dossier.code, "ma-tra-cuu": dossier.lookup_secret},
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert other.status_code == 302
