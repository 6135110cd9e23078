"""A citizen's feedback (phản ánh, kiến nghị), its files and its history.

The due moments are written by the services when a phase starts (`deadlines.py` does the
arithmetic on the responsible agency's working calendar), so that lists and statistics filter on
columns instead of recomputing calendars.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.catalog.models import Procedure
from motcua.dossiers.models import Dossier

from .states import State, Subject

MAX_TITLE = 200
MAX_TEXT = 5000


class Rating(models.IntegerChoices):
    NOT_SATISFIED = 1, _("Không hài lòng")
    SATISFIED = 2, _("Hài lòng")
    VERY_SATISFIED = 3, _("Rất hài lòng")


class Feedback(models.Model):
    code = models.CharField(_("mã phản ánh"), max_length=24, unique=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    subject = models.CharField(_("nội dung phản ánh về"), max_length=12, choices=Subject.choices)
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("thủ tục"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan xử lý"), on_delete=models.PROTECT, related_name="feedback"
    )
    officer_name = models.CharField(_("cán bộ được phản ánh"), max_length=200, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=MAX_TITLE)
    content = models.TextField(_("nội dung"), max_length=MAX_TEXT)
    # Lower-case ASCII of title and content (core.text.fold): for suggesting repeated feedback.
    folded = models.TextField(editable=False, default="")
    consent_to_publish = models.BooleanField(_("đồng ý công khai nội dung và trả lời"), default=False)

    state = models.CharField(_("trạng thái"), max_length=16, choices=State.choices, db_index=True)
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"))
    decide_due_at = models.DateTimeField(_("hạn thụ lý hoặc từ chối"))
    info_due_at = models.DateTimeField(_("hạn đề nghị bổ sung thông tin"))
    handle_due_at = models.DateTimeField(_("hạn xử lý"))
    publish_due_at = models.DateTimeField(_("hạn công khai trả lời"), null=True, blank=True)
    decided_at = models.DateTimeField(_("thời điểm thụ lý hoặc từ chối"), null=True, blank=True)
    info_asked_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(_("thời điểm trả lời"), null=True, blank=True)
    published_at = models.DateTimeField(_("thời điểm công khai"), null=True, blank=True)

    refusal_reason = models.TextField(_("lý do không thụ lý"), blank=True, max_length=MAX_TEXT)
    info_question = models.TextField(_("thông tin cần bổ sung"), blank=True, max_length=MAX_TEXT)
    info_reply = models.TextField(_("thông tin người gửi bổ sung"), blank=True, max_length=MAX_TEXT)
    answer = models.TextField(_("nội dung trả lời"), blank=True, max_length=MAX_TEXT)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("trùng với phản ánh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repeats",
    )
    rating = models.PositiveSmallIntegerField(
        _("mức độ hài lòng"), choices=Rating.choices, null=True, blank=True
    )
    rating_comment = models.TextField(_("góp ý"), blank=True, max_length=2000)
    rated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "state", "received_at"], name="feedback_agency_state"),
            models.Index(fields=["agency", "received_at"], name="feedback_agency_received"),
            models.Index(fields=["author", "-received_at"], name="feedback_author"),
            models.Index(fields=["state", "-published_at"], name="feedback_published"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=3),
                name="feedback_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return self.code


def attachment_path(instance: FeedbackAttachment, filename: str) -> str:
    return f"feedback/{instance.feedback.received_at:%Y/%m}/{instance.feedback.code}/{instance.sha256[:16]}"


class FeedbackAttachment(models.Model):
    """A file the citizen gave with the feedback or with the information asked for."""

    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("tệp đính kèm phản ánh")
        verbose_name_plural = _("tệp đính kèm phản ánh")
        ordering = ["feedback_id", "id"]

    def __str__(self) -> str:
        return self.original_name


class FeedbackEvent(models.Model):
    """One step in the feedback's history: who did what, when, and what they wrote (append-only)."""

    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=24)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()
    note = models.TextField(blank=True)
    on_time = models.BooleanField(null=True)

    class Meta:
        ordering = ["feedback_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.feedback_id}: {self.action}"

    @property
    def label(self) -> str:
        """What the step was, in the reader's language."""
        from .actions import ACTIONS, Action

        if self.action == "file":
            return str(_("Gửi phản ánh"))
        try:
            return str(ACTIONS[Action(self.action)].label)
        except ValueError:
            return self.action
