"""The citizen's main journeys, in Chromium on a desktop and a 390-pixel phone: no English word on
the Vietnamese pages, and our Vietnamese interface gone from the English ones.

Home, a procedure, registration (with its errors), login (with its error), applying (with the
form's errors), tracking (with an unknown code), my dossiers, a dossier, the profile, and our own
"page not found".
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua.portal.models import ApplicationDraft
from motcua.web.testing import foreign_words_on

from .support import APPLICANT_FORM, JUDICIAL_FORM, JUDICIAL_RECORD, PASSWORD, PDF, mandatory_documents

# Browser tests (marked by hand: they take their page through request.getfixturevalue).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _submitted_dossier(user: User) -> Dossier:
    """One dossier of the citizen, submitted through the portal's own pages (in-process client)."""
    client = Client()
    client.force_login(user)
    client.get(f"/thu-tuc/{JUDICIAL_RECORD}/nop-truc-tuyen/")
    draft = ApplicationDraft.objects.get(owner=user)
    client.post(f"/nop-ho-so/{draft.pk}/to-khai/", {**APPLICANT_FORM, **JUDICIAL_FORM, "action": "next"})
    for document in mandatory_documents():
        client.post(
            f"/nop-ho-so/{draft.pk}/giay-to/{document.pk}/", {"file": SimpleUploadedFile("giay-to.pdf", PDF)}
        )
    client.post(f"/nop-ho-so/{draft.pk}/xem-lai/", {"declaration": "1"})
    return Dossier.objects.get(owner=user)


def _check(page: Any, shoot: Any, language: str, device: str, name: str) -> None:
    page.wait_for_load_state("domcontentloaded")
    shoot(page, f"lang-{language}-{name}-{device}")
    assert foreign_words_on(page, language) == [], f"{name} ({page.url})"
    if device == "phone":
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url


def _walk(page: Any, shoot: Any, base: str, language: str, device: str, code: str) -> None:
    def check(name: str) -> None:
        _check(page, shoot, language, device, name)

    page.goto(base + "/")
    check("home")
    page.goto(base + f"/thu-tuc/{JUDICIAL_RECORD}/")
    check("procedure")
    page.goto(base + "/tai-khoan/dang-ky/")
    page.locator("#id_password1").fill("1234567")
    page.locator("#id_password2").fill("1234567")
    page.locator("#id_phone").fill("0233 385")
    page.locator("form[action='/tai-khoan/dang-ky/'] button[type=submit]").click()
    page.locator("#error-summary").wait_for()
    check("register-errors")
    page.goto(base + "/tai-khoan/dang-nhap/")
    page.locator("#id_identifier").fill("mai@example.vn")
    page.locator("#id_password").fill("sai-mat-khau")
    page.locator("form[action='/tai-khoan/dang-nhap/'] button[type=submit]").click()
    page.locator("#error-summary").wait_for()
    check("login-error")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form[action='/tai-khoan/dang-nhap/'] button[type=submit]").click()
    page.wait_for_url(base + "/ho-so/")
    check("my-dossiers")
    page.goto(base + f"/ho-so/{code}/")
    check("dossier")
    page.goto(base + f"/thu-tuc/{JUDICIAL_RECORD}/nop-truc-tuyen/")
    page.locator("#form-noi_sinh").fill("")
    page.locator("button[name=action][value=next]").click()
    page.locator("#error-summary").wait_for()
    check("apply-errors")
    page.goto(base + "/tai-khoan/thong-tin/")
    check("profile")
    page.goto(base + "/tra-cuu/")
    check("track")
    page.locator("main form input[type=text]").first.fill("000.00.00.H00-250101-9999")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("domcontentloaded")
    check("track-unknown")
    page.locator(".site-nav form button[type=submit]").click()  # log out for the next walk
    page.wait_for_load_state("domcontentloaded")
    page.goto(base + "/khong-co-trang-nay/")
    check("not-found")


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_vietnamese_then_english(device, request, judicial, live_server, shoot):  # type: ignore[no-untyped-def]
    page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    user = User.objects.create_user(
        "mai", password=PASSWORD, full_name="Phạm Thị Mai", email="mai@example.vn"
    )
    code = _submitted_dossier(user).code

    _walk(page, shoot, live_server.url, "vi", device, code)

    page.goto(live_server.url + "/")
    page.locator(".lang-switch button[value=en]").click()
    page.wait_for_load_state("domcontentloaded")
    _walk(page, shoot, live_server.url, "en", device, code)
