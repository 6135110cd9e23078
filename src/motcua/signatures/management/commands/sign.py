"""`motcua sign IN.pdf OUT.pdf`: sign a PDF (PAdES B-T or B-LTA) with a PKCS#12 file or a PKCS#11 token."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from pyhanko.sign.signers import Signer

from motcua.core.errors import DomainError
from motcua.signatures import appearance, conf, pdfsign
from motcua.signatures.certs import load_certificate, load_certificates
from motcua.signatures.keys import Pkcs11Key, pkcs11_signer, pkcs12_signer


class Command(BaseCommand):
    help = "Ký số tệp PDF theo chuẩn PAdES (B-T hoặc B-LTA) bằng tệp PKCS#12 hoặc thiết bị PKCS#11."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", help="tệp PDF cần ký")
        parser.add_argument("output", help="tệp PDF đã ký (ghi mới)")
        parser.add_argument("--level", default="B-T", choices=["B-B", "B-T", "B-LT", "B-LTA"])
        parser.add_argument("--pkcs12", help="tệp PKCS#12 (.p12/.pfx) chứa khóa và chứng thư")
        parser.add_argument("--passphrase-env", default="", help="tên biến môi trường chứa mật khẩu PKCS#12")
        parser.add_argument(
            "--pkcs11-module", default="", help="thư viện PKCS#11 (mặc định MOTCUA_PKCS11_MODULE)"
        )
        parser.add_argument("--token-label", default="", help="nhãn thiết bị PKCS#11")
        parser.add_argument("--key-label", default="", help="nhãn khóa trên thiết bị")
        parser.add_argument("--cert", default="", help="chứng thư (PEM/DER) của khóa trên thiết bị")
        parser.add_argument(
            "--chain", action="append", default=[], help="chứng thư trung gian (PEM), lặp lại được"
        )
        parser.add_argument("--pin-env", default="", help="tên biến môi trường chứa mã PIN")
        parser.add_argument(
            "--tsa", default="", help="máy chủ dấu thời gian (mặc định MOTCUA_SIGNATURE_TSA_URL)"
        )
        parser.add_argument(
            "--trust", action="append", default=[], help="chứng thư gốc tin cậy (cho B-LT/B-LTA)"
        )
        parser.add_argument("--field", default="Signature1", help="tên trường chữ ký")
        parser.add_argument(
            "--notation",
            default="",
            help="hiện số, ký hiệu và thời gian ký ở góc trên bên phải trang đầu (văn bản kèm theo)",
        )
        parser.add_argument("--reason", default="", help="lý do ký")

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["input"])
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được {source}: {exc.strerror}") from exc
        level = options["level"]
        tsa_url = options["tsa"] or conf.tsa_url()
        if level != "B-B" and not tsa_url:
            raise CommandError(
                "Mức B-T trở lên cần máy chủ dấu thời gian: --tsa URL hoặc MOTCUA_SIGNATURE_TSA_URL."
            )
        chain = [c for path in options["chain"] for c in load_certificates(Path(path).read_bytes())]
        roots = [c for path in options["trust"] for c in load_certificates(Path(path).read_bytes())]
        if not roots and level in ("B-LT", "B-LTA"):
            from motcua.signatures.selectors import trust_roots

            roots = trust_roots()
        placement = None
        if options["notation"]:
            width, height = pdfsign.page_size(data, 0)
            placement = appearance.attachment_field(
                page_width=width, page_height=height, notation=options["notation"], name=options["field"]
            )
        try:
            with self._signer(options, chain) as signer:
                signed = pdfsign.sign_pdf(
                    data,
                    signer=signer,
                    field_name=options["field"],
                    placement=placement,
                    level=level,
                    tsa=pdfsign.timestamper(tsa_url) if tsa_url else None,
                    trust_roots=roots,
                    reason=options["reason"] or None,
                )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        Path(options["output"]).write_bytes(signed)
        self.stdout.write(f"Đã ký {source} ({level}) → {options['output']}")
        sys.stdout.flush()

    @contextlib.contextmanager
    def _signer(self, options: dict[str, Any], chain: list[Any]) -> Iterator[Signer]:
        if options["pkcs12"] and options["token_label"]:
            raise CommandError("Chọn --pkcs12 hoặc --token-label, không cả hai.")
        if options["pkcs12"]:
            yield pkcs12_signer(
                Path(options["pkcs12"]), conf.secret_from_env(options["passphrase_env"]), chain=chain
            )
            return
        if not options["token_label"]:
            raise CommandError(
                "Cần --pkcs12 FILE --passphrase-env VAR hoặc --token-label ... --key-label ... --pin-env VAR."
            )
        if not options["cert"]:
            raise CommandError("Ký bằng thiết bị PKCS#11 cần --cert (chứng thư của khóa).")
        key = Pkcs11Key(
            module=options["pkcs11_module"],
            token_label=options["token_label"],
            key_label=options["key_label"] or options["token_label"],
            pin_env=options["pin_env"],
        )
        certificate = load_certificate(Path(options["cert"]).read_bytes())
        with pkcs11_signer(key, certificate=certificate, chain=chain) as signer:
            yield signer
