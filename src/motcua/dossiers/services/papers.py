"""Required documents: which ones a dossier must bring, and the papers handed in at the counter.

One rule for every door (portal, counter page, API, demo): each mandatory document of the procedure
comes as a file (online: only as a file) or, at the counter and by post, is recorded as received on
paper, with its form (original, certified copy, copy) and its number of copies. Form 01 then lists
what was received.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from motcua.catalog.models import ProcedureVersion

from ..models import Channel, Dossier, PaperDocument

MAX_COPIES = 20


@dataclass(frozen=True)
class Paper:
    """One required document handed in on paper: `form` is a `PaperDocument.Form` value."""

    required_document_id: int
    form: str
    copies: int = 1


def check_papers(version: ProcedureVersion, papers: Iterable[Paper], *, channel: str) -> dict[str, str]:
    """Errors in the papers recorded, keyed 'documents.<id>' like the files' errors."""
    papers = list(papers)
    if papers and channel == Channel.ONLINE:
        return {"documents": "Hồ sơ trực tuyến chỉ nộp bản điện tử; bản giấy được ghi nhận tại quầy."}
    known = {d.pk for d in version.required_documents.all()}
    errors: dict[str, str] = {}
    seen: set[int] = set()
    for paper in papers:
        key = f"documents.{paper.required_document_id}"
        if paper.required_document_id not in known:
            errors[key] = "Thành phần hồ sơ không thuộc thủ tục này."
        elif paper.required_document_id in seen:
            errors[key] = "Mỗi thành phần hồ sơ chỉ ghi nhận bản giấy một lần."
        elif paper.form not in PaperDocument.Form.values:
            errors[key] = "Hãy chọn bản giấy là bản chính, bản sao có chứng thực hoặc bản sao."
        elif not 1 <= paper.copies <= MAX_COPIES:
            errors[key] = f"Số bản giấy phải từ 1 đến {MAX_COPIES}."
        seen.add(paper.required_document_id)
    return errors


def missing_documents(
    version: ProcedureVersion,
    *,
    scanned: Collection[int | None],
    papers: Iterable[Paper],
    channel: str,
    population_data: bool = False,
) -> dict[str, str]:
    """The mandatory documents that came neither as a file nor (outside the portal) on paper.

    With `population_data` (the applicant's identity was vouched for by VNeID), the documents the
    population database's data stands for are not asked for.
    """
    on_paper = {p.required_document_id for p in papers} if channel != Channel.ONLINE else set()
    errors = {}
    for document in version.required_documents.all():
        if population_data and document.replaced_by_population_data:
            continue
        if document.is_mandatory and document.pk not in scanned and document.pk not in on_paper:
            if channel == Channel.ONLINE:
                errors[f"documents.{document.pk}"] = f"Vui lòng đính kèm: {document.name}."
            else:
                errors[f"documents.{document.pk}"] = (
                    f"Chưa có bản quét hoặc ghi nhận bản giấy của thành phần bắt buộc: {document.name}."
                )
    return errors


def taken_from_population_data(version: ProcedureVersion, *, scanned: Collection[int | None]) -> list[int]:
    """The documents of `version` that the population database's data stood for (none was uploaded)."""
    return [
        d.pk
        for d in version.required_documents.all()
        if d.replaced_by_population_data and d.pk not in scanned
    ]


def record_papers(dossier: Dossier, papers: Sequence[Paper], *, event_seq: int, at: datetime) -> None:
    PaperDocument.objects.bulk_create(
        PaperDocument(
            dossier=dossier,
            required_document_id=p.required_document_id,
            form=p.form,
            copies=p.copies,
            event_seq=event_seq,
            received_at=at,
        )
        for p in papers
    )


def originals_on_paper(procedure_code: str) -> list[Paper]:
    """Every mandatory document of the procedure's current version as one original on paper: what the
    demo and tests record for a dossier brought to the counter without scans."""
    from motcua.catalog.selectors import current_version

    version = current_version(procedure_code)
    return [
        Paper(d.pk, PaperDocument.Form.ORIGINAL, max(d.count, 1))
        for d in version.required_documents.filter(is_mandatory=True)
    ]
