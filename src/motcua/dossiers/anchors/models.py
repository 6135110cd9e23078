"""The database's list of checkpoints. The checkpoint files are the record; a row only lists one."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Checkpoint(models.Model):
    """One checkpoint file of the anchor folder, as `motcua anchor --list` and the admin show it.

    Nothing is trusted from this row when verifying: `motcua anchor --verify` reads the files, whose
    signed headers carry the same facts. A restore re-reads the rows from the files.
    """

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Định kỳ hoặc theo yêu cầu")
        RESTORE = "restore", _("Sau phục hồi")

    seq = models.PositiveIntegerField(_("số thứ tự"), unique=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    made_at = models.DateTimeField(_("thời điểm tạo"))
    leaves = models.PositiveIntegerField(_("số hồ sơ được neo"))
    root = models.CharField(_("gốc Merkle"), max_length=64)
    digest = models.CharField(_("mã băm phần được ký"), max_length=64, unique=True)
    previous = models.CharField(_("mã băm điểm neo trước"), max_length=64, blank=True)
    watermark = models.PositiveBigIntegerField(_("mốc sự kiện"))
    agency = models.CharField(_("cơ quan ký"), max_length=20)
    signer = models.CharField(_("người ký (chứng thư số)"), max_length=255, blank=True)
    timestamped_at = models.DateTimeField(_("dấu thời gian"), null=True, blank=True)
    file_name = models.CharField(_("tệp"), max_length=100)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("điểm neo chuỗi sự kiện")
        verbose_name_plural = _("điểm neo chuỗi sự kiện")
        ordering = ["-seq"]

    def __str__(self) -> str:
        return f"#{self.seq}"
