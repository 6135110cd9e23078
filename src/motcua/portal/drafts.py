"""Writes to application drafts, and their submission as a dossier through the dossier services."""

from __future__ import annotations

import contextlib
import logging
import os
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.files import File
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.http import Http404

from motcua.catalog.models import ProcedureVersion, RequiredDocument
from motcua.catalog.selectors import current_version
from motcua.core import time as core_time
from motcua.core.errors import NotFound, ValidationFailed
from motcua.core.time import now
from motcua.dossiers import services as dossier_services
from motcua.dossiers import submission_limits
from motcua.dossiers.errors import InvalidApplication
from motcua.dossiers.models import Dossier
from motcua.dossiers.uploads import check_upload
from motcua.web import schema_form

from .models import ApplicationDraft, DraftFile

logger = logging.getLogger(__name__)

APPLICANT_FIELDS = dossier_services.APPLICANT_FIELDS


def profile_of(user: Any) -> dict[str, str]:
    birth_date = getattr(user, "birth_date", None)
    return {
        "full_name": user.full_name or user.get_full_name(),
        "national_id": user.national_id,
        "phone": user.phone,
        "email": user.email,
        "address": getattr(user, "address", ""),
        "birth_date": str(birth_date or ""),
    }


# The particulars the national identity service vouches for (accounts.oidc.PARTICULARS and the
# number itself), and the applicant fields they fill. Shown read-only; whatever is posted for them
# is replaced by the identity's values, so they are never retyped and never altered.
VOUCHED = ("full_name", "national_id", "birth_date", "address")
APPLICANT_FROM_PROFILE = {"name": "full_name", "id_number": "national_id", "address": "address"}


def vouched_particulars(user: Any) -> dict[str, str]:
    """The owner's particulars that came from VNeID: empty unless their national id is verified."""
    if not getattr(user, "has_verified_national_id", False):
        return {}
    particulars = getattr(user, "vneid_particulars", None) or {}
    if particulars.get("national_id") != user.national_id:
        return {}
    return {k: str(particulars[k]) for k in VOUCHED if particulars.get(k)}


def locked_applicant(user: Any) -> dict[str, str]:
    vouched = vouched_particulars(user)
    return {name: vouched[source] for name, source in APPLICANT_FROM_PROFILE.items() if source in vouched}


def locked_form(draft: ApplicationDraft) -> dict[str, Any]:
    return schema_form.prefill(draft.procedure_version.form_schema, vouched_particulars(draft.owner))


def _lock(draft: ApplicationDraft) -> None:
    """Put the identity's values back into the locked fields of the applicant and the form."""
    if draft.applicant.get("kind", "citizen") == "citizen":
        draft.applicant.update(locked_applicant(draft.owner))
    draft.form_input.update(locked_form(draft))


def applicant_from_profile(user: Any) -> dict[str, str]:
    profile = profile_of(user)
    return {
        "kind": "citizen",
        "name": profile["full_name"],
        "id_number": profile["national_id"],
        "phone": profile["phone"],
        "email": profile["email"],
        "address": profile["address"],
        "organisation_name": "",
        "organisation_tax_code": "",
    }


def open_drafts(owner: Any) -> list[ApplicationDraft]:
    return list(
        ApplicationDraft.objects.filter(owner=owner, dossier__isnull=True)
        .select_related("procedure_version__procedure")
        .order_by("-updated_at")[:20]
    )


def draft_for(owner: Any, draft_id: Any) -> ApplicationDraft:
    """The owner's draft; 404 for anybody else's, as for one that does not exist."""
    draft = (
        ApplicationDraft.objects.filter(pk=draft_id, owner=owner)
        .select_related("procedure_version__procedure", "procedure_version__competent_agency")
        .first()
    )
    if draft is None:
        raise Http404
    return draft


