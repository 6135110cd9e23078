"""The sync log in the admin: failed rows filtered, the portal's reply shown, retried by an action;
an officer without the administrator role sees nothing of it."""

from __future__ import annotations

from motcua.agencies.models import Role
from motcua.backoffice.tests.support import staff_login
from motcua.dossiers.tests.factories import staff
from motcua.dvcqg import services
from motcua.dvcqg.models import SyncOutbox

from .lives import received

LIST = "/admin/dvcqg/syncoutbox/"


def test_an_administrator_finds_the_failed_rows_and_what_the_portal_answered(world, sandbox, client):
    ok = received(world)
    services.deliver_due()
    broken = received(world)
    sandbox.fail_next(400)  # the portal refuses it: a permanent failure, with its reply
    services.deliver_due()
    assert set(SyncOutbox.objects.filter(dossier=broken).values_list("state", flat=True)) == {"failed"}

    administrator = staff(world.province, Role.ADMINISTRATOR, is_staff=True)
    staff_login(client, administrator)
    page = client.get(LIST, {"state__exact": "failed"}).content.decode()
    assert broken.code in page
    assert ok.code not in page
    assert "Cổng DVC quốc gia từ chối (HTTP 400" in page

    row = SyncOutbox.objects.filter(dossier=broken).first()
    detail = client.get(f"{LIST}{row.pk}/change/").content.decode()
    assert "Cổng tạm thời không phục vụ." in detail  # the reply as the portal gave it
    sent = SyncOutbox.objects.filter(dossier=ok, body__isnull=False).get()
    assert "DongBoHoSoMC" in client.get(f"{LIST}{sent.pk}/change/").content.decode()

    response = client.post(LIST, {"action": "retry", "_selected_action": [row.pk]})
    assert response.status_code == 302
    assert SyncOutbox.objects.get(pk=row.pk).state == "pending"


def test_an_officer_who_is_not_an_administrator_does_not_see_the_sync_log(world, client):
    officer = staff(world.department, Role.LEADER, world.unit_a, is_staff=True)
    staff_login(client, officer)
    assert client.get(LIST).status_code in (302, 403)
