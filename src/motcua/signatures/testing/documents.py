"""Test documents: a result decision rendered with WeasyPrint, and the usual ways to damage a signed PDF."""

from __future__ import annotations

import html
import io
from functools import lru_cache

RESULT_HTML = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><style>
  @page {{ size: A4; margin: 20mm 15mm 20mm 30mm; }}
  body {{ font-family: "Noto Serif", serif; font-size: 13pt;
         line-height: 1.35; color: #000; }}
  .header {{ display: flex; justify-content: space-between; text-align: center; }}
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
  <div><div>UBND TỈNH QUẢNG TRỊ</div><div class="upper">{agency}</div><div class="rule"></div>
       <div>Số: {number}</div></div>
  <div class="right"><div class="upper">Cộng hòa xã hội chủ nghĩa Việt Nam</div>
       <div><b>Độc lập - Tự do - Hạnh phúc</b></div><div class="rule"></div></div>
</div>
<p class="date">Quảng Trị, ngày 28 tháng 11 năm 2026</p>
<h1>QUYẾT ĐỊNH</h1>
<div class="sub">Về việc cấp Phiếu lý lịch tư pháp cho công dân</div>
<p>Căn cứ Luật Lý lịch tư pháp ngày 17 tháng 6 năm 2009;</p>
<p>Xét đề nghị của Trưởng phòng Hành chính tư pháp và hồ sơ số <b>{dossier}</b>,</p>
<p style="text-align:center"><b>QUYẾT ĐỊNH:</b></p>
<p><b>Điều 1.</b> Cấp Phiếu lý lịch tư pháp số 1 cho bà <b>{applicant}</b>, sinh ngày 17/05/1990,
nơi cư trú: phường Đông Hà, tỉnh Quảng Trị. Nội dung: Không có án tích.</p>
<p><b>Điều 2.</b> Quyết định này có hiệu lực kể từ ngày ký. Ông (bà) có tên tại Điều 1 và các cơ quan
liên quan chịu trách nhiệm thi hành Quyết định này.</p>
<div class="signatures">
  <div class="recipients"><i><b>Nơi nhận:</b></i><br>- Như Điều 1;<br>- Lưu: VT, HCTP.</div>
  <div class="signer">
    <div class="title">{authority}</div><div class="title">{title}</div>
    <div class="space"><span id="motcua-chu-ky"></span><span class="end" id="motcua-chu-ky-het"></span></div>
    <div class="name">{signer}</div>
  </div>
</div>
</body></html>"""


def result_pdf(
    *,
    agency: str = "Sở Tư pháp",
    number: str = "123/QĐ-STP",
    dossier: str = "H48.01-20261128-0000001",
    applicant: str = "Trần Thị Hoa",
    authority: str = "KT. GIÁM ĐỐC",
    title: str = "PHÓ GIÁM ĐỐC",
    signer: str = "Nguyễn Văn An",
    anchors: bool = True,
) -> bytes:
    """A one-page result decision whose signature space is marked for the Decree 30 appearance."""
    return _render(agency, number, dossier, applicant, authority, title, signer, anchors)


@lru_cache(maxsize=8)
def _render(
    agency: str,
    number: str,
    dossier: str,
    applicant: str,
    authority: str,
    title: str,
    signer: str,
    anchors: bool,
) -> bytes:
    from weasyprint import HTML

    values = {
        k: html.escape(v)
        for k, v in {
            "agency": agency,
            "number": number,
            "dossier": dossier,
            "applicant": applicant,
            "authority": authority,
            "title": title,
            "signer": signer,
        }.items()
    }
    source = RESULT_HTML.format(**values)
    if not anchors:
        source = source.replace(' id="motcua-chu-ky"', "").replace(' id="motcua-chu-ky-het"', "")
    return HTML(string=source).write_pdf()


def attachment_pdf(title: str = "Phụ lục: Danh sách hồ sơ") -> bytes:
    from weasyprint import HTML

    return HTML(
        string=f"""<html lang="vi"><body style="font-family: 'Noto Serif', serif; font-size: 13pt">
        <h2 style="text-align:center; margin-top: 25mm">{html.escape(title)}</h2>
        <p>1. Trần Thị Hoa — H48.01-20261128-0000001</p><p>2. Lê Văn Nam — H48.01-20261128-0000002</p>
        </body></html>"""
    ).write_pdf()


# Damage -----------------------------------------------------------------------------------------
def flip_one_byte(signed: bytes) -> bytes:
    """Change one byte inside the signed range (in the first revision's body), as a forger would."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(signed))
    sig = reader.embedded_signatures[0]
    start, length = sig.byte_range[0], sig.byte_range[1]
    # somewhere in the middle of the first covered range, away from the header
    position = start + max(64, length // 2)
    damaged = bytearray(signed)
    damaged[position] = damaged[position] ^ 0x01
    return bytes(damaged)


def replace_page_content(signed: bytes, text: str = "GIẢ MẠO") -> bytes:
    """An incremental update after signing that swaps the first page's content stream."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page_ref, _resources = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    fake = text.encode("ascii", "replace")
    stream = generic.StreamObject(stream_data=b"BT /F1 36 Tf 100 600 Td (" + fake + b") Tj ET")
    page["/Contents"] = writer.add_object(stream)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncate(signed: bytes, keep: float = 0.6) -> bytes:
    return signed[: int(len(signed) * keep)]


def break_signature_dictionary(signed: bytes) -> bytes:
    """Corrupt the /ByteRange and /Contents of the signature dictionary, keeping the file's length."""
    damaged = bytearray(signed)
    at = signed.rfind(b"/ByteRange")
    if at >= 0:
        end = signed.index(b"]", at)
        width = end - at + 1
        damaged[at : at + width] = b"/ByteRange [0 10 20 x]".ljust(width)
    contents = signed.rfind(b"/Contents <")
    if contents >= 0:
        start = contents + len(b"/Contents <")
        damaged[start : start + 40] = b"Z" * 40
    return bytes(damaged)
