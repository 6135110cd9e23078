"""Indices 4.1 (e-results) and 4.2 (digitised dossiers) worked out by hand; 4.3 and 4.4 are N/A with
a Vietnamese note, as the platform keeps no store to re-use files from."""

from datetime import date

from motcua.dossiers.tests.factories import AgencyFactory, vn
from motcua.stats import digital
from motcua.stats.coverage import dossier_figures
from motcua.stats.scorecard import indices, score
from motcua.stats.scoring import dossiers_behind

from .factories import dossier, procedure


def test_results_and_component_files(db):
    dept = AgencyFactory()
    version = procedure(dept)
    at, done = vn(2025, 3, 3, 8, 0), vn(2025, 3, 10, 9, 0)
    both = [dossier(version, received=at, finished=done, result=True, component_file=True) for _ in range(3)]
    result_only = dossier(version, received=at, finished=done, result=True)
    loose_file = dossier(version, received=at, finished=done, result=True, other_file=True)  # no component
    nothing = dossier(version, received=at, finished=done, state="returned")
    dossier(version, received=at, finished=done, state="stopped", result=True)  # stopped: not resolved
    dossier(version, received=at)  # still open
    dossier(version, received=at, finished=vn(2025, 4, 1, 9, 0), result=True)  # resolved in April
    digital.rebuild()  # the rows were written directly, not through events: the table from scratch

    figures = dossier_figures(date(2025, 3, 1), date(2025, 3, 31))
    # Six dossiers resolved in March: five with a result file (4.1 = 83.33 % → × 6 = 5.0 points),
    # three with both component files and a result (4.2 = 50 % → 50 / 80 × 4 = 2.5 points).
    assert figures["4.1"][dept.pk] == (5, 6)
    assert figures["4.2"][dept.pk] == (3, 6)
    config = {i.id: i for i in indices()}
    assert (score(config["4.1"], 5, 6).rate, score(config["4.1"], 5, 6).points) == (83.33, 5.0)
    assert (score(config["4.2"], 3, 6).rate, score(config["4.2"], 3, 6).points) == (50.0, 2.5)

    behind = dossiers_behind("4.2", dept.pk, date(2025, 3, 1), date(2025, 3, 31))
    marks = {d.pk: d.counted for d in behind}
    assert marks == {
        **{d.pk: True for d in both},
        result_only.pk: False,
        loose_file.pk: False,
        nothing.pk: False,
    }


def test_reuse_and_citizen_store_are_not_applicable_with_a_reason():
    config = {i.id: i for i in indices()}
    for index_id in ("4.3", "4.4"):
        assert "chưa có số liệu" in config[index_id].missing
        assert config[index_id].max  # scored nationally: the note tells the leader why it is N/A here
    assert "DuocTaiSuDung" in config["4.3"].missing
    assert "DuocLayTuKhoDMQG" in config["4.4"].missing