@transaction.atomic
def start_or_resume(*, owner: Any, procedure_code: str) -> ApplicationDraft:
    """The open draft of this procedure for this citizen, or a new one pre-filled from their profile."""
    try:
        version = current_version(procedure_code)
    except ProcedureVersion.DoesNotExist as exc:
        raise NotFound("Không tìm thấy thủ tục hành chính.") from exc
    if version.online_level == ProcedureVersion.OnlineLevel.NONE:
        raise ValidationFailed("Thủ tục này chưa cung cấp dịch vụ công trực tuyến.")
    # The owner's row is the lock that makes "count the open drafts, then add one" safe from a race.
    get_user_model().objects.select_for_update().only("pk").get(pk=owner.pk)
    mine = ApplicationDraft.objects.filter(owner=owner, dossier__isnull=True)
    draft = mine.filter(procedure_version__procedure=version.procedure).order_by("-updated_at").first()
    if draft is not None:
        return rebase(draft)
    limit = settings.MOTCUA_MAX_OPEN_DRAFTS
    if limit and mine.count() >= limit:
        raise ValidationFailed(
            f"Bạn đang có {limit} hồ sơ nháp chưa nộp, là số tối đa được giữ cùng lúc. Vui lòng nộp "
            "hoặc xóa bớt hồ sơ nháp (mục Hồ sơ của tôi) trước khi bắt đầu hồ sơ mới."
        )
    return ApplicationDraft.objects.create(
        owner=owner,
        procedure_version=version,
        applicant=applicant_from_profile(owner),
        form_input=schema_form.prefill(version.form_schema, profile_of(owner)),
    )


@transaction.atomic
def rebase(draft: ApplicationDraft) -> ApplicationDraft:
    """Move a draft to the procedure's current version; files follow documents of the same name."""
    procedure = draft.procedure_version.procedure
    procedure.refresh_from_db(fields=["current_version"])
    if procedure.current_version_id in (None, draft.procedure_version_id) or draft.dossier_id:
        return draft
    new_version = procedure.current_version
    if new_version is None:
        return draft
    by_name = {d.name: d for d in new_version.required_documents.all()}
    for draft_file in draft.files.select_related("required_document"):
        target = by_name.get(draft_file.required_document.name)
        if target is None:
            _delete_later(draft_file)
        else:
            draft_file.required_document = target
            draft_file.save(update_fields=["required_document"])
    draft.procedure_version = new_version
    draft.save(update_fields=["procedure_version", "updated_at"])
    return draft


def save_input(
    draft: ApplicationDraft,
    *,
    applicant: dict[str, Any] | None = None,
    form_input: dict[str, Any] | None = None,
    step: str | None = None,
) -> None:
    """Keep what was typed, as typed, before any check (so a refused step loses nothing)."""
    fields = ["updated_at"]
    if applicant is not None:
        draft.applicant = {k: str(applicant.get(k, ""))[:500] for k in APPLICANT_FIELDS}
        fields.append("applicant")
    if form_input is not None:
        draft.form_input = form_input
        fields.append("form_input")
    if applicant is not None or form_input is not None:
        _lock(draft)
        fields += [f for f in ("applicant", "form_input") if f not in fields]
    if step is not None:
        draft.step = step
        fields.append("step")
    ApplicationDraft.objects.filter(pk=draft.pk, dossier__isnull=True).update(
        **{f: getattr(draft, f) for f in fields if f != "updated_at"}, updated_at=now()
    )


def applicant_data(draft: ApplicationDraft) -> dict[str, str]:
    return {k: str(draft.applicant.get(k, "")).strip() for k in APPLICANT_FIELDS}


def check_details(draft: ApplicationDraft) -> tuple[dict[str, Any], dict[str, str]]:
    """The form data and every error of the first step, keyed 'applicant.name', 'form.ngay_sinh'."""
    schema = draft.procedure_version.form_schema
    data, reading_errors = schema_form.to_data(schema, draft.form_input)
    errors = dossier_services.application_errors(
        procedure_code=draft.procedure_version.procedure.code,
        applicant=applicant_data(draft),
        form_data=data,
    )
    for name, message in reading_errors.items():
        errors[f"form.{name}"] = message  # the more precise message wins
    return data, errors


