"""Render the signed-result images of docs/signatures.md.

    .venv/bin/python -m motcua.signatures.testing.docs_image docs/images

Builds a throw-away test PKI, signs a result decision as the back office does (the official, then
the agency seal, Decree 30 layout) and an attachment (notation and time at the top right), and
renders them with `pdftoppm -png -r 100` (plus a 200 dpi crop of the signature block).
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

from pyhanko.pdf_utils.reader import PdfFileReader

from motcua.signatures import appearance, images, pdfsign
from motcua.signatures.keys import signer_from_key
from motcua.signatures.testing.documents import attachment_pdf, result_pdf
from motcua.signatures.testing.pki import build_test_pki


def _render(pdf: Path, target: Path, *extra: str) -> None:
    subprocess.run(["pdftoppm", "-png", "-singlefile", *extra, str(pdf), str(target)], check=True)  # noqa: S603,S607


def main(out_dir: str) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pki = build_test_pki(work / "pki").start()
        try:
            tsa = pdfsign.timestamper(pki.tsa_url)

            def signer(label: str) -> object:
                return signer_from_key(pki.private_key(label), pki.cert(label), pki.chain(label))

            doc = result_pdf()
            anchor = appearance.find_anchor_box(PdfFileReader(io.BytesIO(doc)))
            assert anchor is not None
            page, box = anchor
            layout = appearance.decree30_layout(
                page=page,
                official=appearance.OfficialBlock(
                    ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), "Nguyễn Văn An", images.signature_png("Nguyễn Văn An")
                ),
                seal=appearance.SealBlock(
                    "Sở Tư pháp tỉnh Quảng Trị", images.seal_png("UBND tỉnh Quảng Trị", ["Sở Tư pháp"])
                ),
                image_box=box,
            )
            once = pdfsign.sign_pdf(
                doc, signer=signer("official"), field_name=layout.official.name,
                placement=layout.official, level="B-LT", tsa=tsa, trust_roots=[pki.cert("root")],
            )  # fmt: skip
            twice = pdfsign.sign_pdf(
                once, signer=signer("seal"), field_name=layout.seal.name,
                placement=layout.seal, level="B-LTA", tsa=tsa, trust_roots=[pki.cert("root")],
            )  # fmt: skip
            (work / "result.pdf").write_bytes(twice)
            width, height = pdfsign.page_size(doc)
            annex = attachment_pdf("Phụ lục: Danh sách hồ sơ được cấp Phiếu lý lịch tư pháp")
            field = appearance.attachment_field(
                page_width=width, page_height=height, notation="Số: 123/QĐ-STP"
            )
            attachment = pdfsign.sign_pdf(
                annex, signer=signer("seal"), field_name=field.name, placement=field, level="B-T", tsa=tsa
            )
            (work / "attachment.pdf").write_bytes(attachment)
        finally:
            pki.stop()
        _render(work / "result.pdf", out / "signed-result", "-r", "100", "-f", "1", "-l", "1")
        k = 200 / 72
        x1 = int((layout.seal.box[0] - 20) * k)
        y_top = int((height - box[3] - 60) * k)
        _render(
            work / "result.pdf", out / "signed-result-block", "-r", "200", "-f", "1", "-l", "1",
            "-x", str(x1), "-y", str(y_top), "-W", str(int((box[2] - layout.seal.box[0] + 40) * k)),
            "-H", str(int((box[3] - layout.seal.box[1] + 80) * k)),
        )  # fmt: skip
        _render(work / "attachment.pdf", out / "signed-result-attachment", "-r", "100", "-f", "1", "-l", "1")
    print(f"written to {out}")  # noqa: T201


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/images")
