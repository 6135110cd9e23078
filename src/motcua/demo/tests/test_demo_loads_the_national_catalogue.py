"""`motcua demo --national-catalogue` adds the real national lists to the demo province's catalogue."""

from __future__ import annotations

import pytest

from motcua.catalog.models import Procedure
from motcua.catalog.selectors import current_version, search_procedures
from motcua.demo.catalogue import load_agencies, load_catalogue
from motcua.demo.national import load_national_catalogue

pytestmark = pytest.mark.django_db


def test_the_demo_procedures_keep_their_workflow_and_the_national_ones_join() -> None:
    load_agencies()
    load_catalogue()
    steps_before = list(current_version("1.001193").workflow_steps.values_list("name", "role"))

    load_national_catalogue()

    assert Procedure.objects.filter(current_version=None).count() > 2300
    birth = current_version("1.001193")
    assert birth.name == "Thủ tục đăng ký khai sinh"  # the national name, in a new version
    assert list(birth.workflow_steps.values_list("name", "role")) == steps_before
    assert search_procedures("dang ky khai sinh")[0].code == "1.001193"
    again = load_national_catalogue()
    assert (again.new, again.changed) == ([], {})
