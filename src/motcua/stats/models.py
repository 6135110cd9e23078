"""The daily summary table the reports read (`figures.py` says what each counter means)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.catalog.models import Procedure


class Figures(models.Model):
    """The key (without its period) and the counters of `figures.COUNTERS`."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", db_index=False)
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="+", db_index=False)
    # The procedure's sector when the figures were filed; 0 for a procedure without one (a plain
    # column, so that the key has no NULL and one upsert statement serves SQLite and PostgreSQL).
    sector_id = models.IntegerField(default=0)
    channel = models.CharField(max_length=10)

    received = models.IntegerField(default=0)
    received_e2e = models.IntegerField(default=0)
    received_partial = models.IntegerField(default=0)
    ended = models.IntegerField(default=0)
    resolved_early = models.IntegerField(default=0)
    resolved_on_time = models.IntegerField(default=0)
    resolved_late = models.IntegerField(default=0)
    late_with_apology = models.IntegerField(default=0)
    stopped = models.IntegerField(default=0)
    withdrawn = models.IntegerField(default=0)
    refused = models.IntegerField(default=0)
    due = models.IntegerField(default=0)
    settled = models.IntegerField(default=0)
    resolved_minutes = models.BigIntegerField(default=0)

    class Meta:
        abstract = True


class DailyFigures(Figures):
    """Counters of one agency, procedure, sector and channel on one local day.

    Kept up to date in the transaction of every dossier event (`services.record_change`), rebuilt by
    `motcua stats rebuild`. Never written by anything else.
    """

    day = models.DateField()

    class Meta:
        verbose_name = _("số liệu tổng hợp theo ngày")
        verbose_name_plural = _("số liệu tổng hợp theo ngày")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "procedure", "sector_id", "channel", "day"], name="daily_figures_key"
            )
        ]
        indexes = [models.Index(fields=["day", "agency"], name="daily_figures_day_agency")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.procedure_id}/{self.channel} {self.day}"


class MonthlyFigures(Figures):
    """The same counters summed per month (`month` is its first day): a year's report reads twelve
    of these per key instead of 365 daily rows; only the days of a month cut by the period's ends
    come from the daily table."""

    month = models.DateField()

    class Meta:
        verbose_name = _("số liệu tổng hợp theo tháng")
        verbose_name_plural = _("số liệu tổng hợp theo tháng")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "procedure", "sector_id", "channel", "month"], name="monthly_figures_key"
            )
        ]
        indexes = [models.Index(fields=["month", "agency"], name="monthly_figures_month_agency")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.procedure_id}/{self.channel} {self.month:%m/%Y}"
