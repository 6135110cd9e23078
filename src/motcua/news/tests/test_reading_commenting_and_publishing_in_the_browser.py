"""In Chromium, on a desktop and a phone: a reader opens an article with its picture, related news and
comments, and posts a comment that waits for moderation; a moderator logs in with password and TOTP,
publishes an editor's draft in the Wagtail admin and approves the comment; the reader then sees both.
Screenshots go to $MOTCUA_SCREENSHOTS (docs/screenshots/ in the repository)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from motcua.backoffice.management.commands.staff_totp import provision
from motcua.backoffice.tests.support import PASSWORD, totp_code
from motcua.demo.news import ARTICLES, seed_news
from motcua.news.models import ArticlePage, Comment, CommentStatus
from motcua.news.permissions import MODERATORS_GROUP
from motcua.news.tests.factories import article, news_index
from motcua.web.testing import not_ours

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_news(settings):  # type: ignore[no-untyped-def]
    settings.DEMO_MODE = True
    news_index()
    seed_news()
    settings.DEMO_MODE = False
    return ArticlePage.objects.get(slug=ARTICLES[0][0])


def test_a_reader_reads_and_comments_on_a_desktop_and_a_phone(
    live_server, demo_news, page, phone_page, shoot
):  # type: ignore[no-untyped-def]
    base = live_server.url
    for tab, size in ((page, "desktop"), (phone_page, "phone")):
        tab.goto(base + "/tin-tuc/")
        expect(tab.get_by_role("heading", name="Tin tức", exact=True)).to_be_visible()
        shoot(tab, f"news-list-{size}")
        tab.get_by_role("link", name=demo_news.title).first.click()
        expect(tab.get_by_role("heading", name=demo_news.title)).to_be_visible()
        expect(tab.get_by_role("heading", name="Tin liên quan")).to_be_visible()
        expect(tab.get_by_role("heading", name="Bình luận (2)")).to_be_visible()
        picture = tab.locator("img.news-lead-image")
        expect(picture).to_be_visible()
        # Visible means laid out, not loaded: on a busy machine the rendition may still be
        # on its way, so wait until the browser has finished with it (loaded or failed).
        lead_image = picture.element_handle()
        tab.wait_for_function("img => img.complete", arg=lead_image)
        assert tab.evaluate("img => img.naturalWidth", lead_image) > 0  # the rendition is served
        shoot(tab, f"news-article-{size}")

    phone_page.get_by_label("Họ và tên").fill("Đặng Quốc Việt")
    phone_page.get_by_label("Thư điện tử").fill("viet@example.vn")
    phone_page.get_by_label("Nội dung bình luận").fill("<b>Cảm ơn</b> bài viết hữu ích!")
    phone_page.get_by_role("button", name="Gửi bình luận").click()
    expect(phone_page.get_by_text("đang chờ ban biên tập duyệt")).to_be_visible()
    shoot(phone_page, "news-comment-waiting-phone")
    comment = Comment.objects.get(name="Đặng Quốc Việt")
    assert comment.status == CommentStatus.PENDING
    expect(phone_page.get_by_text("Cảm ơn bài viết hữu ích")).to_have_count(0)


def test_a_moderator_publishes_a_draft_and_approves_a_comment(live_server, demo_news, page, shoot):  # type: ignore[no-untyped-def]
    # Wagtail's admin is another program's pages: its accessibility is Wagtail's (audited upstream).
    not_ours(live_server.url + "/can-bo/bien-tap/")
    base = live_server.url
    from motcua.accounts.models import User

    boss = User.objects.get(username="duyettin")
    boss.set_password(PASSWORD)
    boss.save()
    boss.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    device = provision(boss)
    draft = article(
        "Khai trương điểm hỗ trợ dịch vụ công tại xã Vĩnh Linh", slug="diem-ho-tro-vinh-linh", publish=False
    )
    assert page.goto(base + f"/tin-tuc/{draft.slug}/").status == 404

    page.goto(base + f"/can-bo/bien-tap/pages/{draft.pk}/edit/")
    expect(page).to_have_url(re.compile(r"/can-bo/dang-nhap/"))  # the staff login, not Wagtail's
    page.get_by_label("Tên đăng nhập").fill(boss.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Mã xác thực (6 số)").fill(totp_code(device))
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: f"/pages/{draft.pk}/edit/" in url)
    shoot(page, "news-editor-draft-desktop")
    page.locator("button[data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Xuất bản").click()
    page.wait_for_url(lambda url: "/edit/" not in url)
    shoot(page, "news-editor-published-desktop")
    assert ArticlePage.objects.get(pk=draft.pk).live

    page.goto(base + "/can-bo/bien-tap/binh-luan/")
    waiting = Comment.objects.filter(status=CommentStatus.PENDING).order_by("created_at").first()
    row = page.locator("tr", has_text=waiting.body[:20])
    shoot(page, "news-moderation-desktop")
    row.get_by_role("button", name="Duyệt (hiển thị)").click()
    expect(page.get_by_text("Đã duyệt bình luận.")).to_be_visible()
    assert Comment.objects.get(pk=waiting.pk).status == CommentStatus.APPROVED

    page.goto(base + f"/tin-tuc/{draft.slug}/")
    expect(
        page.get_by_role("heading", name="Khai trương điểm hỗ trợ dịch vụ công tại xã Vĩnh Linh")
    ).to_be_visible()


def test_an_editor_submits_for_review_and_cannot_publish(live_server, demo_news, page, shoot):  # type: ignore[no-untyped-def]
    # Wagtail's admin is another program's pages: its accessibility is Wagtail's (audited upstream).
    not_ours(live_server.url + "/can-bo/bien-tap/")
    base = live_server.url
    from motcua.accounts.models import User

    writer = User.objects.get(username="bientap")
    writer.set_password(PASSWORD)
    writer.save()
    device = provision(writer)
    draft = article(
        "Hướng dẫn nộp hồ sơ trực tuyến cho người cao tuổi", slug="huong-dan-nguoi-cao-tuoi", publish=False
    )

    page.goto(base + f"/can-bo/bien-tap/pages/{draft.pk}/edit/")
    page.get_by_label("Tên đăng nhập").fill(writer.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Mã xác thực (6 số)").fill(totp_code(device))
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: f"/pages/{draft.pk}/edit/" in url)
    expect(page.get_by_role("button", name="Xuất bản")).to_have_count(0)  # editors do not publish
    page.locator("button[data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-submit']").click()
    page.wait_for_url(lambda url: "/edit/" not in url)
    shoot(page, "news-editor-submitted-desktop")
    state = draft.get_workflow().workflow_states.filter(object_id=str(draft.pk)).first()
    assert state is not None
    assert state.status == state.STATUS_IN_PROGRESS
    assert not ArticlePage.objects.get(pk=draft.pk).live
    assert page.goto(base + f"/tin-tuc/{draft.slug}/").status == 404
