"""The portal's transparency page: per agency on-time rate, satisfaction and points, cached for the day."""

from motcua.core import time as core_time
from motcua.dossiers import services
from motcua.dossiers.tests.factories import vn
from motcua.stats.models import DailyFigures

from .test_api_report_equals_a_count_over_the_dossier_list import resolve, submit


def test_anyone_reads_the_figures_of_the_year_and_they_change_once_a_day(world, client, monkeypatch):
    from django.core.cache import cache

    cache.clear()
    monkeypatch.setattr(core_time, "now", lambda: vn(2025, 3, 20, 9, 0))
    d = submit(world, vn(2025, 3, 3, 8, 0))
    services.receive_dossier(dossier_id=d.pk, actor=world.intake, at=vn(2025, 3, 3, 8, 30))
    resolve(world, d, 6)

    page = client.get("/cong-khai/")
    assert page.status_code == 200
    text = page.content.decode()
    assert world.department.name in text
    assert "100,0 %" in text
    assert "01/01/2025" in text
    assert "19/03/2025" in text

    DailyFigures.objects.all().delete()  # the same day: the page still shows the day's figures
    assert world.department.name in client.get("/cong-khai/").content.decode()
    monkeypatch.setattr(core_time, "now", lambda: vn(2025, 3, 21, 9, 0))
    assert world.department.name not in client.get("/cong-khai/").content.decode()
    cache.clear()
