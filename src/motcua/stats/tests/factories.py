"""Hand-made catalogue entries and dossier rows for the index tests (no service calls: fast)."""

from __future__ import annotations

from datetime import datetime
from itertools import count
from typing import Any

from motcua.agencies.models import Agency
from motcua.catalog.models import Fee, Procedure, ProcedureVersion, RequiredDocument
from motcua.dossiers.models import Attachment, Dossier, ResultDocument

_n = count(1)


def procedure(
    agency: Agency,
    *,
    online: str = "partial",
    fee: int | None = None,
    citizens: bool = True,
    businesses: bool = False,
    active: bool = True,
) -> ProcedureVersion:
    """An active procedure whose current version names `agency` as competent."""
    n = next(_n)
    proc = Procedure.objects.create(
        code=f"9.{n:06d}",
        name=f"Thủ tục thử nghiệm {n}",
        for_citizens=citizens,
        for_businesses=businesses,
        is_active=active,
    )
    version = ProcedureVersion.objects.create(
        procedure=proc,
        number=1,
        name=proc.name,
        processing_time=5,
        competent_agency=agency,
        online_level=online,
    )
    RequiredDocument.objects.create(version=version, name="Tờ khai")
    if fee is not None:
        Fee.objects.create(version=version, name="Lệ phí", amount=fee)
    proc.current_version = version
    proc.save(update_fields=["current_version"])
    return version


def dossier(
    version: ProcedureVersion,
    *,
    received: datetime,
    finished: datetime | None = None,
    state: str | None = None,
    channel: str = "online",
    result: bool = False,
    component_file: bool = False,
    other_file: bool = False,
    vneid: bool = False,
    population: bool = False,
) -> Dossier:
    """A dossier row as the services leave it (received, maybe resolved), with its files."""
    n = next(_n)
    d = Dossier.objects.create(
        code=f"T-{n:07d}",
        lookup_secret="x",
        procedure_version=version,
        receiving_agency=version.competent_agency,
        current_agency=version.competent_agency,
        channel=channel,
        applicant_name="Nguyễn Văn A",
        state=state or ("resolved" if finished else "processing"),
        submitted_at=received,
        received_at=received,
        due_at=received,
        finished_at=finished,
        vneid_verified=vneid,
        population_data_used=population,
    )
    files: dict[str, Any] = {"size": 1, "sha256": "0" * 64, "event_seq": 1}
    if component_file or other_file:
        Attachment.objects.create(
            dossier=d,
            required_document=version.required_documents.first() if component_file else None,
            file="a.pdf",
            original_name="a.pdf",
            content_type="application/pdf",
            uploaded_at=received,
            **files,
        )
    if result:
        ResultDocument.objects.create(dossier=d, file="kq.pdf", name="kq.pdf", created_at=finished, **files)
    return d
