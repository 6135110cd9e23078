"""The scorecard's own summary tables: what indices 4.1, 4.2 and 4.5 count, per agency, procedure and
day, month or year.

Loaded with the app's models (`apps.StatsConfig.import_models`); kept by `digital.record_change` in
the transaction of every dossier event (the three levels in one upsert) and rebuilt by `digital.rebuild`
(`motcua stats rebuild`).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.catalog.models import Procedure


class DigitalCounters(models.Model):
    """The key (agency, procedure; without its period) and the counters of `digital.COUNTERS`:

    - ``received``, ``received_population``: received in the period; of them, filed with VNeID's
      particulars or data from the national population database (4.5a, 4.5b);
    - ``resolved``, ``resolved_e_result``, ``resolved_digitised``: resolved in the period (Decision
      766's end of processing); of them, with a result file by then (4.1); with a result file and a
      component file by then (4.2).
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", db_index=False)
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="+", db_index=False)
    received = models.IntegerField(default=0)
    received_population = models.IntegerField(default=0)
    resolved = models.IntegerField(default=0)
    resolved_e_result = models.IntegerField(default=0)
    resolved_digitised = models.IntegerField(default=0)

    class Meta:
        abstract = True


class DigitalFigures(DigitalCounters):
    """Counters of one agency (the procedure version's competent agency) and procedure on one local day."""

    day = models.DateField()

    class Meta:
        verbose_name = _("số liệu chỉ số số hóa theo ngày")
        verbose_name_plural = _("số liệu chỉ số số hóa theo ngày")
        constraints = [
            models.UniqueConstraint(fields=["agency", "procedure", "day"], name="digital_figures_key")
        ]
        indexes = [models.Index(fields=["day", "agency"], name="digital_figures_day_agency")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.procedure_id} {self.day}"


class MonthlyDigitalFigures(DigitalCounters):
    """The same counters per month (`month` is its first day), kept in the same upsert as the daily
    rows: a period's whole months read one row per key and month instead of ~30 daily rows."""

    month = models.DateField()

    class Meta:
        verbose_name = _("số liệu chỉ số số hóa theo tháng")
        verbose_name_plural = _("số liệu chỉ số số hóa theo tháng")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "procedure", "month"], name="monthly_digital_figures_key"
            )
        ]
        indexes = [models.Index(fields=["month", "agency"], name="monthly_digital_month_agency")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.procedure_id} {self.month:%m/%Y}"


class YearlyDigitalFigures(DigitalCounters):
    """The same counters per year (`year` is its 1 January): a whole-year scorecard reads one row per
    key (`periods.split` cuts any other period into years, months and days)."""

    year = models.DateField()

    class Meta:
        verbose_name = _("số liệu chỉ số số hóa theo năm")
        verbose_name_plural = _("số liệu chỉ số số hóa theo năm")
        constraints = [
            models.UniqueConstraint(fields=["agency", "procedure", "year"], name="yearly_digital_figures_key")
        ]
        indexes = [models.Index(fields=["year", "agency"], name="yearly_digital_year_agency")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.procedure_id} {self.year:%Y}"
