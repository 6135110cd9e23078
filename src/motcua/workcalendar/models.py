from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Thứ Hai")
    TUESDAY = 1, _("Thứ Ba")
    WEDNESDAY = 2, _("Thứ Tư")
    THURSDAY = 3, _("Thứ Năm")
    FRIDAY = 4, _("Thứ Sáu")
    SATURDAY = 5, _("Thứ Bảy")
    SUNDAY = 6, _("Chủ nhật")


class WorkingWindow(models.Model):
    """One span of office hours on one weekday.

    Rows without an agency are the province-wide week; an agency with rows of its own uses only those.
    With no rows at all the week of Decision 188/1999/QĐ-TTg applies (engine.DEFAULT_WINDOWS).
    """

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="working_windows",
        help_text=_("Để trống: áp dụng chung toàn tỉnh."),
    )
    weekday = models.PositiveSmallIntegerField(_("thứ"), choices=Weekday.choices)
    start = models.TimeField(_("giờ bắt đầu"))
    end = models.TimeField(_("giờ kết thúc"))

    class Meta:
        verbose_name = _("khung giờ làm việc")
        verbose_name_plural = _("khung giờ làm việc")
        ordering = ["agency_id", "weekday", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="workingwindow_start_before_end"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="workingwindow_weekday_range"),
        ]
        indexes = [models.Index(fields=["agency", "weekday"])]

    def __str__(self) -> str:
        scope = self.agency or _("Toàn tỉnh")
        return f"{scope}: {self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"

    def clean(self) -> None:
        if self.start is not None and self.end is not None and not self.start < self.end:
            raise ValidationError({"end": _("Giờ kết thúc phải sau giờ bắt đầu.")})
        if self.start is None or self.end is None or self.weekday is None:
            return
        overlapping = WorkingWindow.objects.filter(
            agency=self.agency, weekday=self.weekday, start__lt=self.end, end__gt=self.start
        ).exclude(pk=self.pk)
        if overlapping.exists():
            raise ValidationError(_("Khung giờ này trùng với một khung giờ khác của cùng ngày."))


class CalendarOverride(models.Model):
    """An administrator's correction of the national calendar for one date: a day off or a make-up day.

    It wins over the `holidays` package; an agency's row wins over the province-wide one.
    """

    class Kind(models.TextChoices):
        OFF = "off", _("Nghỉ")
        WORK = "work", _("Làm việc bù")

    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_overrides",
        help_text=_("Để trống: áp dụng chung toàn tỉnh."),
    )
    reason = models.CharField(_("lý do"), max_length=255, help_text=_("Ví dụ: Nghỉ bù Giỗ Tổ Hùng Vương"))
    source = models.CharField(
        _("văn bản công bố"),
        max_length=255,
        help_text=_("Ví dụ: Công văn 2450/VPCP-KGVX ngày 12/4/2024"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")
        ordering = ["date", "agency_id"]
        # Two partial constraints because NULL agencies are distinct in a plain unique index.
        constraints = [
            models.UniqueConstraint(
                fields=["date", "agency"],
                condition=Q(agency__isnull=False),
                name="calendaroverride_unique_agency_date",
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(agency__isnull=True),
                name="calendaroverride_unique_province_date",
            ),
        ]

    def __str__(self) -> str:
        scope = self.agency or _("Toàn tỉnh")
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()} – {self.reason} ({scope})"
