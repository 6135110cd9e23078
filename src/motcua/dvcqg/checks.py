"""Checks before sending: what the national portal would score wrongly or refuse, named by dossier and field.

Pure: they read the body (and the procedure's code), not the database. `fields.problems` checks the
shape every body must have; `rules` checks what the law and index 766 expect of this dossier's data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import fields

# States only a received dossier can be in (5 and 7 also happen before reception, 8 after either).
RECEIVED_STATES = frozenset({"2", "4", "6", "9", "10"})


@dataclass(frozen=True)
class Problem:
    field: str
    reason: str

    def text(self, code: str) -> str:
        return f"Hồ sơ {code}: trường {self.field} {self.reason}."


class InvalidBody(Exception):
    """The body would be refused or scored wrongly; the message names the dossier and the field."""

    def __init__(self, code: str, problems: list[Problem]) -> None:
        self.code = code
        self.problems = problems
        self.message = " ".join(p.text(code) for p in problems)
        super().__init__(self.message)


def rules(body: Mapping[str, Any], *, paper_result: bool) -> list[Problem]:
    """What this dossier's data must show before it is sent (integration.md C6.2, domain-vn.md §5)."""
    found: list[Problem] = []
    state = body.get("TrangThaiHoSo")
    if state == "10" and paper_result:
        links = [r for r in body.get("DanhSachGiayToKetQua") or [] if r.get("DuongDanTepTinKetQua")]
        if not links:
            found.append(
                Problem(
                    "DanhSachGiayToKetQua.DuongDanTepTinKetQua",
                    "trống: hồ sơ đã trả kết quả giấy nhưng chưa có đường dẫn tệp kết quả điện tử",
                )
            )
    if state in RECEIVED_STATES and not body.get("NgayTiepNhan"):
        found.append(Problem("NgayTiepNhan", "trống dù hồ sơ đã được tiếp nhận"))
    if state in RECEIVED_STATES and not body.get("NgayHenTra"):
        found.append(Problem("NgayHenTra", "trống dù hồ sơ đã được tiếp nhận"))
    if state == "3" and not body.get("NgayTuChoi"):
        found.append(Problem("NgayTuChoi", "trống dù hồ sơ không được tiếp nhận"))
    if state in {"9", "10"} and not body.get("NgayKetThucXuLy"):
        found.append(Problem("NgayKetThucXuLy", "trống dù hồ sơ đã xử lý xong"))
    if state == "10" and not body.get("NgayTra"):
        found.append(Problem("NgayTra", "trống dù hồ sơ đã trả kết quả"))
    return found


def check(body: Mapping[str, Any], *, date_format: str, paper_result: bool) -> None:
    """Raise InvalidBody when the body's shape or its data is wrong."""
    found = [Problem(path, reason) for path, reason in fields.problems(body, date_format=date_format)]
    found += rules(body, paper_result=paper_result)
    if found:
        raise InvalidBody(str(body.get("MaHoSo", "")), found)
