"""The scorecard of one department from dossiers moved through the services, worked out by hand."""

from datetime import date

from motcua.dossiers import services
from motcua.dossiers.tests.factories import vn
from motcua.stats.scoring import as_dict, dossiers_behind, scorecard

from .test_api_report_equals_a_count_over_the_dossier_list import resolve, submit


def test_department_scorecard(world):
    early, late = (submit(world, vn(2025, 3, day, 8, 0)) for day in (3, 4))
    for d, day in ((early, 3), (late, 4)):
        services.receive_dossier(dossier_id=d.pk, actor=world.intake, at=vn(2025, 3, day, 8, 30))
    resolve(world, early, 6)  # due 10 March: early
    resolve(world, late, 17)  # due 11 March: late

    [card] = scorecard(date(2025, 3, 1), date(2025, 3, 31))
    lines = {line["id"]: line for line in as_dict(card)["indices"]}
    assert card.rank == 1
    assert card.level == "province"
    assert (lines["2.1"]["rate"], lines["2.1"]["points"]) == (50.0, 10.0)  # 1 of 2 in time: 50 % of 20
    assert (lines["3.3"]["rate"], lines["3.3"]["points"]) == (100.0, 12)  # online, above 50 %
    assert (lines["5.4"]["rate"], lines["5.4"]["points"]) == (50.0, 3.33)  # 100 − 50 % late; 50 / 90 × 6
    for not_applicable in ("1.4", "3.6", "5.2", "5.3"):
        assert lines[not_applicable]["points"] is None
    # Both resolved dossiers carry a result file and component files: 4.1 at 100 % (6 points) and
    # 4.2 at 100 %, above its 80 % threshold (4 points); their procedure has a fee but no online
    # payment (3.5, 3.5b: 0) and no dossier used population data (4.5a, 4.5b: 0).
    assert (lines["4.1"]["rate"], lines["4.1"]["points"]) == (100.0, 6.0)
    assert (lines["4.2"]["rate"], lines["4.2"]["points"]) == (100.0, 4)
    assert card.total == 25.33 + 10
    behind = dossiers_behind("2.1", world.department.pk, date(2025, 3, 1), date(2025, 3, 31))
    assert sorted(behind.values_list("pk", flat=True)) == sorted([early.pk, late.pk])
