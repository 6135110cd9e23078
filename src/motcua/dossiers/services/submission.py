"""Filing an application: online, at the counter or by post; checking one before it is filed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from motcua.catalog.models import FeeExemption, ProcedureVersion
from motcua.catalog.schemas import form_errors
from motcua.catalog.selectors import current_version
from motcua.core import time as core_time
from motcua.core.errors import NotFound, ValidationFailed

from .. import applicant as applicant_fields
from ..codes import new_lookup_secret, next_code
from ..errors import InvalidApplication
from ..models import (
    ApplicantKind,
    Channel,
    Dossier,
    ExemptionStatus,
)
from ..permissions import require_registration
from ..states import State
from ._base import (
    Documents,
    Kind,
    _attach,
    _check_applicant,
    _check_files,
    _one_stop_unit,
    _record,
    _resolve_receiving_agency,
)
from .papers import Paper, check_papers, missing_documents, record_papers, taken_from_population_data


def vouched_by_vneid(owner: Any, applicant: Mapping[str, Any]) -> bool:
    """The application is filed by an account the national identity service verified, for that very
    person (a citizen applying for themselves, under the verified number)."""
    if owner is None or not getattr(owner, "has_verified_national_id", False):
        return False
    kind = str(applicant.get("kind") or ApplicantKind.CITIZEN)
    return kind == ApplicantKind.CITIZEN and str(applicant.get("id_number", "")).strip() == owner.national_id


# --- submission --------------------------------------------------------------------------------


def submit_dossier(
    *,
    procedure_code: str,
    applicant: Mapping[str, Any],
    form_data: Mapping[str, Any] | None = None,
    documents: Documents = (),
    owner: Any = None,
    channel: str = Channel.ONLINE,
    receiving_agency_code: str | None = None,
    at: datetime | None = None,
    idempotency_key: str | None = None,
    fee_exemption_id: int | None = None,
) -> Dossier:
    """File an application. Online, every mandatory document must come with it.

    `fee_exemption_id` claims one of the procedure version's fee exemptions (`claimed_exemption`).

    A repeated call with the same idempotency key returns the dossier of the first call.
    """
    if idempotency_key:
        existing = Dossier.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            if not _same_submitter(existing, owner, applicant):
                raise ValidationFailed(gettext("Khóa chống gửi trùng đã được dùng cho hồ sơ khác."))
            return existing
    try:
        with transaction.atomic():
            return _submit(
                procedure_code=procedure_code,
                applicant=applicant,
                form_data=form_data or {},
                documents=documents,
                owner=owner,
                channel=channel,
                receiving_agency_code=receiving_agency_code,
                at=at or core_time.now(),
                idempotency_key=idempotency_key,
                actor=owner,
                fee_exemption_id=fee_exemption_id,
            )
    except IntegrityError:
        if idempotency_key:
            first = Dossier.objects.filter(
                idempotency_key=idempotency_key, owner_id=getattr(owner, "pk", None)
            ).first()
            if first is not None and _same_submitter(first, owner, applicant):
                return first  # a simultaneous retry of the same request won the race
        raise


def _same_submitter(dossier: Dossier, owner: Any, applicant: Mapping[str, Any]) -> bool:
    """A retry comes from the same account, or anonymously with the same applicant identity."""
    if dossier.owner_id != getattr(owner, "pk", None):
        return False
    return dossier.owner_id is not None or (
        dossier.applicant_id_number == str(applicant.get("id_number", "")).strip()
        and dossier.applicant_name == str(applicant.get("name", "")).strip()
    )


def _submit(
    *,
    procedure_code: str,
    applicant: Mapping[str, Any],
    form_data: Mapping[str, Any],
    documents: Documents,
    owner: Any,
    channel: str,
    receiving_agency_code: str | None,
    at: datetime,
    idempotency_key: str | None,
    actor: Any,
    papers: Sequence[Paper] = (),
    fee_exemption_id: Any = None,
) -> Dossier:
    try:
        version = current_version(procedure_code)
    except ProcedureVersion.DoesNotExist as exc:
        raise NotFound(gettext("Không tìm thấy thủ tục hành chính."), procedure=procedure_code) from exc
    if channel not in Channel.values:
        raise ValidationFailed(gettext("Kênh nộp hồ sơ không hợp lệ."))
    if channel == Channel.ONLINE and version.online_level == ProcedureVersion.OnlineLevel.NONE:
        raise ValidationFailed(gettext("Thủ tục này chưa cung cấp dịch vụ công trực tuyến."))
    errors = _check_applicant(applicant)
    errors.update(
        {
            f"form.{k}" if k else "form": v
            for k, v in form_errors(version.form_schema, dict(form_data)).items()
        }
    )
    files = _check_files(version, documents, uploader=owner)
    errors.update(check_papers(version, papers, channel=channel))
    vneid = vouched_by_vneid(owner, applicant) and channel == Channel.ONLINE
    scanned = {doc_id for doc_id, _ in files}
    errors.update(
        missing_documents(version, scanned=scanned, papers=papers, channel=channel, population_data=vneid)
    )
    from_population = taken_from_population_data(version, scanned=scanned) if vneid else []
    exemption = None
    try:
        exemption = claimed_exemption(version, fee_exemption_id)
    except ValidationFailed as exc:
        errors["fee_exemption"] = str(exc)
    if errors:
        raise InvalidApplication(errors)
    agency = _resolve_receiving_agency(version, receiving_agency_code)
    unit = _one_stop_unit(agency)
    dossier = Dossier(
        code=next_code(agency, at),
        lookup_secret=new_lookup_secret(),
        procedure_version=version,
        receiving_agency=agency,
        current_agency=agency,
        channel=channel,
        owner=owner if getattr(owner, "pk", None) else None,
        idempotency_key=idempotency_key or None,
        **applicant_fields.attributes(applicant, kind_default=ApplicantKind.CITIZEN),
        form_data=dict(form_data),
        state="",
        submitted_at=at,
        vneid_verified=vneid,
        population_data_used=bool(from_population),
        fee_exemption=exemption,
        fee_exemption_status=ExemptionStatus.CLAIMED if exemption else "",
    )
    dossier.save()
    event = _record(
        dossier,
        actor=actor,
        kind=Kind.SUBMITTED,
        to_state=State.SUBMITTED,
        at=at,
        payload={
            "agency_id": agency.pk,
            "unit_id": unit.pk if unit else None,
            "channel": channel,
            **({"vneid": True} if vneid else {}),
            **({"population_data": from_population} if from_population else {}),
            **(
                {"fee_exemption": {"id": exemption.pk, "description": exemption.description}}
                if exemption
                else {}
            ),
        },
    )
    if unit is not None and dossier.current_unit_id == unit.pk:
        dossier.current_unit = unit  # already read: what the answer shows costs no query
    _attach(dossier, files, event_seq=event.seq, at=at)
    record_papers(dossier, papers, event_seq=event.seq, at=at)
    return dossier


@transaction.atomic
def register_at_counter(
    *,
    officer: Any,
    procedure_code: str,
    applicant: Mapping[str, Any],
    form_data: Mapping[str, Any] | None = None,
    documents: Documents = (),
    papers: Sequence[Paper] = (),
    channel: str = Channel.COUNTER,
    receiving_agency_code: str | None = None,
    owner: Any = None,
    at: datetime | None = None,
    note: str = "",
    fee_exemption_id: int | None = None,
) -> Dossier:
    """A dossier brought to the counter or by post: filed and received in one go.

    Each mandatory document comes as a scan in `documents` or is recorded in `papers` (see `papers.py`).
    """
    if channel == Channel.ONLINE:
        raise ValidationFailed(gettext("Hồ sơ trực tuyến được nộp qua Cổng dịch vụ công."))
    try:
        version = current_version(procedure_code)
    except ProcedureVersion.DoesNotExist as exc:
        raise NotFound(gettext("Không tìm thấy thủ tục hành chính."), procedure=procedure_code) from exc
    agency = _resolve_receiving_agency(version, receiving_agency_code)
    require_registration(officer, agency.pk)
    at = at or core_time.now()
    dossier = _submit(
        procedure_code=procedure_code,
        applicant=applicant,
        form_data=form_data or {},
        documents=documents,
        owner=owner,
        channel=channel,
        receiving_agency_code=agency.code,
        at=at,
        idempotency_key=None,
        actor=officer,
        papers=papers,
        fee_exemption_id=fee_exemption_id,
    )
    _record(
        dossier,
        actor=officer,
        kind=Kind.RECEIVED,
        to_state=State.RECEIVED,
        at=at,
        note=note,
        payload={"unit_id": dossier.current_unit_id},
        action="receive",
    )
    return dossier


def claimed_exemption(version: ProcedureVersion, exemption_id: Any) -> FeeExemption | None:
    """The exemption an applicant claims, which must be one of `version`'s ("" or None: no claim).

    Every door (portal, counter, API) hands the raw value here, so all refuse the same things.
    """
    if exemption_id in (None, ""):
        return None
    try:
        pk = int(exemption_id)
    except (TypeError, ValueError):
        pk = None
    found = version.fee_exemptions.filter(pk=pk).first() if pk is not None and pk > 0 else None
    if found is None:
        raise ValidationFailed(
            gettext("Đối tượng miễn, giảm phí, lệ phí không thuộc thủ tục này."),
            fields={"fee_exemption": gettext("Hãy chọn một đối tượng miễn, giảm của thủ tục.")},
        )
    return found


# --- checks without writing (the portal validates each step of an application) ------------------


def application_errors(
    *, procedure_code: str, applicant: Mapping[str, Any], form_data: Mapping[str, Any]
) -> dict[str, str]:
    """What `submit_dossier` would refuse in the applicant's details and the form, documents aside.

    Keys as in `InvalidApplication.errors`: 'applicant.name', 'form.ngay_sinh', ...
    """
    try:
        version = current_version(procedure_code)
    except ProcedureVersion.DoesNotExist as exc:
        raise NotFound(gettext("Không tìm thấy thủ tục hành chính."), procedure=procedure_code) from exc
    errors = _check_applicant(applicant)
    errors.update(
        {
            f"form.{k}" if k else "form": v
            for k, v in form_errors(version.form_schema, dict(form_data)).items()
        }
    )
    return errors
