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


class YearlyFigures(Figures):
    """The same counters summed per calendar year (`year` is its 1 January): a whole-year report (a
    province-year Form 06, the scorecard of a year) reads one row per key instead of twelve months.
    Kept by the same upsert as the daily and monthly rows (one more statement per event); a period
    that is not whole years reads its edges from the monthly and daily tables."""

    year = models.DateField()

    class Meta:
        verbose_name = _("số liệu tổng hợp theo năm")
        verbose_name_plural = _("số liệu tổng hợp theo năm")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "procedure", "sector_id", "channel", "year"], name="yearly_figures_key"
            )
        ]
        indexes = [models.Index(fields=["year", "agency"], name="yearly_figures_year_agency")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.procedure_id}/{self.channel} {self.year:%Y}"


class MonthlyBalance(models.Model):
    """Running balances of one key at the end of a month: the dossiers open (received − ended) and
    overdue (due − settled) summed over every day up to the month's last one.

    Form 06's carried-over, pending and overdue columns are sums over all history; with these a
    report reads one row per key for each of them instead of the whole monthly table. A key's rows
    run without a gap from its first month with a change to its latest (`last`), whose figures hold
    for every later month. Kept by the same receiver in the same transaction as the other tables
    (`services.record_change`), recomputed from the monthly table by `motcua stats rebuild`.
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", db_index=False)
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="+", db_index=False)
    sector_id = models.IntegerField(default=0)
    channel = models.CharField(max_length=10)
    month = models.DateField()
    open = models.IntegerField(default=0)
    overdue = models.IntegerField(default=0)
    last = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("số dư lũy kế theo tháng")
        verbose_name_plural = _("số dư lũy kế theo tháng")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "procedure", "sector_id", "channel", "month"], name="monthly_balance_key"
            )
        ]
        indexes = [
            models.Index(fields=["month"], name="monthly_balance_month"),
            # A report at a month past a key's latest row reads that row: few of them.
            models.Index(fields=["month"], condition=models.Q(last=True), name="monthly_balance_last"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.procedure_id}/{self.channel} {self.month:%m/%Y}"


class SteeringIndicator(models.TextChoices):
    """What the provincial IT steering committee sets a yearly target for (issue 13, item 4)."""

    ONLINE_SHARE = "online_share", _("Tỷ lệ hồ sơ trực tuyến (%)")
    END_TO_END_SHARE = "e2e_share", _("Tỷ lệ hồ sơ trực tuyến toàn trình (%)")
    SIGNED_RESULTS = "signed_results", _("Tỷ lệ kết quả giải quyết được ký số (%)")
    DOCUMENTS_EXCHANGED = "documents_exchanged", _("Số văn bản điện tử gửi liên thông")
    ONLINE_PAYMENT = "online_payment", _("Tỷ lệ hồ sơ thanh toán trực tuyến (%)")


class SteeringTarget(models.Model):
    """One agency's target for one indicator in one year, set by the steering committee."""

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    indicator = models.CharField(_("chỉ tiêu"), max_length=24, choices=SteeringIndicator.choices)
    target = models.DecimalField(_("mục tiêu"), max_digits=9, decimal_places=2)

    class Meta:
        verbose_name = _("chỉ tiêu của Ban Chỉ đạo")
        verbose_name_plural = _("chỉ tiêu của Ban Chỉ đạo")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "indicator"], name="steering_target_once"),
            models.CheckConstraint(condition=models.Q(target__gt=0), name="steering_target_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}: {self.get_indicator_display()} {self.target}"


class DtiCriterion(models.Model):
    """A criterion of the DTI catalogue (Decision 922/QĐ-BTTTT; the province configures its own list)."""

    code = models.CharField(_("mã tiêu chí"), max_length=20, unique=True)
    group = models.CharField(_("nhóm"), max_length=200)
    name = models.CharField(_("tên tiêu chí"), max_length=500)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=7, decimal_places=2)

    class Meta:
        verbose_name = _("tiêu chí DTI")
        verbose_name_plural = _("tiêu chí DTI")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class DtiAssessment(models.Model):
    """An agency's points on one DTI criterion for one year: self-assessed, then appraised, with evidence."""

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    criterion = models.ForeignKey(
        DtiCriterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="assessments"
    )
    self_points = models.DecimalField(_("điểm tự đánh giá"), max_digits=7, decimal_places=2, default=0)
    appraised_points = models.DecimalField(
        _("điểm thẩm định"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    evidence = models.TextField(_("tài liệu kiểm chứng"), blank=True, max_length=4000)
    owner = models.CharField(_("người phụ trách"), max_length=200, blank=True)
    deadline = models.DateField(_("hạn hoàn thành"), null=True, blank=True)

    class Meta:
        verbose_name = _("đánh giá DTI")
        verbose_name_plural = _("đánh giá DTI")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "criterion"], name="dti_assessment_once"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.criterion.code}"
