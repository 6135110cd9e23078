"""Inter-agency dossiers across instances: which dossier went to which peer, which came from one.

`Handover` is the handing side's memory (the message id, and who handed the dossier over, so that a
refusal gives it back to them); `IncomingDossier` the receiving side's (the origin's code kept as
the external reference, and the inbox message every status answers). Both are written in the same
transaction as the dossier event they belong to.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Handover(models.Model):
    """A dossier we handed to an agency on another instance, by one eDoc."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="peer_handovers"
    )
    organ_id = models.CharField(_("mã cơ quan nhận"), max_length=50)
    organ_name = models.CharField(_("cơ quan nhận"), max_length=255, blank=True)
    document_id = models.CharField(_("mã thông điệp"), max_length=255)
    # Who handed it over (the TRANSFERRED event's "from" side): a refusal (02) gives it back to them.
    hand_back = models.JSONField(default=dict)
    event_seq = models.PositiveIntegerField()
    sent_at = models.DateTimeField(_("thời điểm chuyển"))
    result_received_at = models.DateTimeField(_("thời điểm nhận kết quả"), null=True, blank=True)

    class Meta:
        verbose_name = _("hồ sơ chuyển liên thông")
        verbose_name_plural = _("hồ sơ chuyển liên thông")
        constraints = [
            models.UniqueConstraint(fields=["organ_id", "document_id"], name="interagency_handover_once")
        ]
        indexes = [models.Index(fields=["document_id"], name="interagency_handover_doc")]

    def __str__(self) -> str:
        return f"{self.dossier_id} → {self.organ_id}"


class IncomingDossier(models.Model):
    """A dossier another instance handed to one of our agencies: registered as one of our dossiers."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="incoming"
    )
    inbox = models.OneToOneField(
        "exchange.InboxDocument", verbose_name=_("thông điệp"), on_delete=models.PROTECT, related_name="+"
    )
    origin_organ_id = models.CharField(_("mã cơ quan chuyển"), max_length=50)
    origin_organ_name = models.CharField(_("cơ quan chuyển"), max_length=255, blank=True)
    origin_code = models.CharField(_("mã hồ sơ tại cơ quan chuyển"), max_length=40, db_index=True)
    share_due_at = models.DateTimeField(_("hạn của cơ quan nhận"), null=True, blank=True)
    registered_at = models.DateTimeField(_("thời điểm tiếp nhận"))
    result_sent_at = models.DateTimeField(_("thời điểm gửi kết quả"), null=True, blank=True)

    class Meta:
        verbose_name = _("hồ sơ liên thông nhận được")
        verbose_name_plural = _("hồ sơ liên thông nhận được")

    def __str__(self) -> str:
        return f"{self.origin_code} ← {self.origin_organ_id}"
