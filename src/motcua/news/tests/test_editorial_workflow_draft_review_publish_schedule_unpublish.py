"""The editors' workflow, Wagtail's own: an editor drafts and submits for review; only a moderator
approves, which publishes; a scheduled article goes live at its time; unpublishing takes it down;
every step keeps a revision. Readers never see what is not live."""

from __future__ import annotations

import time
from datetime import timedelta

from django.core.management import call_command
from django.test import Client
from wagtail.models import Revision, WorkflowState

from motcua.backoffice.tests.support import staff_login
from motcua.core.time import now
from motcua.news.models import ArticlePage
from motcua.news.tests.factories import article, editor, moderator


def test_an_editor_submits_and_a_moderator_approves(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    writer, boss = editor(), moderator()
    page = article("Hội nghị tổng kết cải cách hành chính", slug="tong-ket-cchc", publish=False, owner=writer)
    assert not page.permissions_for_user(writer).can_publish()
    assert page.permissions_for_user(boss).can_publish()
    assert client.get("/tin-tuc/tong-ket-cchc/").status_code == 404

    workflow = page.get_workflow()
    state = workflow.start(page, writer)
    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(page, writer) == []  # the editor cannot approve their own article
    assert client.get("/tin-tuc/tong-ket-cchc/").status_code == 404

    task.on_action(task_state, boss, "approve")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    page.refresh_from_db()
    assert page.live
    html = client.get("/tin-tuc/tong-ket-cchc/").content.decode()
    assert "Hội nghị tổng kết cải cách hành chính" in html
    assert page.live_revision_id == task_state.revision_id  # the very revision that was reviewed


def test_a_scheduled_article_goes_live_at_its_time(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    page = article("Lịch nghỉ Tết Nguyên đán", slug="lich-nghi-tet", publish=False)
    page.go_live_at = now() + timedelta(seconds=2)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live
    assert revision.approved_go_live_at is not None
    assert client.get("/tin-tuc/lich-nghi-tet/").status_code == 404
    assert "Lịch nghỉ Tết" not in client.get("/tin-tuc/").content.decode()

    time.sleep(2.2)  # the scheduled moment passes
    call_command("publish_scheduled", verbosity=0)
    assert ArticlePage.objects.get(pk=page.pk).live
    assert client.get("/tin-tuc/lich-nghi-tet/").status_code == 200


def test_unpublishing_takes_it_down_and_keeps_its_revisions(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    page = article("Tin sẽ gỡ", slug="tin-se-go")
    page.title = "Tin sẽ gỡ (đã sửa)"
    page.save_revision().publish()
    assert "Tin sẽ gỡ (đã sửa)" in client.get("/tin-tuc/tin-se-go/").content.decode()
    page.refresh_from_db()
    page.unpublish(user=moderator())
    assert client.get("/tin-tuc/tin-se-go/").status_code == 404
    assert client.get("/tin-tuc/tin-se-go/binh-luan/").status_code == 404
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 2


def test_drafts_are_read_by_editors_only_in_the_admin(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    page = article("Bản nháp bí mật", slug="ban-nhap-bi-mat", publish=False)
    draft_url = f"/can-bo/bien-tap/pages/{page.pk}/view_draft/"
    assert client.get("/tin-tuc/ban-nhap-bi-mat/").status_code == 404
    assert client.get(draft_url).status_code == 302  # to the staff login
    staff_login(client, editor())
    response = client.get(draft_url)
    assert response.status_code == 200
    assert "Bản nháp bí mật" in response.content.decode()
