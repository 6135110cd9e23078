"""The result document in the Decree 30/2020 layout.

One template (`documents/result.html`): national title, issuing body, number and notation, place
and date, document type and summary, the body from the procedure's result template filled with the
dossier's data, one signer block (position and full name), "Nơi nhận". The copy the leader signs
leaves the number and date as empty fields for the clerk (`signatures.issuefields`) and carries no
draft mark, since it is the copy that is issued; only a template preview says "DỰ THẢO".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings

from motcua.core.time import local

from . import numbering, templating
from .models import ResultTemplate

DEFAULT_BODY = (
    "Căn cứ hồ sơ đề nghị giải quyết thủ tục {{ ten_thu_tuc }}, mã hồ sơ {{ ma_ho_so }}, "
    "của Ông/Bà {{ ho_ten }}, tiếp nhận ngày {{ ngay_tiep_nhan }};\n"
    "{{ ket_qua }}"
)
DEFAULT_SUMMARY = "Về việc giải quyết thủ tục {{ ten_thu_tuc }} cho Ông/Bà {{ ho_ten }}"


@dataclass(frozen=True)
class Signer:
    position_lines: tuple[str, ...]
    full_name: str


@dataclass
class ResultPage:
    """Everything the template prints; built by `result_page`, so that a test can read it too."""

    body_top: str
    body_name: str
    notation: str  # "" on a draft
    place: str
    issued_on: date | None
    type_title: str
    summary: str
    paragraphs: list[str]
    signer: Signer
    recipients: list[str]
    draft: bool
    draft_by: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def place_name() -> str:
    name = str(settings.MOTCUA_PROVINCE_NAME)
    for prefix in ("Tỉnh ", "tỉnh ", "Thành phố ", "thành phố "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _date(value: Any) -> str:
    if isinstance(value, datetime):
        return local(value).strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return ""


def values_of(dossier: Any, *, summary: str = "") -> dict[str, str]:
    """The dossier's fields a template may name (`templating.FIELDS`), as plain text."""
    agency = dossier.current_agency
    return {
        "ma_ho_so": dossier.code or "",
        "ten_thu_tuc": dossier.procedure_version.name,
        "ma_thu_tuc": dossier.procedure_version.procedure.code,
        "ho_ten": dossier.applicant_name,
        "dia_chi": getattr(dossier, "applicant_address", "") or "",
        "so_giay_to": getattr(dossier, "applicant_id_number", "") or "",
        "ngay_tiep_nhan": _date(dossier.received_at),
        "ngay_hen_tra": _date(dossier.appointment_at or dossier.due_at),
        "ket_qua": summary,
        "co_quan": agency.name,
        "dia_danh": place_name(),
    }


def template_for(procedure_id: int) -> ResultTemplate:
    """The procedure's active template, else the general one, else the built-in decision."""
    found = (
        ResultTemplate.objects.filter(is_active=True, procedure_id=procedure_id).order_by("pk").first()
        or ResultTemplate.objects.filter(is_active=True, procedure__isnull=True).order_by("pk").first()
    )
    return found or ResultTemplate(
        kind=ResultTemplate.Kind.DECISION, name="Mặc định", summary=DEFAULT_SUMMARY, body=DEFAULT_BODY
    )


def issuing_body(agency: Any) -> tuple[str, str]:
    """(the body it belongs to, the agency): the two lines of the header's left column (Decree 30)."""
    if agency.name.startswith("Công an"):
        # The provincial police belong to the Ministry of Public Security, not to the province.
        return "BỘ CÔNG AN", agency.name.upper()
    parent = agency.parent.name if agency.parent_id and agency.parent else ""
    return parent.upper(), agency.name.upper()


def result_page(
    dossier: Any,
    *,
    template: ResultTemplate,
    signer: Signer,
    summary: str,
    notation: str = "",
    issued_on: date | None = None,
    draft_by: str = "",
    body_text: str | None = None,
    draft: bool = False,
) -> ResultPage:
    values = values_of(dossier, summary=summary)
    form = dossier.form_data or {}
    top, name = issuing_body(dossier.current_agency)
    body = templating.render(body_text if body_text is not None else template.body, values, form)
    recipients = [f"Ông/Bà {dossier.applicant_name};"]
    recipients += [
        line.strip()
        for line in templating.render(template.recipients, values, form).splitlines()
        if line.strip()
    ]
    recipients.append(f"Lưu: VT, hồ sơ {dossier.code}.")
    return ResultPage(
        body_top=top,
        body_name=name,
        notation=notation,
        place=place_name(),
        issued_on=issued_on,
        type_title=template.title.strip().upper() or numbering.TYPE_TITLES.get(template.kind, ""),
        summary=templating.render(template.summary, values, form),
        paragraphs=[p.strip() for p in body.splitlines() if p.strip()],
        signer=signer,
        recipients=recipients,
        draft=draft,
        draft_by=draft_by if draft else "",
    )


def render(page: ResultPage) -> bytes:
    """The page as PDF; without a number yet, with the empty fields the clerk fills when issuing."""
    from motcua.printing.render import render_pdf
    from motcua.signatures.issuefields import add_issue_fields

    content = render_pdf("documents/result.html", {"page": page})
    return content if page.notation else add_issue_fields(content)
