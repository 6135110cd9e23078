"""The placeholder language of result templates: `{{ ten_truong }}`, nothing else. Pure.

Administrators write a result's summary, body and recipients without code. A template can only name
a field of the dossier's data listed in `FIELDS` (or `tk.<key>`, a field of the application form);
there are no tags, no filters, no attribute access: nothing in a template can reach beyond the values
handed to it, whoever wrote it. An unknown field is refused when the template is saved.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
NAME = re.compile(r"^(?:[a-z][a-z0-9_]{0,40}|tk\.[A-Za-z0-9_]{1,60})$")

# The dossier's fields a template may name, with what each is (shown in the admin beside the form).
FIELDS: dict[str, str] = {
    "ma_ho_so": "Mã hồ sơ",
    "ten_thu_tuc": "Tên thủ tục",
    "ma_thu_tuc": "Mã thủ tục",
    "ho_ten": "Họ và tên người nộp (tổ chức, cá nhân)",
    "dia_chi": "Địa chỉ người nộp",
    "so_giay_to": "Số định danh, giấy tờ của người nộp",
    "ngay_tiep_nhan": "Ngày tiếp nhận (dd/mm/yyyy)",
    "ngay_hen_tra": "Ngày hẹn trả (dd/mm/yyyy)",
    "ket_qua": "Ý kiến phê duyệt của lãnh đạo",
    "co_quan": "Tên cơ quan ban hành",
    "dia_danh": "Địa danh",
}


class TemplateError(ValueError):
    """A template names something it may not; the message says what, in Vietnamese."""


@dataclass(frozen=True)
class Problem:
    name: str
    message: str


def names_in(text: str) -> list[str]:
    return [m.group(1) for m in PLACEHOLDER.finditer(text)]


def problems(text: str, form_keys: frozenset[str] | None = None) -> list[Problem]:
    """What is wrong with a template: unknown fields, malformed placeholders."""
    found = []
    for name in names_in(text):
        if not NAME.match(name):
            found.append(Problem(name, f"“{{{{ {name} }}}}” không phải tên trường hợp lệ."))
        elif name.startswith("tk."):
            if form_keys is not None and name[3:] not in form_keys:
                found.append(Problem(name, f"Tờ khai của thủ tục không có trường “{name[3:]}”."))
        elif name not in FIELDS:
            found.append(Problem(name, f"Không có trường dữ liệu “{name}”."))
    stray = PLACEHOLDER.sub("", text)
    if "{{" in stray or "}}" in stray:
        found.append(Problem("", "Có dấu {{ hoặc }} không khép kín."))
    return found


def check(text: str, form_keys: frozenset[str] | None = None) -> None:
    found = problems(text, form_keys)
    if found:
        raise TemplateError(" ".join(p.message for p in found))


def render(text: str, values: Mapping[str, str], form: Mapping[str, object] | None = None) -> str:
    """Fill the placeholders with plain text (escaping is the page's job); a missing value is blank."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("tk."):
            value = (form or {}).get(name[3:], "")
            return "" if value is None else str(value)
        return str(values.get(name, ""))

    return PLACEHOLDER.sub(fill, text)
