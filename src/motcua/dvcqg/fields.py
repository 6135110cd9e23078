"""The field list of the national portal's `DongBoHoSoMC` and `CapNhatTienDoHoSoMC` bodies, as data.

From the reference's appendix "C. DongBoHoSoMC current body" (integration.md) and domain-vn.md
§6.1/§6.3. One declaration serves three doors: `body.build` emits exactly these keys, the sandbox
refuses a body that does not match them, and the contract tests read them. `problems()` is pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Kinds of value: "str" free text, "date" a moment in the endpoint's format or "", "flag" one of the
# listed codes, "list" a list of rows with their own fields.
DOSSIER: dict[str, str] = {
    "MaHoSo": "str",
    "MaTTHC": "str",
    "TenTTHC": "str",
    "MaLinhVuc": "str",
    "TenLinhVuc": "str",
    "KenhThucHien": "flag",
    "SoGiayToChuHoSo": "str",
    "ChuHoSo": "str",
    "LoaiDoiTuong": "flag",
    "MaDoiTuong": "str",
    "ThongTinKhac": "str",
    "Email": "str",
    "Fax": "str",
    "SoDienThoai": "str",
    "TrichYeuHoSo": "str",
    "NgayTiepNhan": "date",
    "NgayHenTra": "date",
    "TrangThaiHoSo": "flag",
    "NgayTra": "date",
    "ThongTinTra": "str",
    "HinhThuc": "flag",
    "NgayKetThucXuLy": "date",
    "DonViXuLy": "str",
    "GhiChu": "str",
    "NoiNopHoSo": "flag",
    "HoSoCoThanhPhanSoHoa": "flag",
    "TaiKhoanDuocXacThucVoiVNeID": "flag",
    "DuocThanhToanTrucTuyen": "flag",
    "NgayTuChoi": "date",
    "DinhDanhCHS": "list",
    "NgayNopHoSo": "date",
    "DSKetNoiCSDL": "list",
    "TaiLieuNop": "list",
    "DanhSachLePhi": "list",
    "DanhSachGiayToKetQua": "list",
    "DanhSachHoSoBoSung": "list",
    "DanhSachTepDinhKemKhac": "list",
}

ROWS: dict[str, dict[str, str]] = {
    "DinhDanhCHS": {"LoaiDinhDanh": "flag", "SoDinhDanh": "str"},
    "DSKetNoiCSDL": {"MaCSDL": "str"},
    "TaiLieuNop": {
        "TepDinhKemId": "str",
        "TenTepDinhKem": "str",
        "IsDeleted": "bool",
        "MaThanhPhanHoSo": "str",
        "DuongDanTaiTepTin": "str",
        "DuocSoHoa": "flag",
        "DuocTaiSuDung": "flag",
        "DuocLayTuKhoDMQG": "flag",
        "MaKetQuaThayThe": "str",
    },
    "DanhSachLePhi": {
        "TenPhiLePhi": "str",
        "MaPhiLePhi": "str",
        "HinhThucThu": "flag",
        "Gia": "int",
        "LoaiPhiLePhi": "flag",
    },
    "DanhSachGiayToKetQua": {
        "TenGiayTo": "str",
        "MaThanhPhanHoSo": "str",
        "GiayToId": "str",
        "DuongDanTepTinKetQua": "str",
        "MaGiayToKetQua": "str",
    },
    "DanhSachHoSoBoSung": {
        "HoSoBoSungId": "str",
        "NguoiYeuCauBoSung": "str",
        "NoiDungBoSung": "str",
        "NgayBoSung": "date",
        "NguoiTiepNhanBoSung": "str",
        "ThongTinTiepNhan": "str",
        "NgayTiepNhanBoSung": "date",
        "TrangThaiBoSung": "flag",
        "DanhSachGiayToBoSung": "str",
        "DanhSachLePhiBoSung": "str",
        "NgayHenTraTruoc": "date",
        "NgayHenTraMoi": "date",
    },
    "DanhSachTepDinhKemKhac": {"TenGiayTo": "str", "SoLuong": "int", "LoaiGiayTo": "str"},
}

PROGRESS: dict[str, str] = {
    "MaHoSo": "str",
    "NguoiXuLy": "str",
    "ChucDanh": "str",
    "ThoiDiemXuLy": "date",
    "PhongBanXuLy": "str",
    "NoiDungXuLy": "str",
    "TrangThai": "flag",
    "NgayBatDau": "date",
    "NgayKetThucTheoQuyDinh": "date",
}

# The codes a flag may take (integration.md C1, C6; domain-vn.md §6.3). Sent as strings.
FLAGS: dict[str, frozenset[str]] = {
    "KenhThucHien": frozenset({"1", "2", "3"}),
    "LoaiDoiTuong": frozenset({"1", "2"}),
    "TrangThaiHoSo": frozenset(str(n) for n in range(1, 11)),
    "TrangThai": frozenset(str(n) for n in range(1, 11)),
    "HinhThuc": frozenset({"0", "1"}),
    "NoiNopHoSo": frozenset({"1", "2"}),
    "HoSoCoThanhPhanSoHoa": frozenset({"0", "1"}),
    "TaiKhoanDuocXacThucVoiVNeID": frozenset({"0", "1"}),
    "DuocThanhToanTrucTuyen": frozenset({"0", "1", "2"}),
    "LoaiDinhDanh": frozenset({"1", "2"}),
    "DuocSoHoa": frozenset({"0", "1"}),
    "DuocTaiSuDung": frozenset({"0", "1", "2"}),
    "DuocLayTuKhoDMQG": frozenset({"0", "1"}),
    "HinhThucThu": frozenset({"1", "2", "4"}),
    "LoaiPhiLePhi": frozenset({"1", "2"}),
    "TrangThaiBoSung": frozenset({"0", "1"}),
}

# Fields that may never be empty.
REQUIRED = frozenset({"MaHoSo", "MaTTHC", "TenTTHC", "ChuHoSo", "NgayNopHoSo", "TrangThaiHoSo"})

# The three layouts seen at the national portal and the ministries' portals (integration.md C1).
DATE_PATTERNS: dict[str, re.Pattern[str]] = {
    "yyyyMMddHHmmss": re.compile(r"^\d{14}$"),
    "dd/MM/yyyy HH:mm:ss": re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}$"),
    "yyyy-MM-dd HH:mm:ss": re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$"),
}


def _value_problem(name: str, kind: str, value: Any, date_format: str) -> str | None:
    if kind == "str":
        return None if isinstance(value, str) else "phải là chuỗi ký tự"
    if kind == "int":
        return None if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else "phải là số"
    if kind == "bool":
        return None if isinstance(value, bool) else "phải là true/false"
    if kind == "date":
        if value == "":
            return None
        if isinstance(value, str) and DATE_PATTERNS[date_format].match(value):
            return None
        return f"phải là ngày giờ dạng {date_format}"
    if kind == "flag":
        allowed = FLAGS[name]
        return None if value in allowed else f"phải là một trong {', '.join(sorted(allowed, key=int))}"
    return None  # "list" rows are checked by the caller


def _field_path(path: str, name: str) -> str:
    # Not `.lstrip(".")` afterwards: a field's own name may begin with a dot.
    return f"{path}.{name}" if path else name


def _row_problems(path: str, row: Any, spec: Mapping[str, str], date_format: str) -> list[tuple[str, str]]:
    if not isinstance(row, Mapping):
        return [(path, "phải là một đối tượng")]
    found: list[tuple[str, str]] = []
    for name in sorted(set(row) - set(spec)):
        found.append((_field_path(path, name), "không có trong danh sách trường"))
    for name, kind in spec.items():
        if name not in row:
            found.append((_field_path(path, name), "thiếu trường"))
            continue
        problem = _value_problem(name, kind, row[name], date_format)
        if problem:
            found.append((_field_path(path, name), problem))
    return found


def problems(body: Any, *, date_format: str = "yyyyMMddHHmmss") -> list[tuple[str, str]]:
    """What is wrong with a `DongBoHoSoMC` body: (field path, Vietnamese reason); [] when it validates."""
    found = _row_problems("", body, DOSSIER, date_format)
    if not isinstance(body, Mapping):
        return found
    for name in REQUIRED:
        if name in body and body[name] in ("", None):
            found.append((name, "không được để trống"))
    for name, spec in ROWS.items():
        rows = body.get(name)
        if name not in body:
            continue
        if not isinstance(rows, list):
            found.append((name, "phải là một danh sách"))
            continue
        for index, row in enumerate(rows):
            found += _row_problems(f"{name}[{index}]", row, spec, date_format)
    return found


def progress_problems(row: Any, *, date_format: str = "yyyyMMddHHmmss") -> list[tuple[str, str]]:
    """What is wrong with one `CapNhatTienDoHoSoMC` row; [] when it validates."""
    found = _row_problems("", row, PROGRESS, date_format)
    if isinstance(row, Mapping) and not row.get("MaHoSo"):
        found.append(("MaHoSo", "không được để trống"))
    return found
