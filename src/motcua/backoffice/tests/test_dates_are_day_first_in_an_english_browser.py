"""Issue 9 item 8: back-office dates and times are typed day first with a 24-hour clock, whatever the
browser's language (a native date input shows mm/dd/yyyy and AM/PM in an en-US Chromium)."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import expect

from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import vn
from motcua.web.testing import DESKTOP

from .support import at_counter, staff_login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def english_page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(**{**DESKTOP, "locale": "en-US"})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_an_apology_takes_17_03_2025_14_30_in_an_en_us_browser(
    live_server, world, clock, english_page, shoot
):
    page = english_page
    dossier = at_counter(world, vn(2025, 3, 3, 9, 0))
    clock.set(2025, 3, 11, 9, 0)  # late: the apology with a new appointment is offered
    client = staff_login(Client(), world.intake)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    assert page.evaluate("navigator.language") == "en-US"

    page.goto(live_server.url + f"/can-bo/ho-so/{dossier.code}/")
    panel = page.locator("#act-xin-loi")
    panel.evaluate("d => { d.open = true; d.scrollIntoView(); }")
    when = panel.locator("[name=new_appointment]")
    assert when.get_attribute("type") == "text"
    assert when.get_attribute("placeholder") == "dd/mm/yyyy hh:mm"
    when.fill("17/03/2025 14:30")
    panel.locator("[name=reason]").fill("Cần xác minh thêm với Công an tỉnh")
    shoot(page, "backoffice-apology-date-en-us")
    with page.expect_navigation():
        panel.locator("button[type=submit]").click()
    assert Dossier.objects.get(pk=dossier.pk).appointment_at == vn(2025, 3, 17, 14, 30)

    # The worklists' and the register's date filters are day-first text boxes too.
    for path, field in (("/can-bo/danh-sach/can-xu-ly/", "#f-from"), ("/can-bo/so-theo-doi/", "#r-from")):
        page.goto(live_server.url + path)
        box = page.locator(field)
        assert box.get_attribute("type") == "text"
        assert box.get_attribute("placeholder") == "dd/mm/yyyy"
    page.goto(live_server.url + "/can-bo/danh-sach/can-xu-ly/?tu=01/03/2025&den=03/03/2025")
    expect(page.locator("#f-from")).to_have_value("01/03/2025")
    expect(page.locator(f"text={dossier.code}").first).to_be_visible()
    page.goto(live_server.url + "/can-bo/danh-sach/can-xu-ly/?tu=04/03/2025")
    expect(page.locator(f"text={dossier.code}")).to_have_count(0)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_fields_read_day_first_in_either_interface_language(language):
    from django.utils import translation

    from motcua.backoffice.action_forms import LocalDateTimeField
    from motcua.backoffice.worklists import day_from_query

    with translation.override(language):
        assert LocalDateTimeField().clean("17/03/2025 14:30") == vn(2025, 3, 17, 14, 30)
        assert day_from_query("03/04/2025").isoformat() == "2025-04-03"  # 3 April, never 4 March
        assert day_from_query("2025-04-03").isoformat() == "2025-04-03"  # links made before
        assert day_from_query("31/02/2025") is None
