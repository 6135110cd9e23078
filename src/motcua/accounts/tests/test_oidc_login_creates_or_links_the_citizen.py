"""Login through an OpenID Connect provider (oidc-provider-mock, started by the test) in Chromium.

The first login creates the citizen from the provider's claims. An existing account with the same
national id or e-mail address is linked only once its password has been given in the same browser,
so an account someone registered with another person's data never opens to that person's identity
login; a staff account is never opened this way.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from motcua.accounts.models import ExternalIdentity, User
from motcua.agencies.models import Agency, Role, StaffRole
from motcua.portal.tests.conftest import set_oidc_user
from motcua.portal.tests.support import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def oidc_login(page, base: str, sub: str, lands_on: str = "/ho-so/") -> None:  # type: ignore[no-untyped-def]
    page.goto(base + "/tai-khoan/dang-nhap/")
    page.get_by_role("link", name="Đăng nhập bằng Tài khoản định danh điện tử").click()
    page.locator("input[name=sub]").fill(sub)  # the provider's own consent page
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(base + lands_on)  # back from the provider, through the callback


def test_first_login_creates_the_citizen(oidc_settings, live_server, page, shoot):
    set_oidc_user(
        oidc_settings,
        "vneid-0001",
        {
            "email": "hoa@example.vn",
            "name": "Trần Thị Hoa",
            "national_id": "045190055555",
            "phone_number": "+84912555666",
            "address": {"formatted": "5 Hùng Vương, Đông Hà, Quảng Trị"},
        },
    )
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    shoot(page, "portal-login-desktop")
    oidc_login(page, live_server.url, "vneid-0001")

    assert page.url == live_server.url + "/ho-so/"
    expect(page.get_by_text("Trần Thị Hoa").first).to_be_visible()
    user = User.objects.get(email="hoa@example.vn")
    assert (user.full_name, user.national_id, user.phone, user.address) == (
        "Trần Thị Hoa",
        "045190055555",
        "0912555666",
        "5 Hùng Vương, Đông Hà, Quảng Trị",
    )
    assert not user.has_usable_password()
    assert ExternalIdentity.objects.get(user=user).subject == "vneid-0001"

    # Next time the subject alone finds the account, even if the e-mail changed at the provider.
    page.context.clear_cookies()
    set_oidc_user(oidc_settings, "vneid-0001", {"email": "hoa.moi@example.vn", "name": "Trần Thị Hoa"})
    oidc_login(page, live_server.url, "vneid-0001")
    assert page.url == live_server.url + "/ho-so/"
    assert User.objects.count() == 1


LOGIN_PAGE = "/tai-khoan/dang-nhap/**"
ASKED_FOR_PASSWORD = "Đã có tài khoản trên Cổng dùng số định danh cá nhân hoặc thư điện tử của bạn"


def password_login(page, login: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Số điện thoại hoặc thư điện tử").fill(login)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def test_an_existing_account_is_linked_once_its_password_is_given(oidc_settings, live_server, page, shoot):
    by_id = User.objects.create_user(
        "cd-a", password=PASSWORD, phone="0905000001", national_id="045190077777", full_name="Lê An"
    )
    by_email = User.objects.create_user(
        "cd-b", password=PASSWORD, email="binh@example.vn", full_name="Võ Bình"
    )
    set_oidc_user(oidc_settings, "vneid-a", {"email": "an@example.vn", "national_id": "045190077777"})
    set_oidc_user(oidc_settings, "vneid-b", {"email": "binh@example.vn", "name": "Võ Bình"})

    oidc_login(page, live_server.url, "vneid-a", lands_on=LOGIN_PAGE)
    expect(page.get_by_text(ASKED_FOR_PASSWORD)).to_be_visible()
    shoot(page, "portal-login-link-identity")
    assert not ExternalIdentity.objects.exists()
    password_login(page, "0905000001")
    expect(page.get_by_text("Đã liên kết tài khoản với Tài khoản định danh điện tử")).to_be_visible()
    assert ExternalIdentity.objects.get(subject="vneid-a").user == by_id
    by_id.refresh_from_db()
    assert by_id.email == "an@example.vn"  # an empty profile field is filled in from the claims
    assert by_id.has_usable_password()

    page.context.clear_cookies()  # from now on the identity login alone opens the account
    oidc_login(page, live_server.url, "vneid-a")
    expect(page.get_by_text("Lê An").first).to_be_visible()

    page.context.clear_cookies()
    oidc_login(page, live_server.url, "vneid-b", lands_on=LOGIN_PAGE)
    password_login(page, "binh@example.vn")
    assert ExternalIdentity.objects.get(subject="vneid-b").user == by_email
    assert User.objects.count() == 2


def test_an_account_registered_with_my_data_by_someone_else_is_not_opened(oidc_settings, live_server, page):
    User.objects.create_user("cd-x", password=PASSWORD, email="hoa@example.vn", national_id="045190055555")
    someone = User.objects.create_user("cd-y", password=PASSWORD, phone="0905000009")
    set_oidc_user(
        oidc_settings, "vneid-0001", {"email": "hoa@example.vn", "national_id": "045190055555", "name": "Hoa"}
    )

    oidc_login(page, live_server.url, "vneid-0001", lands_on=LOGIN_PAGE)

    expect(page.get_by_text(ASKED_FOR_PASSWORD)).to_be_visible()
    page.goto(live_server.url + "/ho-so/")
    expect(page).to_have_url(re.compile("/tai-khoan/dang-nhap/"))  # not logged in to anything
    password_login(page, "0905000009")  # another account, logged in from the same browser
    assert not ExternalIdentity.objects.exists()
    assert not someone.external_identities.exists()


def test_a_staff_account_is_never_opened_by_the_provider(oidc_settings, live_server, page):
    agency = Agency.objects.create(code="H50.99", name="Sở thử nghiệm", kind=Agency.Kind.DEPARTMENT)
    officer = User.objects.create_user("canbo", password="x", email="canbo@example.vn")
    StaffRole.objects.create(user=officer, agency=agency, role=Role.INTAKE_OFFICER)
    set_oidc_user(oidc_settings, "vneid-staff", {"email": "canbo@example.vn"})

    oidc_login(page, live_server.url, "vneid-staff", lands_on="/tai-khoan/dang-nhap/**")

    expect(page.get_by_text("Không đăng nhập được qua tài khoản định danh")).to_be_visible()
    assert "/tai-khoan/dang-nhap/" in page.url
    assert not ExternalIdentity.objects.exists()


def test_the_button_appears_only_when_configured(client, db):
    assert "Đăng nhập bằng" not in client.get("/tai-khoan/dang-nhap/").content.decode()
