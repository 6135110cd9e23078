"""Whoever logs in to the demo finds work waiting in their own lists, on the procedures of their units."""

import pytest
from django.core.management import call_command

from motcua.accounts.models import User
from motcua.backoffice.queries.scope import staff_scope
from motcua.backoffice.queries.worklists import Worklist, worklist_counts
from motcua.core.time import now
from motcua.dossiers.models import Dossier

W = Worklist
EXPECTED = {
    "tiepnhan": (W.TO_RECEIVE, W.TO_PROCESS),
    "chuyenvien": (W.TO_PROCESS, W.WAITING),
    "truongphong": (W.TO_PROCESS,),
    "lanhdao": (W.TO_APPROVE,),
    "vanthu": (W.TO_RETURN,),
}


@pytest.mark.django_db
def test_each_demo_officer_has_work_in_their_lists(settings):
    settings.DEMO_MODE = True
    call_command("demo", "--no-serve", "--dossiers", "14", "--signed", "0", "--to-approve", "3")

    for username, worklists in EXPECTED.items():
        counts = worklist_counts(staff_scope(User.objects.get(username=username)), now())
        for worklist in worklists:
            assert counts[worklist] > 0, (username, worklist, counts)
    assert worklist_counts(staff_scope(User.objects.get(username="lanhdao")), now())[W.TO_APPROVE] >= 3


@pytest.mark.django_db
def test_the_judicial_record_runs_through_the_provincial_police(settings):
    settings.DEMO_MODE = True
    call_command("demo", "--no-serve", "--dossiers", "1", "--signed", "0", "--to-approve", "1")

    at_police = Dossier.objects.filter(
        procedure_version__procedure__code="3.000333", current_agency__name="Công an tỉnh Quảng Trị"
    )
    assert at_police.exists()
    units = set(at_police.exclude(current_unit=None).values_list("current_unit__name", flat=True))
    assert units == {"Phòng Hồ sơ nghiệp vụ"}
