"""Index 1.4 from the national sync, worked out by hand: of two dossiers received in March, the
portal accepted one: 50 % of 6 points = 3.0; index 3.3 (both online) is reduced by that rate:
100 % × 0.5 = 50 %, the threshold, so its 12 points. Without a connection to the portal, 1.4 is N/A."""

from datetime import date

from motcua.dossiers import services
from motcua.dossiers.tests.factories import vn
from motcua.dvcqg.models import SyncOutbox
from motcua.stats.scoring import as_dict, dossiers_behind, scorecard

from .test_api_report_equals_a_count_over_the_dossier_list import submit


def _two_received(world):  # type: ignore[no-untyped-def]
    dossiers = [submit(world, vn(2025, 3, day, 8, 0)) for day in (3, 4)]
    for d, day in zip(dossiers, (3, 4), strict=True):
        services.receive_dossier(dossier_id=d.pk, actor=world.intake, at=vn(2025, 3, day, 8, 30))
    return dossiers


def _lines(card):  # type: ignore[no-untyped-def]
    return {line["id"]: line for line in as_dict(card)["indices"]}


def test_one_of_two_synced(world, settings):  # type: ignore[no-untyped-def]
    settings.MOTCUA_DVCQG_URL = "https://dichvucong.gov.vn/api"
    accepted, _waiting = _two_received(world)
    SyncOutbox.objects.filter(dossier=accepted).update(state=SyncOutbox.State.SENT)

    [card] = scorecard(date(2025, 3, 1), date(2025, 3, 31))
    lines = _lines(card)
    assert (lines["1.4"]["rate"], lines["1.4"]["points"]) == (50.0, 3.0)
    assert (lines["3.3"]["rate"], lines["3.3"]["points"]) == (50.0, 12)
    behind = dossiers_behind("1.4", world.department.pk, date(2025, 3, 1), date(2025, 3, 31))
    assert behind.count() == 2


def test_not_connected_is_not_applicable(world, settings):  # type: ignore[no-untyped-def]
    settings.MOTCUA_DVCQG_URL = ""
    _two_received(world)
    [card] = scorecard(date(2025, 3, 1), date(2025, 3, 31))
    lines = _lines(card)
    assert lines["1.4"]["rate"] is None
    assert lines["3.3"]["rate"] == 100.0
