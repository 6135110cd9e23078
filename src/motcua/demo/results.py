"""The results of demo dossiers: one-page papers in the layout of Decree 30/2020, ready to sign.

Runtime code for `motcua demo` (the tests keep their own documents in `signatures/testing`). The
signature space between the signer's title and name is marked with the anchors the Decree 30
appearance looks for. The judicial record is a Phiếu lý lịch tư pháp of Công an tỉnh.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date
from typing import Any

RESULT_HTML = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><style>
  @page {{ size: A4; margin: 20mm 15mm 20mm 30mm; }}
  body {{ font-family: "Noto Serif", serif; font-size: 13pt; line-height: 1.35; color: #000; }}
  .header {{ display: flex; justify-content: space-between; text-align: center; gap: 4mm; }}
  .header > div {{ flex: 1; }} .header .right {{ flex: 1.4; }}
  .upper {{ text-transform: uppercase; font-weight: bold; }}
  .rule {{ display: inline-block; border-top: 1px solid #000; width: 40mm; }}
  .date {{ font-style: italic; text-align: right; margin: 4mm 0; }}
  h1 {{ font-size: 14pt; text-align: center; margin: 6mm 0 1mm; }}
  .sub {{ text-align: center; font-weight: bold; margin-bottom: 5mm; }}
  .signatures {{ display: flex; margin-top: 8mm; }}
  .recipients {{ flex: 1; font-size: 11pt; }}
  .signer {{ flex: 1.1; text-align: center; }}
  .title {{ font-weight: bold; text-transform: uppercase; }}
  .space {{ height: 24mm; position: relative; margin: 1mm 6mm; }}
  .space .end {{ position: absolute; right: 0; bottom: 0; }}
  .name {{ font-weight: bold; }}
</style></head><body>
<div class="header">
  <div><div>{superior}</div><div class="upper">{agency}</div><div class="rule"></div>
       <div>Số: {number}</div></div>
  <div class="right"><div class="upper">Cộng hòa xã hội chủ nghĩa Việt Nam</div>
       <div><b>Độc lập - Tự do - Hạnh phúc</b></div><div class="rule"></div></div>
</div>
<p class="date">{place}, ngày {day:02d} tháng {month:02d} năm {year}</p>
<h1>{heading}</h1>
<div class="sub">{subject}</div>
{paragraphs}
<div class="signatures">
  <div class="recipients"><i><b>Nơi nhận:</b></i><br>{recipients}</div>
  <div class="signer">
    <div class="title">{authority}</div><div class="title">{title}</div>
    <div class="space"><span id="motcua-chu-ky"></span><span class="end" id="motcua-chu-ky-het"></span></div>
    <div class="name">{signer}</div>
  </div>
</div>
</body></html>"""


@dataclass(frozen=True)
class ResultPaper:
    """What the paper says; every field is plain text (escaped when rendered)."""

    superior: str
    agency: str
    number: str
    heading: str
    subject: str
    paragraphs: tuple[str, ...]
    authority: str
    title: str
    signer: str
    recipients: tuple[str, ...] = ("Như trên;", "Lưu: VT.")
    place: str = "Quảng Trị"
    day: date = field(default_factory=date.today)


def render(paper: ResultPaper) -> bytes:
    """The paper as a one-page PDF (WeasyPrint)."""
    from weasyprint import HTML

    esc = html.escape
    source = RESULT_HTML.format(
        superior=esc(paper.superior),
        agency=esc(paper.agency),
        number=esc(paper.number),
        place=esc(paper.place),
        day=paper.day.day,
        month=paper.day.month,
        year=paper.day.year,
        heading=esc(paper.heading),
        subject=esc(paper.subject),
        paragraphs="\n".join(f"<p>{esc(p)}</p>" for p in paper.paragraphs),
        recipients="<br>".join(f"- {esc(r)}" for r in paper.recipients),
        authority=esc(paper.authority),
        title=esc(paper.title),
        signer=esc(paper.signer),
    )
    return bytes(HTML(string=source).write_pdf())


def _superior(agency: Any) -> str:
    """The line above the agency's name in the header (Decree 30: the body it belongs to)."""
    # The provincial police belong to the Ministry of Public Security, not to the province.
    if agency.name.startswith("Công an"):
        return "BỘ CÔNG AN"
    if agency.parent_id and agency.parent:
        return (agency.parent.short_name or agency.parent.name).upper()
    return ""


def demo_result_pdf(dossier: Any, leader: Any) -> bytes:
    """The result of a demo dossier, one page, with the space between title and name marked for signing."""
    from motcua.core.time import local, now
    from motcua.signatures.demo import titles
    from motcua.signatures.models import SigningRule

    from .stories import JUDICIAL_RECORD

    agency = dossier.current_agency
    rule = SigningRule.objects.filter(agency_id=agency.pk, user=leader, is_active=True).first()
    superior, deputy = titles(agency)
    procedure = dossier.procedure_version.procedure
    if procedure.code == JUDICIAL_RECORD:
        heading, subject, number = "PHIẾU LÝ LỊCH TƯ PHÁP SỐ 1", "", f"{dossier.pk}/LLTP"
        paragraphs: tuple[str, ...] = (
            f"Họ và tên: {dossier.applicant_name}.",
            f"Theo yêu cầu tại hồ sơ số {dossier.code}.",
            "Tình trạng án tích: Không có án tích.",
            "Thông tin về việc cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã: "
            "Không bị cấm.",
        )
    else:
        heading, number = "QUYẾT ĐỊNH", f"{dossier.pk}/QĐ"
        subject = f"Về việc giải quyết hồ sơ số {dossier.code}"
        paragraphs = (
            f"Căn cứ hồ sơ số {dossier.code} của {dossier.applicant_name};",
            f"Thủ tục: {procedure.name}.",
            "Điều 1. Chấp thuận yêu cầu của người nộp hồ sơ theo quy định.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        )
    return render(
        ResultPaper(
            superior=_superior(agency),
            agency=agency.name,
            number=number,
            heading=heading,
            subject=subject,
            paragraphs=paragraphs,
            authority=rule.title_lines[0] if rule and len(rule.title_lines) > 1 else f"KT. {superior}",
            title=rule.title_lines[-1] if rule else deputy,
            signer=leader.display_name,
            recipients=(f"{dossier.applicant_name};", "Lưu: VT, hồ sơ."),
            day=local(now()).date(),
        )
    )
