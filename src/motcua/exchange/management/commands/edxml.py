"""`motcua edxml inspect|verify`: an edXML message from the command line.

motcua edxml inspect FILE [--strict]      the message as JSON; exit 0 read, 1 refused, 2 not edXML
motcua edxml verify FILE [--trust ROOT]   its XML signature; exit 0 valid, 1 not valid, 2 not edXML

Whatever the file holds, the command answers with a message in Vietnamese on stderr, never a
traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from motcua.core.errors import DomainError
from motcua.exchange import edxml
from motcua.exchange.edxml.describe import summary

EXIT_OK, EXIT_REFUSED, EXIT_NOT_EDXML = 0, 1, 2


class Command(BaseCommand):
    help = "Thông điệp edXML (QCVN 102:2016): xem nội dung (inspect), kiểm tra chữ ký số (verify)."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{inspect,verify}")
        inspect = actions.add_parser("inspect", help="In nội dung thông điệp dạng JSON.")
        inspect.add_argument("file", help="tệp edXML")
        inspect.add_argument(
            "--strict", action="store_true", help="đọc nghiêm ngặt: từ chối mọi sai lệch so với QCVN 102:2016"
        )
        verify = actions.add_parser("verify", help="Kiểm tra chữ ký số XMLDSig của thông điệp.")
        verify.add_argument("file", help="tệp edXML")
        verify.add_argument(
            "--trust",
            action="append",
            default=[],
            help="chứng thư gốc tin cậy (PEM/DER), lặp lại được; mặc định: kho chứng thư tin cậy",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = self._read(Path(options["file"]))
            if options["action"] == "inspect":
                self._inspect(data, strict=options["strict"])
            else:
                self._verify(data, options["trust"])
        except edxml.NotEdxml as exc:
            self._fail(exc.message, EXIT_NOT_EDXML)
        except edxml.EdxmlError as exc:
            self._fail(f"Từ chối: {exc.message}", EXIT_REFUSED)
        except DomainError as exc:  # an unreadable --trust file, an empty trust store
            self._fail(exc.message, EXIT_REFUSED)
        except Exception:  # the promise: a message, never a traceback
            self._fail("Không xử lý được tệp do lỗi không lường trước.", EXIT_REFUSED)

    def _read(self, path: Path) -> bytes:
        try:
            with path.open("rb") as handle:
                # one byte over the limit is enough to refuse: never read a huge file whole
                return handle.read(edxml.DEFAULT_LIMITS.max_bytes + 1)
        except FileNotFoundError:
            self._fail(f"Không có tệp {path}.", EXIT_NOT_EDXML)
        except IsADirectoryError:
            self._fail(f"{path} là thư mục, không phải tệp.", EXIT_NOT_EDXML)
        except PermissionError:
            self._fail(f"Không có quyền đọc tệp {path}.", EXIT_NOT_EDXML)
        except OSError:
            self._fail(f"Không đọc được tệp {path}.", EXIT_NOT_EDXML)

    def _inspect(self, data: bytes, *, strict: bool) -> None:
        mode = edxml.ReadMode.STRICT if strict else edxml.ReadMode.LENIENT
        reading = edxml.read(data, mode=mode)
        self.stdout.write(json.dumps(summary(reading), ensure_ascii=False, indent=2))
        sys.exit(EXIT_OK)

    def _verify(self, data: bytes, trust_files: list[str]) -> None:
        from motcua.signatures.certs import load_certificates

        edxml.read(data)  # a file that is not edXML at all gets exit status 2
        if trust_files:
            certs = [c for name in trust_files for c in load_certificates(Path(name).read_bytes())]
            roots = [c for c in certs if c.self_signed != "no"]
            intermediates = [c for c in certs if c.self_signed == "no"]
        else:
            from motcua.signatures.selectors import known_intermediates, trust_roots

            roots, intermediates = trust_roots(), known_intermediates()
        try:
            check = edxml.verify(data, trust_roots=roots, intermediates=intermediates)
        except edxml.SignatureProblem as exc:
            self._fail(f"Chữ ký số không hợp lệ: {exc.message}", EXIT_REFUSED)
        result = {
            "valid": True,
            "signer": check.common_name,
            "organization": check.organization,
            "issuer": check.issuer,
            "serial": check.serial_hex,
            "not_after": check.not_after.isoformat(),
            "chain": list(check.chain),
        }
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        sys.exit(EXIT_OK)

    def _fail(self, message: str, status: int) -> NoReturn:
        self.stderr.write(message)
        sys.exit(status)
