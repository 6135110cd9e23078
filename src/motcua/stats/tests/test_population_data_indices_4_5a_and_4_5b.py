"""Indices 4.5a (citizen procedures with a dossier that used population data) and 4.5b (dossiers that
did: VNeID's particulars or the national population database), worked out by hand."""

from datetime import date

from motcua.dossiers.tests.factories import AgencyFactory, vn
from motcua.stats import digital
from motcua.stats.coverage import catalogue_figures, dossier_figures, procedures_behind
from motcua.stats.scorecard import indices, score

from .factories import dossier, procedure


def test_population_data_use(db):
    dept = AgencyFactory()
    birth = procedure(dept)  # neither audience marked: taken as open to citizens
    residence = procedure(dept, citizens=True, businesses=True)
    marriage = procedure(dept, citizens=True)
    procedure(dept, citizens=False, businesses=True)  # businesses only: not in 4.5a
    at = vn(2025, 3, 3, 8, 0)
    dossier(birth, received=at, vneid=True)
    dossier(birth, received=at, population=True)
    dossier(residence, received=at, vneid=True, population=True)
    dossier(residence, received=at)
    dossier(marriage, received=at)
    dossier(marriage, received=vn(2025, 4, 1, 8, 0), vneid=True)  # April: outside the period
    digital.rebuild()  # the rows were written directly, not through events: the table from scratch

    march = (date(2025, 3, 1), date(2025, 3, 31))
    # 4.5a: birth and residence of the three citizen procedures = 66.67 % → × 2 = 1.33 points.
    assert catalogue_figures(*march)["4.5a"][dept.pk] == (2, 3)
    config = {i.id: i for i in indices()}
    assert (score(config["4.5a"], 2, 3).rate, score(config["4.5a"], 2, 3).points) == (66.67, 1.33)
    # 4.5b: three of the five dossiers received in March = 60 % → × 2 = 1.2 points.
    assert dossier_figures(*march)["4.5b"][dept.pk] == (3, 5)
    assert score(config["4.5b"], 3, 5).points == 1.2
    assert [line.procedure.pk for line in procedures_behind("4.5a", dept.pk, *march) if line.counted] == [
        birth.procedure.pk,
        residence.procedure.pk,
    ]
