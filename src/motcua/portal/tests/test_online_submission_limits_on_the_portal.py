"""The portal applies the same submission limits as the API: past them, a Vietnamese message, and the
draft with its uploads stays exactly as it was, to be submitted later."""

from __future__ import annotations

import pytest

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua.portal.models import ApplicationDraft, DraftFile

from .helpers import ready_draft
from .support import JUDICIAL_RECORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):  # type: ignore[no-untyped-def]
    settings.MOTCUA_TRUSTED_PROXIES = 0
    settings.MOTCUA_SUBMISSIONS_PER_ADDRESS_HOUR = 0
    settings.MOTCUA_SUBMISSIONS_PER_ADDRESS_DAY = 2
    settings.MOTCUA_SUBMISSIONS_PER_ACCOUNT_DAY = 0


def submit_from(client, draft: ApplicationDraft, address: str):  # type: ignore[no-untyped-def]
    return client.post(f"/nop-ho-so/{draft.pk}/xem-lai/", {"declaration": "1"}, REMOTE_ADDR=address)


def test_an_address_submits_so_many_per_day(client, citizen, limits):
    for _ in range(2):
        assert submit_from(client, ready_draft(client, citizen), "198.51.100.7").status_code == 302

    draft = ready_draft(client, citizen)
    files_before = list(DraftFile.objects.filter(draft=draft).values_list("pk", "sha256"))
    refused = submit_from(client, draft, "198.51.100.7")

    assert refused.status_code == 429
    assert "Đã đạt số hồ sơ được nộp trực tuyến tối đa" in refused.content.decode()
    assert Dossier.objects.count() == 2
    draft.refresh_from_db()
    assert draft.dossier_id is None
    assert draft.submitted_at is None
    assert list(DraftFile.objects.filter(draft=draft).values_list("pk", "sha256")) == files_before
    # The same draft goes through from elsewhere (or tomorrow): nothing was lost.
    assert submit_from(client, draft, "203.0.113.9").status_code == 302


def test_another_account_at_the_same_address_shares_its_allowance(client, citizen, limits):
    for _ in range(2):
        submit_from(client, ready_draft(client, citizen), "198.51.100.7")
    other = User.objects.create_user("lan", password="x", full_name="Lê Thị Lan")
    client.force_login(other)
    assert submit_from(client, ready_draft(client, other), "198.51.100.7").status_code == 429


def test_an_account_submits_so_many_per_day_from_anywhere(client, citizen, settings):
    settings.MOTCUA_SUBMISSIONS_PER_ADDRESS_HOUR = 0
    settings.MOTCUA_SUBMISSIONS_PER_ADDRESS_DAY = 0
    settings.MOTCUA_SUBMISSIONS_PER_ACCOUNT_DAY = 1
    assert submit_from(client, ready_draft(client, citizen), "198.51.100.7").status_code == 302
    assert submit_from(client, ready_draft(client, citizen), "203.0.113.9").status_code == 429


def test_account_mode_sends_anonymous_visitors_to_log_in(client, judicial, settings):
    settings.MOTCUA_ANONYMOUS_SUBMISSION = "account"
    response = client.get(f"/thu-tuc/{JUDICIAL_RECORD}/nop-truc-tuyen/")

    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/")
    assert not ApplicationDraft.objects.exists()
