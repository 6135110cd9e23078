"""`motcua verify FILE [--trust ROOT.pem ...]`: each signature's verdict and the overall verdict.

Exit status: 0 when the document has signatures and every one is valid, 1 when any is not valid,
2 when the file cannot be validated or has no signature.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from motcua.core.time import VN_TZ
from motcua.signatures.certs import load_certificates
from motcua.signatures.verification import Report, verify_pdf


def _time(moment: Any) -> str:
    return moment.astimezone(VN_TZ).strftime("%Y-%m-%dT%H:%M:%S%z") if moment else "—"


class Command(BaseCommand):
    help = "Xác minh chữ ký số trên tệp PDF (mã thoát: 0 hợp lệ, 1 không hợp lệ, 2 không thể xác minh)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp PDF cần xác minh")
        parser.add_argument(
            "--trust",
            action="append",
            default=[],
            help="chứng thư gốc tin cậy (PEM/DER), lặp lại được; mặc định: kho chứng thư tin cậy",
        )
        parser.add_argument(
            "--offline", action="store_true", help="không tải OCSP/CRL, chỉ dùng dữ liệu trong tệp"
        )
        parser.add_argument("--xml", default="", help="ghi báo cáo ETSI TS 119 102-2 ra tệp này")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.stderr.write(f"Không đọc được {path}: {exc.strerror}")
            sys.exit(2)
        roots = None
        intermediates = None
        if options["trust"]:
            certs = [c for p in options["trust"] for c in load_certificates(Path(p).read_bytes())]
            roots = [c for c in certs if c.self_signed != "no"]
            intermediates = [c for c in certs if c.self_signed == "no"]
        report = verify_pdf(
            data,
            trust_roots=roots,
            intermediates=intermediates,
            fetch=False if options["offline"] else None,
            with_xml=bool(options["xml"]),
        )
        if options["xml"] and report.xml:
            Path(options["xml"]).write_text(report.xml, encoding="utf-8")
        if options["json"]:
            self.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        else:
            self._print(path, report)
        sys.exit(report.exit_code)

    def _print(self, path: Path, report: Report) -> None:
        out = self.stdout.write
        out(f"Tệp: {path} ({report.size} byte, SHA-256 {report.sha256[:16]}…)")
        for sig in report.signatures:
            out("")
            out(f"Chữ ký {sig.index} ({sig.field_name}): {sig.verdict_label.upper()}")
            out(
                f"  Kết luận ETSI EN 319 102-1: {sig.indication}"
                + (f" / {sig.sub_indication}" if sig.sub_indication else "")
            )
            if sig.signer:
                out(
                    f"  Người ký: {sig.signer.common_name}"
                    + (f" — {sig.signer.organization}" if sig.signer.organization else "")
                )
                out(f"  Tổ chức cấp: {sig.signer.issuer}; số hiệu {sig.signer.serial_hex}")
            if sig.chain:
                out("  Chuỗi chứng thư: " + " → ".join(c.common_name for c in sig.chain))
            out(f"  Mức: PAdES {sig.level or '—'}")
            out(f"  Thời điểm ký (người ký khai): {_time(sig.signing_time)}")
            out(f"  Dấu thời gian: {_time(sig.timestamp_time)}")
            out(f"  Toàn vẹn: {_yes_no(sig.integrity)}; tin cậy: {_yes_no(sig.trusted)}")
            out(f"  Thu hồi: {sig.revocation}")
            out(f"  Thay đổi sau khi ký: {sig.modification_message}")
            for reason in sig.reasons:
                out(f"  Lý do: {reason}")
        out("")
        out(f"KẾT LUẬN: {report.verdict_label.upper()} — {report.message}")


def _yes_no(value: bool | None) -> str:
    return {True: "có", False: "không", None: "chưa xác định"}[value]
