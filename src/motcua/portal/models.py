"""What the portal keeps of an application before it becomes a dossier."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import ProcedureVersion, RequiredDocument
from motcua.dossiers.models import Dossier


def _idempotency_key() -> str:
    return uuid.uuid4().hex


class ApplicationDraft(models.Model):
    """An online application in progress: saved at every step, so closing the browser loses nothing.

    `applicant` and `form_input` hold what the citizen typed, as typed (strings, booleans), so a
    form comes back exactly as it was left; they are converted and checked when a step is sent.
    The idempotency key goes with the submission: a double click files one dossier.
    """

    class Step(models.TextChoices):
        FORM = "form", _("Tờ khai")
        DOCUMENTS = "documents", _("Giấy tờ")
        REVIEW = "review", _("Xem lại và nộp")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="application_drafts"
    )
    procedure_version = models.ForeignKey(ProcedureVersion, on_delete=models.PROTECT, related_name="+")
    applicant = models.JSONField(default=dict, blank=True)
    form_input = models.JSONField(default=dict, blank=True)
    step = models.CharField(max_length=10, choices=Step.choices, default=Step.FORM)
    # The fee exemption the citizen claims (checked again on submission by `claimed_exemption`).
    fee_exemption = models.ForeignKey(
        "catalog.FeeExemption", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(max_length=64, unique=True, default=_idempotency_key, editable=False)
    dossier = models.OneToOneField(
        Dossier, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("hồ sơ nháp")
        verbose_name_plural = _("hồ sơ nháp")
        indexes = [models.Index(fields=["owner", "-updated_at"], name="draft_owner_updated")]

    def __str__(self) -> str:
        return f"{self.procedure_version} – {self.owner_id}"


def draft_file_path(instance: DraftFile, filename: str) -> str:
    return f"drafts/{instance.draft_id}/{instance.sha256[:16]}"


class DraftFile(models.Model):
    """One upload slot of a draft: the file given for one required document (checked on arrival)."""

    draft = models.ForeignKey(ApplicationDraft, on_delete=models.CASCADE, related_name="files")
    required_document = models.ForeignKey(RequiredDocument, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to=draft_file_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp của hồ sơ nháp")
        verbose_name_plural = _("tệp của hồ sơ nháp")
        constraints = [
            models.UniqueConstraint(fields=["draft", "required_document"], name="draft_file_one_per_slot")
        ]

    def __str__(self) -> str:
        return self.original_name
