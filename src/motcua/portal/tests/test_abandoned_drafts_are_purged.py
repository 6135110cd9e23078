"""Drafts left unsubmitted for MOTCUA_DRAFT_RETENTION_DAYS go, with their files; nothing else does."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.core.time import now
from motcua.dossiers.models import Dossier
from motcua.portal.drafts import purge_abandoned_drafts
from motcua.portal.models import ApplicationDraft, DraftFile

from .helpers import ready_draft, submit

pytestmark = pytest.mark.django_db


def left_for(draft: ApplicationDraft, days: int) -> ApplicationDraft:
    """As if nobody had touched the draft for `days` days (updated_at is otherwise set on save)."""
    ApplicationDraft.objects.filter(pk=draft.pk).update(updated_at=now() - timedelta(days=days))
    return draft


def file_names(draft: ApplicationDraft) -> list[str]:
    return [f.file.name for f in DraftFile.objects.filter(draft=draft)]


def test_an_old_unsubmitted_draft_goes_with_its_files(
    client, citizen, settings, django_capture_on_commit_callbacks
):
    settings.MOTCUA_DRAFT_RETENTION_DAYS = 90
    draft = left_for(ready_draft(client, citizen), days=91)
    names = file_names(draft)
    assert names
    assert all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        assert purge_abandoned_drafts() == 1

    assert not ApplicationDraft.objects.filter(pk=draft.pk).exists()
    assert not DraftFile.objects.filter(draft_id=draft.pk).exists()
    assert not any(default_storage.exists(name) for name in names)


def test_a_recent_draft_stays(client, citizen, settings, django_capture_on_commit_callbacks):
    settings.MOTCUA_DRAFT_RETENTION_DAYS = 90
    draft = left_for(ready_draft(client, citizen), days=89)
    names = file_names(draft)

    with django_capture_on_commit_callbacks(execute=True):
        assert purge_abandoned_drafts() == 0

    assert ApplicationDraft.objects.filter(pk=draft.pk).exists()
    assert file_names(draft) == names
    assert all(default_storage.exists(name) for name in names)


def test_the_retention_is_counted_from_the_given_moment(client, citizen, settings):
    settings.MOTCUA_DRAFT_RETENTION_DAYS = 30
    draft = left_for(ready_draft(client, citizen), days=10)

    assert purge_abandoned_drafts(now=now() + timedelta(days=21)) == 1
    assert not ApplicationDraft.objects.filter(pk=draft.pk).exists()


def test_an_old_draft_that_became_a_dossier_stays(
    client, citizen, settings, django_capture_on_commit_callbacks
):
    settings.MOTCUA_DRAFT_RETENTION_DAYS = 90
    with django_capture_on_commit_callbacks(execute=True):
        dossier = submit(client, citizen)
    draft = left_for(ApplicationDraft.objects.get(dossier=dossier), days=400)
    attachments = [a.file.name for a in dossier.attachments.all()]
    assert attachments
    assert all(default_storage.exists(name) for name in attachments)

    with django_capture_on_commit_callbacks(execute=True):
        assert purge_abandoned_drafts() == 0

    assert ApplicationDraft.objects.filter(pk=draft.pk, dossier=dossier).exists()
    assert Dossier.objects.get(pk=dossier.pk).attachments.count() == len(attachments)
    assert all(default_storage.exists(name) for name in attachments)
    assert client.get(f"/nop-ho-so/{draft.pk}/")["Location"] == f"/ho-so/{dossier.code}/da-nop/"


def test_dry_run_counts_and_deletes_nothing(client, citizen, settings, django_capture_on_commit_callbacks):
    settings.MOTCUA_DRAFT_RETENTION_DAYS = 90
    draft = left_for(ready_draft(client, citizen), days=120)
    names = file_names(draft)
    out = StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_drafts", "--dry-run", stdout=out)

    assert "Chạy thử: 1 hồ sơ nháp" in out.getvalue()
    assert ApplicationDraft.objects.filter(pk=draft.pk).exists()
    assert all(default_storage.exists(name) for name in names)


def test_the_command_says_how_many_went(client, citizen, settings, django_capture_on_commit_callbacks):
    settings.MOTCUA_DRAFT_RETENTION_DAYS = 90
    left_for(ready_draft(client, citizen), days=120)
    out = StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_drafts", stdout=out)

    assert out.getvalue().strip() == "Đã xóa 1 hồ sơ nháp bỏ dở quá 90 ngày."
    assert not ApplicationDraft.objects.exists()


def test_a_retention_of_zero_days_is_refused(client, citizen, settings):
    settings.MOTCUA_DRAFT_RETENTION_DAYS = 0
    draft = ready_draft(client, citizen)

    with pytest.raises(CommandError, match="phải từ 1 ngày trở lên"):
        call_command("purge_drafts")
    assert ApplicationDraft.objects.filter(pk=draft.pk).exists()


def test_on_disk_the_draft_folder_goes_too(
    client, citizen, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    draft = left_for(ready_draft(client, citizen), days=120)
    assert (tmp_path / "drafts" / str(draft.pk)).is_dir()

    with django_capture_on_commit_callbacks(execute=True):
        assert purge_abandoned_drafts() == 1

    assert not (tmp_path / "drafts" / str(draft.pk)).exists()
    assert (tmp_path / "drafts").is_dir()
