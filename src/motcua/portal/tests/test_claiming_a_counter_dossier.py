"""A dossier filed at the counter, added to the citizen's account with its receipt's lookup secret."""

from __future__ import annotations

import re
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from motcua.accounts.models import User
from motcua.core.errors import Conflict, DomainError, PermissionDenied
from motcua.dossiers import clock, services
from motcua.dossiers.events import verify_chain
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import replayed
from motcua.dossiers.states import State
from motcua.portal.views.common import TRACKED

from .helpers import register_at_counter, submit
from .support import PDF, Officers, officers

pytestmark = pytest.mark.django_db

CLAIM_BUTTON = 'id="claim-dossier"'
LOGIN_LINK = "Đăng nhập để theo dõi và bổ sung hồ sơ trực tuyến"


@pytest.fixture
def staff(judicial) -> Officers:  # type: ignore[no-untyped-def]
    return officers()


@pytest.fixture
def dossier(staff) -> Dossier:
    return register_at_counter(staff)


APPLICANT_ID = "045190012399"  # the applicant's number on the paper application (support.APPLICANT_FORM)


@pytest.fixture
def citizen() -> User:
    """The applicant herself, whose number the national identity service vouched for."""
    return User.objects.create_user(
        "mai",
        password="x",
        full_name="Phạm Thị Mai",
        email="mai@example.vn",
        national_id=APPLICANT_ID,
        national_id_verified_at=timezone.now(),
    )


def track(client: Client, dossier: Dossier) -> str:
    """Prove the secret as the QR code of the receipt does; the tracking page's HTML."""
    response = client.get("/tra-cuu/", {"ma": dossier.code, "ma-tra-cuu": dossier.lookup_secret})
    assert response["Location"] == f"/tra-cuu/{dossier.code}/"
    return client.get(response["Location"]).content.decode()


def claim(client: Client, dossier: Dossier):  # type: ignore[no-untyped-def]
    return client.post(f"/tra-cuu/{dossier.code}/gan-tai-khoan/")


def claims(dossier: Dossier) -> list[int | None]:
    """The accounts that took the dossier over, from its event chain."""
    return list(dossier.events.filter(kind="owner_linked").order_by("seq").values_list("actor_id", flat=True))


def unchanged(dossier: Dossier) -> None:
    before = (dossier.owner_id, dossier.version, dossier.last_event_hash)
    dossier.refresh_from_db()
    assert (dossier.owner_id, dossier.version, dossier.last_event_hash) == before


# --- the claim ---------------------------------------------------------------------------------


def test_a_citizen_who_proved_the_secret_adds_the_dossier_to_their_account(client, dossier, citizen):
    client.force_login(citizen)
    assert CLAIM_BUTTON in track(client, dossier)

    response = claim(client, dossier)

    assert response.status_code == 302
    assert response["Location"] == f"/ho-so/{dossier.code}/"
    dossier.refresh_from_db()
    assert dossier.owner == citizen
    assert claims(dossier) == [citizen.pk]
    page = client.get(response["Location"]).content.decode()
    assert "Đã thêm hồ sơ vào tài khoản của bạn." in page
    assert "Hồ sơ được gắn với tài khoản trên Cổng Dịch vụ công" in page
    assert dossier.code in client.get("/ho-so/").content.decode()


def test_the_claim_shows_on_the_tracking_timeline_without_the_account(client, dossier, citizen):
    client.force_login(citizen)
    track(client, dossier)
    claim(client, dossier)
    client.logout()

    html = track(client, dossier)

    assert "Hồ sơ được gắn với tài khoản trên Cổng Dịch vụ công" in html
    assert "Phạm Thị Mai" not in html
    assert CLAIM_BUTTON not in html
    assert LOGIN_LINK not in html


def test_a_second_click_changes_nothing(client, dossier, citizen):
    client.force_login(citizen)
    track(client, dossier)
    claim(client, dossier)
    dossier.refresh_from_db()

    again = claim(client, dossier)

    assert again["Location"] == f"/ho-so/{dossier.code}/"
    unchanged(dossier)
    assert len(claims(dossier)) == 1


def test_an_online_applicant_asking_again_leaves_no_claim(client, judicial, citizen):
    client.force_login(citizen)
    online = submit(client, citizen)
    track(client, online)

    assert claim(client, online)["Location"] == f"/ho-so/{online.code}/"
    assert claims(online) == []


# --- refusals leave the dossier as it was --------------------------------------------------------


