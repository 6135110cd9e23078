"""The clerk adds a line to the register of outgoing post and to the register of archive-copy use, and
recalls an outgoing document, through the document's page; a recalled document takes no more post;
a leader reads the page but writes nothing; a specialist does not see it."""

from __future__ import annotations

from datetime import date

import pytest

from motcua.backoffice.tests.support import staff_login
from motcua.documents.models import ArchiveCopyUse, OutgoingDocument, OutgoingPost
from motcua.documents.services import register_outgoing


@pytest.fixture
def document(world) -> OutgoingDocument:  # type: ignore[no-untyped-def]
    document, _warnings = register_outgoing(
        actor=world.clerk,
        agency_id=world.department.pk,
        kind="decision",
        subject="Cấp phép hoạt động văn phòng công chứng Hòa Bình",
        signer_name="Nguyễn Văn An",
        signer_position="Giám đốc",
        signed_on=date.today(),
        recipients="Như Điều 3; Lưu: VT, HCTP.",
    )
    return document


def _url(document: OutgoingDocument) -> str:
    return f"/can-bo/van-thu/van-ban-di/{document.pk}/"


def test_post_archive_use_and_recall_through_the_page(client, world, document) -> None:
    staff_login(client, world.clerk)
    year = document.register.year
    register = client.get(f"/can-bo/van-thu/so/van-ban-di/?nam={year}").content.decode()
    assert f'href="{_url(document)}"' in register

    page = client.get(_url(document)).content.decode()
    assert document.notation in page
    assert "Sổ chuyển giao văn bản đi qua bưu chính" in page

    response = client.post(
        _url(document),
        {
            "buoc": "chuyen-phat",
            "chuyen-phat-recipient": "UBND huyện Gio Linh",
            "chuyen-phat-sent_on": "03/03/2026",
            "chuyen-phat-envelopes": "2",
        },
    )
    assert response.status_code == 302
    post = OutgoingPost.objects.get()
    assert (post.recipient, post.sent_on, post.envelopes) == ("UBND huyện Gio Linh", date(2026, 3, 3), 2)

    response = client.post(
        _url(document),
        {
            "buoc": "ban-luu",
            "ban-luu-user_name": "Trần Thị Bình",
            "ban-luu-used_on": "04/03/2026",
            "ban-luu-authorised_by": "Chánh Văn phòng",
        },
    )
    assert response.status_code == 302
    assert ArchiveCopyUse.objects.get().user_name == "Trần Thị Bình"

    assert client.post(_url(document), {"buoc": "thu-hoi", "thu-hoi-reason": ""}).status_code == 400
    response = client.post(_url(document), {"buoc": "thu-hoi", "thu-hoi-reason": "Sai thẩm quyền ban hành"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.recalled_at is not None
    assert document.recall_reason == "Sai thẩm quyền ban hành"

    page = client.get(_url(document)).content.decode()
    assert "Đã thu hồi" in page
    refused = client.post(
        _url(document),
        {
            "buoc": "chuyen-phat",
            "chuyen-phat-recipient": "UBND huyện Cam Lộ",
            "chuyen-phat-sent_on": "05/03/2026",
            "chuyen-phat-envelopes": "1",
        },
    )
    assert refused.status_code in (400, 409)
    assert "đã bị thu hồi" in refused.content.decode()
    assert OutgoingPost.objects.count() == 1


def test_an_invalid_form_changes_nothing(client, world, document) -> None:
    staff_login(client, world.clerk)
    response = client.post(
        _url(document),
        {"buoc": "chuyen-phat", "chuyen-phat-recipient": "", "chuyen-phat-sent_on": "31/02/2026"},
    )
    assert response.status_code == 400
    assert not OutgoingPost.objects.exists()


def test_a_leader_reads_but_does_not_write(client, world, document) -> None:
    staff_login(client, world.leader)
    page = client.get(_url(document)).content.decode()
    assert document.notation in page
    assert 'name="buoc"' not in page
    response = client.post(_url(document), {"buoc": "thu-hoi", "thu-hoi-reason": "Thử"})
    assert response.status_code == 403
    document.refresh_from_db()
    assert document.recalled_at is None


@pytest.mark.parametrize("who", ["specialist", "other_intake"])
def test_others_do_not_see_the_document(client, world, document, who) -> None:
    staff_login(client, getattr(world, who))
    assert client.get(_url(document)).status_code == 404
    assert client.post(_url(document), {"buoc": "thu-hoi", "thu-hoi-reason": "Thử"}).status_code == 404
    document.refresh_from_db()
    assert document.recalled_at is None


def test_the_post_needs_csrf(world, document) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    staff_login(client, world.clerk)
    response = client.post(_url(document), {"buoc": "thu-hoi", "thu-hoi-reason": "Thử"})
    assert response.status_code == 403
    document.refresh_from_db()
    assert document.recalled_at is None


def test_screenshots_of_the_page(live_server, page, phone_page, shoot, world, document) -> None:
    from playwright.sync_api import expect

    from motcua.backoffice.management.commands.staff_totp import provision
    from motcua.backoffice.tests.support import PASSWORD, totp_code

    world.clerk.set_password(PASSWORD)
    world.clerk.save()
    device = provision(world.clerk)
    for browser_page, name in ((page, "outgoing-desktop"), (phone_page, "outgoing-phone")):
        browser_page.goto(live_server.url + "/can-bo/dang-nhap/")
        browser_page.get_by_label("Tên đăng nhập").fill(world.clerk.username)
        browser_page.get_by_label("Mật khẩu").fill(PASSWORD)
        browser_page.get_by_role("button", name="Tiếp tục").click()
        browser_page.get_by_label("Mã xác thực (6 số)").fill(totp_code(device))
        browser_page.get_by_role("button", name="Đăng nhập").click()
        browser_page.goto(live_server.url + _url(document))
        browser_page.get_by_text("Ghi chuyển phát qua bưu chính").click()
        browser_page.get_by_label("Nơi nhận").fill("UBND huyện Gio Linh")
        browser_page.get_by_label("Ngày chuyển (dd/mm/yyyy)").fill("03/03/2026")
        browser_page.get_by_role("button", name="Ghi vào sổ chuyển phát").click()
        expect(browser_page.get_by_role("cell", name="UBND huyện Gio Linh").first).to_be_visible()
        shoot(browser_page, name)