def slots(draft: ApplicationDraft) -> list[tuple[RequiredDocument, DraftFile | None]]:
    files = {f.required_document_id: f for f in draft.files.all()}
    return [(d, files.get(d.pk)) for d in draft.procedure_version.required_documents.order_by("position")]


def from_population_data(draft: ApplicationDraft) -> set[int]:
    """The required documents the population database's data stands for in this draft (VNeID only)."""
    if not getattr(draft.owner, "has_verified_national_id", False):
        return set()
    return {d.pk for d in draft.procedure_version.required_documents.all() if d.replaced_by_population_data}


def missing_documents(draft: ApplicationDraft) -> list[RequiredDocument]:
    replaced = from_population_data(draft)
    return [
        doc for doc, given in slots(draft) if doc.is_mandatory and given is None and doc.pk not in replaced
    ]


def _delete_later(draft_file: DraftFile) -> None:
    storage, name = draft_file.file.storage, draft_file.file.name
    draft_file.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def store_file(draft: ApplicationDraft, *, required_document_id: int, upload: Any) -> DraftFile:
    """Put a checked file in one slot, replacing the one there. A refused file changes nothing."""
    document = draft.procedure_version.required_documents.filter(pk=required_document_id).first()
    if document is None:
        raise ValidationFailed("Thành phần hồ sơ không thuộc thủ tục này.")
    # raises UnacceptableUpload with the reason, before any write
    checked = check_upload(upload, door="portal-draft")
    locked = ApplicationDraft.objects.select_for_update().get(pk=draft.pk)
    if locked.dossier_id:
        raise ValidationFailed("Hồ sơ này đã được nộp.")
    _check_draft_total(draft, replacing=document, adding=checked.size)
    for old in DraftFile.objects.filter(draft=draft, required_document=document):
        _delete_later(old)
    draft_file = DraftFile(
        draft=draft,
        required_document=document,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    draft_file.file.save(checked.name, checked.upload, save=False)
    stored_name = draft_file.file.name
    try:
        draft_file.save()
    except Exception:
        draft_file.file.storage.delete(stored_name)
        raise
    ApplicationDraft.objects.filter(pk=draft.pk).update(updated_at=now())
    return draft_file


def _check_draft_total(draft: ApplicationDraft, *, replacing: RequiredDocument, adding: int) -> None:
    """Refuse a file that would take the draft's files past MOTCUA_DRAFT_MAX_BYTES (0: no limit)."""
    limit = settings.MOTCUA_DRAFT_MAX_BYTES
    if not limit:
        return
    kept = (
        DraftFile.objects.filter(draft=draft)
        .exclude(required_document=replacing)
        .aggregate(total=Sum("size"))["total"]
        or 0
    )
    if kept + adding > limit:
        raise ValidationFailed(
            f"Tổng dung lượng các tệp của hồ sơ vượt quá {_megabytes(limit)} MB. Vui lòng giảm dung lượng "
            "tệp (quét ở độ phân giải thấp hơn, hoặc nén PDF) rồi tải lên lại."
        )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


@transaction.atomic
def remove_file(draft: ApplicationDraft, *, required_document_id: int) -> None:
    for old in DraftFile.objects.filter(draft=draft, required_document_id=required_document_id):
        _delete_later(old)


@transaction.atomic
def claim_exemption(draft: ApplicationDraft, exemption_id: Any) -> None:
    """Keep the exemption the citizen claims on the draft ("" withdraws the claim).

    Checked by the submission's own rule (`dossiers.services.claimed_exemption`): a ValidationFailed
    for an exemption the procedure does not have.
    """
    exemption = dossier_services.claimed_exemption(draft.procedure_version, exemption_id)
    draft.fee_exemption = exemption
    draft.save(update_fields=["fee_exemption", "updated_at"])


@transaction.atomic
def submit(draft: ApplicationDraft, *, address: str) -> Dossier:
    """File the dossier once: a second request for the same draft gets the same dossier.

    `address` is the client's (motcua.core.net): the submission counts against the limits of
    `dossiers.submission_limits`, inside this transaction, so a refusal or a failure leaves the
    draft, its files and the counters as they were.
    """
    locked = ApplicationDraft.objects.select_for_update().get(pk=draft.pk)
    if locked.dossier_id:
        return Dossier.objects.get(pk=locked.dossier_id)
    data, errors = check_details(locked)
    if errors:
        raise InvalidApplication(errors)
    submission_limits.reserve(address=address, user=locked.owner)
    opened = []
    documents = []
    try:
        for draft_file in locked.files.select_related("required_document"):
            handle = draft_file.file.open("rb")
            opened.append(handle)
            documents.append((draft_file.required_document_id, File(handle, name=draft_file.original_name)))
        dossier = dossier_services.submit_dossier(
            procedure_code=locked.procedure_version.procedure.code,
            applicant=applicant_data(locked),
            form_data=data,
            documents=documents,
            owner=locked.owner,
            idempotency_key=locked.idempotency_key,
            fee_exemption_id=locked.fee_exemption_id,
        )
    finally:
        for handle in opened:
            handle.close()
    locked.dossier = dossier
    locked.submitted_at = now()
    locked.step = ApplicationDraft.Step.REVIEW
    locked.save(update_fields=["dossier", "submitted_at", "step", "updated_at"])
    for draft_file in list(locked.files.all()):
        _delete_later(draft_file)  # the dossier holds its own copies now
    return dossier


@transaction.atomic
def discard(draft: ApplicationDraft) -> None:
    for draft_file in list(draft.files.all()):
        _delete_later(draft_file)
    ApplicationDraft.objects.filter(pk=draft.pk, dossier__isnull=True).delete()


# --- retention ----------------------------------------------------------------------------------

PURGE_BATCH = 200


def abandoned_drafts(*, at: datetime | None = None) -> QuerySet[ApplicationDraft]:
    """Drafts never submitted and left untouched for MOTCUA_DRAFT_RETENTION_DAYS."""
    days = settings.MOTCUA_DRAFT_RETENTION_DAYS
    if days < 1:
        # 0 would take the drafts citizens are typing into right now.
        raise ImproperlyConfigured("MOTCUA_DRAFT_RETENTION_DAYS must be at least 1.")
    cutoff = (at or core_time.now()) - timedelta(days=days)
    # submitted_at as well as dossier: a submitted draft's files may be the dossier's attachments.
    return ApplicationDraft.objects.filter(
        dossier__isnull=True, submitted_at__isnull=True, updated_at__lt=cutoff
    )


def purge_abandoned_drafts(*, now: datetime | None = None) -> int:
    """Delete abandoned drafts and their uploaded files; the number of drafts deleted.

    In batches, each its own transaction; the files go once the rows are gone for good.
    """
    at = now or core_time.now()
    deleted = 0
    while True:
        with transaction.atomic():
            # Locked and checked again: a citizen may come back to the draft while we purge.
            ids = list(
                abandoned_drafts(at=at)
                .select_for_update(skip_locked=True)
                .values_list("pk", flat=True)[:PURGE_BATCH]
            )
            if not ids:
                return deleted
            files = [
                (f.file.storage, f.file.name)
                for f in DraftFile.objects.filter(draft_id__in=ids).only("file")
                if f.file.name
            ]
            _, per_model = ApplicationDraft.objects.filter(pk__in=ids).delete()  # files' rows cascade
            transaction.on_commit(partial(_delete_files, files), robust=True)
        deleted += per_model.get(ApplicationDraft._meta.label, 0)


def _delete_files(files: list[tuple[Storage, str]]) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not delete the draft file %s", name)
            continue
        _remove_empty_folder(storage, os.path.dirname(name))


def _remove_empty_folder(storage: Storage, folder: str) -> None:
    """drafts/<id>/ on a local disk; other storages have no folders to leave behind."""
    if not folder:
        return  # never the storage's root
    # NotImplementedError: not a local storage. OSError: other files are still there.
    with contextlib.suppress(NotImplementedError, OSError):
        os.rmdir(storage.path(folder))