def test_a_visitor_is_offered_a_login_and_cannot_claim(client, dossier):
    html = track(client, dossier)

    assert LOGIN_LINK in html
    assert f'href="/tai-khoan/dang-nhap/?next=/tra-cuu/{dossier.code}/"' in html
    assert CLAIM_BUTTON not in html
    response = claim(client, dossier)
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/?next=")
    unchanged(dossier)


def test_logging_in_keeps_the_proved_secret(client, dossier, citizen):
    track(client, dossier)
    client.force_login(citizen)

    assert CLAIM_BUTTON in client.get(f"/tra-cuu/{dossier.code}/").content.decode()
    assert claim(client, dossier).status_code == 302
    dossier.refresh_from_db()
    assert dossier.owner == citizen


def test_refused_without_the_secret_proved(client, dossier, citizen):
    client.force_login(citizen)

    assert claim(client, dossier).status_code == 404
    unchanged(dossier)
    assert claims(dossier) == []


def test_refused_with_a_wrong_secret(client, dossier, citizen):
    client.force_login(citizen)
    session = client.session
    session[TRACKED] = {dossier.code: "AAAAAA"}
    session.save()

    assert claim(client, dossier).status_code == 404
    unchanged(dossier)
    with pytest.raises(DomainError):
        services.claim_dossier(code=dossier.code, secret="AAAAAA", user=citizen)
    unchanged(dossier)


def test_refused_for_a_dossier_another_account_holds(client, dossier, citizen):
    User.objects.filter(pk=citizen.pk).update(national_id="045190099999")
    citizen.refresh_from_db()
    other = User.objects.create_user(
        "lan",
        password="x",
        full_name="Lê Thị Lan",
        national_id=APPLICANT_ID,
        national_id_verified_at=timezone.now(),
    )
    services.claim_dossier(code=dossier.code, secret=dossier.lookup_secret, user=other)
    dossier.refresh_from_db()
    client.force_login(citizen)
    assert CLAIM_BUTTON not in track(client, dossier)

    response = claim(client, dossier)

    assert response["Location"] == f"/tra-cuu/{dossier.code}/"
    assert (
        "Hồ sơ này đã được gắn với một tài khoản khác." in client.get(response["Location"]).content.decode()
    )
    unchanged(dossier)
    assert dossier.owner == other
    assert claims(dossier) == [other.pk]
    with pytest.raises(Conflict):
        services.claim_dossier(code=dossier.code, secret=dossier.lookup_secret, user=citizen)


def test_staff_accounts_cannot_claim(client, dossier, staff):
    client.force_login(staff.intake)  # the officer who printed the receipt knows the secret
    html = track(client, dossier)
    assert CLAIM_BUTTON not in html
    assert LOGIN_LINK not in html

    response = claim(client, dossier)

    assert response["Location"] == f"/tra-cuu/{dossier.code}/"
    unchanged(dossier)
    assert claims(dossier) == []


