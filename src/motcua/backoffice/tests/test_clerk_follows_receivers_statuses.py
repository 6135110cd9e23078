"""The clerk follows, per receiver, the latest status and the history of each document sent by exchange."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from motcua.agencies.models import Role
from motcua.core.time import VN_TZ
from motcua.dossiers.tests.factories import AgencyFactory, staff
from motcua.exchange.models import OutboxMessage
from motcua.exchange.services import receive_message, send_document
from motcua.exchange.tests.world import World, numbered_edoc, sending_world, status_about
from motcua.signatures.services import SYSTEM
from motcua.signatures.testing.pki import Pki

from .support import staff_login

PAGE = "/can-bo/lien-thong/van-ban-di/"
T0 = datetime(2026, 3, 3, 8, 0, tzinfo=VN_TZ)


@pytest.fixture
def exchange(db: None, pki: Pki) -> World:
    world = sending_world(pki)
    for number, codes in [(801, ["05", "01", "03", "04"]), (802, ["01"]), (803, [])]:
        doc = numbered_edoc(number, subject=f"Về việc phối hợp kiểm tra hồ sơ hộ tịch, đợt {number - 800}")
        send_document(actor=SYSTEM, agency_id=world.agency.pk, edoc=doc)
        for code in codes:
            at = T0 + timedelta(minutes=10 * ["01", "03", "04", "05"].index(code))
            status = status_about(doc.document_id, code, timestamp=at, description="")
            receive_message(world.sign(status), transport="direct", peer=world.peer)
    OutboxMessage.objects.update(state=OutboxMessage.State.SENT)  # the worker delivered them
    return world


def test_the_clerk_sees_each_receivers_latest_status_and_history(client, exchange: World) -> None:
    staff_login(client, staff(exchange.agency, Role.CLERK, full_name="Hoàng Thị Mai"))

    page = client.get(PAGE).content.decode()

    assert "Về việc phối hợp kiểm tra hồ sơ hộ tịch, đợt 1" in page
    assert "Sở Nội vụ tỉnh Quảng Trị" in page
    assert "<strong>05</strong> Đang xử lý" in page  # latest, though 05 arrived first
    assert page.index("<strong>01</strong> Đã đến") < page.index("<strong>03</strong> Đã tiếp nhận")
    assert "Chưa có phản hồi" in page


def test_the_clerks_desk_leads_to_the_page(client, exchange: World) -> None:
    staff_login(client, staff(exchange.agency, Role.CLERK))

    desk = client.get("/can-bo/van-thu/").content.decode()

    assert f'<a class="tab" href="{PAGE}">Văn bản đã gửi liên thông</a>' in desk
    assert 'href="/can-bo/van-thu/" accesskey="5" aria-current="page"' in client.get(PAGE).content.decode()


def test_a_specialist_or_another_agencys_clerk_does_not(client, exchange: World) -> None:
    staff_login(client, staff(exchange.agency, Role.SPECIALIST))
    assert client.get(PAGE).status_code == 403

    other = staff(AgencyFactory(), Role.CLERK)
    staff_login(client, other)
    assert "đợt 1" not in client.get(PAGE).content.decode()


def test_the_page_reads_in_a_fixed_number_of_queries(
    client, exchange: World, django_assert_max_num_queries
) -> None:
    staff_login(client, staff(exchange.agency, Role.CLERK))
    client.get(PAGE)

    with django_assert_max_num_queries(14):
        assert client.get(PAGE).status_code == 200


def test_screenshots_of_the_page(live_server, page, phone_page, shoot, exchange: World) -> None:
    from playwright.sync_api import expect

    from motcua.backoffice.management.commands.staff_totp import provision

    from .support import PASSWORD, totp_code

    clerk = staff(exchange.agency, Role.CLERK, full_name="Hoàng Thị Mai")
    clerk.set_password(PASSWORD)
    clerk.save()
    device = provision(clerk)
    for browser_page, name in ((page, "exchange-sent-desktop"), (phone_page, "exchange-sent-phone")):
        browser_page.goto(live_server.url + "/can-bo/dang-nhap/")
        browser_page.get_by_label("Tên đăng nhập").fill(clerk.username)
        browser_page.get_by_label("Mật khẩu").fill(PASSWORD)
        browser_page.get_by_role("button", name="Tiếp tục").click()
        browser_page.get_by_label("Mã xác thực (6 số)").fill(totp_code(device))
        browser_page.get_by_role("button", name="Đăng nhập").click()
        browser_page.goto(live_server.url + PAGE)
        expect(browser_page.get_by_role("heading", name="Văn bản đã gửi liên thông")).to_be_visible()
        shoot(browser_page, name)
