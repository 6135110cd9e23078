"""`motcua catalogue import`: the summary, the dry run's diff, the refusal naming line and field."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from motcua.catalog.models import Procedure
from motcua.demo.data import national

from .factories import JUDICIAL_RECORD, as_file, documented, justice_department

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("catalogue", "import", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_importing_the_national_lists(tmp_path: Path) -> None:
    code, out, err = _run(*(str(p) for p in national.paths()))
    assert code == 0
    assert out.startswith("Đã nhập: 2395 thủ tục mới, 0 thay đổi, 0 không đổi")
    assert "0100100079" in err  # the skipped agency, said
    assert "\r" not in err  # not a terminal: no progress bar
    assert Procedure.objects.count() == 2395


def test_a_dry_run_lists_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    justice_department()
    path = tmp_path / "catalogue.json"
    path.write_bytes(as_file(documented(JUDICIAL_RECORD))[1])
    _run(str(path))
    changed = dict(JUDICIAL_RECORD, processing_time={"value": 7, "unit": "day"})
    path.write_bytes(as_file(documented(changed, {"code": "2.000002", "name": "Đăng ký khai sinh"}))[1])

    code, out, _ = _run(str(path), "--dry-run")

    assert code == 0
    assert out.splitlines() == [
        "Chạy thử, không ghi gì: 1 thủ tục mới, 1 thay đổi, 0 không đổi; 1 phiên bản mới; "
        "lĩnh vực: 0 mới, 0 đổi tên; cơ quan: 0 mới.",
        "  + 2.000002",
        f"  ~ {JUDICIAL_RECORD['code']}: processing_time",
    ]
    assert not Procedure.objects.filter(code="2.000002").exists()


def test_a_bad_file_is_refused_with_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            documented(dict(JUDICIAL_RECORD, fees=[{"name": "Lệ phí", "amount": -1}])),
            ensure_ascii=False,
            indent=2,
        )
    )

    code, _, err = _run(str(path))

    assert code == 1
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if '"amount": -1' in text)
    assert err.strip() == (
        f"Từ chối tệp, không nhập gì: {path}:{line}: "
        "nhỏ hơn giá trị tối thiểu (trường /procedures/0/fees/0/amount)"
    )
    assert not Procedure.objects.exists()


def test_a_missing_file_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    code, _, err = _run(str(tmp_path / "none.json"))
    assert (code, err.strip()) == (1, f"Không có tệp {tmp_path / 'none.json'}.")


class _Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_is_drawn_on_a_terminal_only() -> None:
    from motcua.catalog.management.commands.catalogue import ProgressBar

    terminal, pipe = _Terminal(), StringIO()
    bar = ProgressBar(terminal, "Đang nhập")
    quiet = ProgressBar(pipe, "Đang nhập")
    for done in range(1, 201):
        bar(done, 200)
        quiet(done, 200)

    drawn = terminal.getvalue()
    assert drawn.count("\r") <= 101  # redrawn once per percent, not once per procedure
    assert drawn.endswith("\rĐang nhập [##############################] 200/200\n")
    assert pipe.getvalue() == ""