def test_the_claim_needs_the_csrf_token(dossier, citizen):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(citizen)
    html = track(browser, dossier)

    assert claim(browser, dossier).status_code == 403
    unchanged(dossier)

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    response = browser.post(f"/tra-cuu/{dossier.code}/gan-tai-khoan/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.owner == citizen


def test_refused_when_the_identification_numbers_differ(client, dossier, citizen):
    citizen.national_id = "045190099999"  # the receipt's holder is someone else (045190012399)
    citizen.save()
    client.force_login(citizen)
    html = track(client, dossier)
    assert CLAIM_BUTTON not in html
    assert "số định danh cá nhân đã xác thực" in html

    response = claim(client, dossier)

    assert response["Location"] == f"/tra-cuu/{dossier.code}/"
    assert "trùng với số định danh đã xác thực" in client.get(response["Location"]).content.decode()
    unchanged(dossier)
    assert dossier.owner_id is None


@pytest.mark.parametrize("typed", ["", APPLICANT_ID], ids=["no-number", "typed-in-number"])
def test_the_receipt_alone_or_a_typed_in_number_is_not_enough(client, dossier, typed):
    """The inspector's case: an account without a verified number took a stranger's dossier."""
    stranger = User.objects.create_user("ke-la", password="x", national_id=typed)
    client.force_login(stranger)
    html = track(client, dossier)
    assert CLAIM_BUTTON not in html

    response = claim(client, dossier)

    assert response["Location"] == f"/tra-cuu/{dossier.code}/"
    unchanged(dossier)
    assert dossier.owner_id is None
    assert client.get(f"/ho-so/{dossier.code}/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.claim_dossier(code=dossier.code, secret=dossier.lookup_secret, user=stranger)


def test_the_same_verified_identification_number_is_accepted(client, dossier, citizen):
    client.force_login(citizen)
    track(client, dossier)

    assert claim(client, dossier)["Location"] == f"/ho-so/{dossier.code}/"
    assert claims(dossier) == [citizen.pk]


# --- the claim in the dossier's history ---------------------------------------------------------


def test_the_claim_is_one_event_of_the_chain_and_moves_no_deadline(dossier, citizen):
    before = (dossier.state, dossier.due_at, dossier.version)

    services.claim_dossier(code=dossier.code, secret=dossier.lookup_secret, user=citizen)

    dossier.refresh_from_db()
    assert (dossier.state, dossier.due_at) == before[:2]
    assert dossier.version == before[2] + 1
    event = dossier.events.get(kind="owner_linked")
    assert (event.actor, event.from_state, event.to_state) == (citizen, dossier.state, dossier.state)
    assert verify_chain(dossier).ok
    assert replayed(dossier) == clock.snapshot_of(dossier)


def test_an_ended_dossier_can_still_be_kept_in_the_account(dossier, citizen, staff):
    # The applicant withdrew it at the counter; the intake officer accepted.
    services.request_withdrawal(dossier_id=dossier.pk, actor=staff.intake, reason="Không còn nhu cầu")
    services.decide_withdrawal(dossier_id=dossier.pk, actor=staff.intake, accept=True)
    dossier.refresh_from_db()
    assert dossier.state == State.STOPPED

    services.claim_dossier(code=dossier.code, secret=dossier.lookup_secret, user=citizen)

    dossier.refresh_from_db()
    assert (dossier.owner, dossier.state) == (citizen, State.STOPPED)
    assert verify_chain(dossier).ok


# --- what the new owner can do ------------------------------------------------------------------


def test_after_the_claim_the_owner_answers_a_supplement_request(client, dossier, citizen, staff):
    services.request_supplement(dossier_id=dossier.pk, actor=staff.intake, missing=["Bản chụp CCCD rõ nét"])
    client.force_login(citizen)
    assert client.get(f"/ho-so/{dossier.code}/").status_code == 404  # not theirs yet
    track(client, dossier)
    claim(client, dossier)

    page = client.get(f"/ho-so/{dossier.code}/")
    assert page.status_code == 200
    assert f'action="/ho-so/{dossier.code}/bo-sung/"' in page.content.decode()
    response = client.post(
        f"/ho-so/{dossier.code}/bo-sung/",
        {"doc-other": SimpleUploadedFile("cccd.pdf", PDF), "note": "Bản chụp rõ hơn"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    dossier.refresh_from_db()
    assert dossier.state == State.RECEIVED
    assert dossier.attachments.filter(original_name="cccd.pdf").exists()


def test_after_the_claim_the_owner_may_ask_to_withdraw(client, dossier, citizen):
    client.force_login(citizen)
    track(client, dossier)
    claim(client, dossier)

    client.post(f"/ho-so/{dossier.code}/rut-ho-so/", {"reason": "Không còn nhu cầu"})

    dossier.refresh_from_db()
    assert dossier.state == State.WITHDRAWAL_REQUESTED


# --- two accounts at once (PostgreSQL row lock) --------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_accounts_claiming_at_once_get_one_owner(judicial):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with MOTCUA_DATABASE_URL (make test-postgres)")
    dossier = register_at_counter(officers())
    # Two verified accounts cannot share a number: the same account, from two browsers at once.
    owner = User.objects.create_user(
        "nguoi-dan", password="x", national_id=APPLICANT_ID, national_id_verified_at=timezone.now()
    )
    users = [owner, owner]
    barrier = threading.Barrier(len(users))
    outcomes: list[object] = []

    def run(user: User) -> None:
        try:
            barrier.wait()
            services.claim_dossier(code=dossier.code, secret=dossier.lookup_secret, user=user)
            outcomes.append(user.pk)
        except DomainError as exc:
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert outcomes == [owner.pk, owner.pk]  # the second finds it already theirs
    dossier.refresh_from_db()
    assert dossier.owner_id == owner.pk
    assert claims(dossier) == [owner.pk]  # one event, not two
