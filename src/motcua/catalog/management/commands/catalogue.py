"""`motcua catalogue import FILE... [--dry-run]`: the national catalogue into the province's.

    motcua catalogue import catalogue.json                 our documented format (docs/catalogue.md)
    motcua catalogue import sectors.json citizen-procedures.json business-procedures.json
    motcua catalogue import FILE --dry-run                 only the diff: new, changed (fields), unchanged

Exit 0 imported (or diff shown), 1 refused (the file, line and field are named; nothing written).
A progress bar is drawn on a terminal; quiet otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn, TextIO

from django.core.management.base import BaseCommand, CommandParser

from motcua.catalog.catalogue_file import CatalogueFileError, read_files
from motcua.catalog.importing import ImportReport, import_catalogue
from motcua.core.errors import DomainError

EXIT_OK, EXIT_REFUSED = 0, 1
# Without -v 2, a dry run lists at most this many new codes.
SHOWN = 50


class ProgressBar:
    """A one-line bar on a terminal, redrawn at most once per percent; nothing when not a terminal."""

    def __init__(self, stream: TextIO, label: str) -> None:
        self.stream, self.label = stream, label
        self.enabled = stream.isatty()
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or not total:
            return
        percent = done * 100 // total
        if percent == self.last:
            return
        self.last = percent
        filled = percent * 30 // 100
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "Danh mục thủ tục hành chính quốc gia: nhập từ tệp (import), có chế độ chạy thử (--dry-run)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{import}")
        importing = actions.add_parser("import", help="Nhập thủ tục, lĩnh vực, cơ quan từ tệp JSON.")
        importing.add_argument(
            "files",
            nargs="+",
            metavar="FILE",
            help="tệp motcua-catalogue/1 hoặc danh sách của Cổng DVC quốc gia",
        )
        importing.add_argument("--dry-run", action="store_true", help="chỉ hiển thị khác biệt, không ghi gì")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            catalogue = read_files([(path, self._read(Path(path))) for path in options["files"]])
            bar = ProgressBar(sys.stderr, "Đang đối chiếu" if options["dry_run"] else "Đang nhập")
            report = import_catalogue(catalogue, dry_run=options["dry_run"], progress=bar)
        except CatalogueFileError as exc:
            self._fail(f"Từ chối tệp, không nhập gì: {exc.message}")
        except DomainError as exc:
            self._fail(f"Từ chối, không nhập gì: {exc.message}")
        self._report(report, verbose=options["verbosity"] >= 2)

    def _read(self, path: Path) -> bytes:
        try:
            return path.read_bytes()
        except FileNotFoundError:
            self._fail(f"Không có tệp {path}.")
        except IsADirectoryError:
            self._fail(f"{path} là thư mục, không phải tệp.")
        except OSError:
            self._fail(f"Không đọc được tệp {path}.")

    def _report(self, report: ImportReport, *, verbose: bool) -> None:
        out = self.stdout.write
        for warning in report.warnings:
            self.stderr.write(f"Cảnh báo: {warning}")
        title = "Chạy thử, không ghi gì" if report.dry_run else "Đã nhập"
        out(
            f"{title}: {len(report.new)} thủ tục mới, {len(report.changed)} thay đổi, "
            f"{len(report.unchanged)} không đổi; {len(report.new_versions)} phiên bản mới; "
            f"lĩnh vực: {len(report.sectors_new)} mới, {len(report.sectors_changed)} đổi tên; "
            f"cơ quan: {len(report.agencies_new)} mới."
        )
        if report.dry_run or verbose:
            shown = report.new if verbose else report.new[:SHOWN]
            for code in shown:
                out(f"  + {code}")
            if len(shown) < len(report.new):
                out(f"  + … và {len(report.new) - len(shown)} thủ tục mới khác (-v 2 để xem hết)")
            for code, fields in report.changed.items():
                out(f"  ~ {code}: {', '.join(fields)}")

    def _fail(self, message: str) -> NoReturn:
        self.stderr.write(message)
        sys.exit(EXIT_REFUSED)
