"""Contract: the DongBoHoSoMC body has exactly the reference's fields, in the configured date format.

The field lists below are copied from the reference (integration.md, appendix "C. DongBoHoSoMC
current body"), not from motcua.dvcqg.fields, so that a field dropped there is caught here.
"""

import re

import pytest

from motcua.dvcqg import body as bodies
from motcua.dvcqg import fields

from .lives import returned

APPENDIX = {
    None: "MaHoSo, MaTTHC, TenTTHC, MaLinhVuc, TenLinhVuc, KenhThucHien, SoGiayToChuHoSo, ChuHoSo, "
    "LoaiDoiTuong, MaDoiTuong, ThongTinKhac, Email, Fax, SoDienThoai, TrichYeuHoSo, NgayTiepNhan, "
    "NgayHenTra, TrangThaiHoSo, NgayTra, ThongTinTra, HinhThuc, NgayKetThucXuLy, DonViXuLy, GhiChu, "
    "NoiNopHoSo, "
    "HoSoCoThanhPhanSoHoa, TaiKhoanDuocXacThucVoiVNeID, DuocThanhToanTrucTuyen, NgayTuChoi, DinhDanhCHS, "
    "NgayNopHoSo, DSKetNoiCSDL, TaiLieuNop, DanhSachLePhi, DanhSachGiayToKetQua, DanhSachHoSoBoSung, "
    "DanhSachTepDinhKemKhac",
    "DinhDanhCHS": "LoaiDinhDanh, SoDinhDanh",
    "DSKetNoiCSDL": "MaCSDL",
    "TaiLieuNop": "TepDinhKemId, TenTepDinhKem, IsDeleted, MaThanhPhanHoSo, DuongDanTaiTepTin, DuocSoHoa, "
    "DuocTaiSuDung, DuocLayTuKhoDMQG, MaKetQuaThayThe",
    "DanhSachLePhi": "TenPhiLePhi, MaPhiLePhi, HinhThucThu, Gia, LoaiPhiLePhi",
    "DanhSachGiayToKetQua": "TenGiayTo, MaThanhPhanHoSo, GiayToId, DuongDanTepTinKetQua, MaGiayToKetQua",
    "DanhSachHoSoBoSung": "HoSoBoSungId, NguoiYeuCauBoSung, NoiDungBoSung, NgayBoSung, NguoiTiepNhanBoSung, "
    "ThongTinTiepNhan, NgayTiepNhanBoSung, TrangThaiBoSung, DanhSachGiayToBoSung, DanhSachLePhiBoSung, "
    "NgayHenTraTruoc, NgayHenTraMoi",
    "DanhSachTepDinhKemKhac": "TenGiayTo, SoLuong, LoaiGiayTo",
}
PROGRESS = (
    "MaHoSo, NguoiXuLy, ChucDanh, ThoiDiemXuLy, PhongBanXuLy, NoiDungXuLy, TrangThai, NgayBatDau, "
    "NgayKetThucTheoQuyDinh"
)
FLAGS = ("KenhThucHien", "HoSoCoThanhPhanSoHoa", "TaiKhoanDuocXacThucVoiVNeID", "DuocThanhToanTrucTuyen")
LAYOUTS = {
    "yyyyMMddHHmmss": (r"^\d{14}$", "20250303084000"),
    "dd/MM/yyyy HH:mm:ss": (r"^\d\d/\d\d/\d{4} \d\d:\d\d:\d\d$", "03/03/2025 08:40:00"),
    "yyyy-MM-dd HH:mm:ss": (r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", "2025-03-03 08:40:00"),
}


def _names(text: str) -> set[str]:
    return {name.strip() for name in text.split(",")}


def test_the_declared_field_lists_are_the_reference_lists():
    assert set(fields.DOSSIER) == _names(APPENDIX[None])
    for name, text in APPENDIX.items():
        if name is not None:
            assert set(fields.ROWS[name]) == _names(text), name
    assert set(fields.PROGRESS) == _names(PROGRESS)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_returned_dossier_body_has_every_field_in_the_configured_date_format(world, settings, layout):
    settings.MOTCUA_DVCQG_DATE_FORMAT = layout
    dossier = returned(world)
    body = bodies.build(bodies.load(dossier.pk))

    assert set(body) == _names(APPENDIX[None])
    for name, text in APPENDIX.items():
        if name is not None:
            for row in body[name]:
                assert set(row) == _names(text), name
    assert fields.problems(body, date_format=layout) == []
    # Every list the dossier has data for is filled: files, fee, result, the supplement, the applicant's ID.
    for name in ("TaiLieuNop", "DanhSachLePhi", "DanhSachGiayToKetQua", "DanhSachHoSoBoSung", "DinhDanhCHS"):
        assert body[name], name
    pattern, submitted = LAYOUTS[layout]
    assert body["NgayNopHoSo"] == submitted
    for name in ("NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra"):
        assert re.match(pattern, body[name]), (name, body[name])
    assert body["TrangThaiHoSo"] == "10"
    assert all(body[f] in {"0", "1", "2", "3"} for f in FLAGS)
    assert body["KenhThucHien"] == "2"  # online
    assert body["HoSoCoThanhPhanSoHoa"] == "1"  # the mandatory component came as a file
    assert body["DuocThanhToanTrucTuyen"] == "0"  # no payment exists yet
    assert body["TaiKhoanDuocXacThucVoiVNeID"] == "0"
    assert body["DanhSachLePhi"][0]["Gia"] == 200_000
    assert body["DanhSachHoSoBoSung"][0]["TrangThaiBoSung"] == "1"
    assert body["DanhSachGiayToKetQua"][0]["DuongDanTepTinKetQua"].endswith(f"/ho-so/{dossier.code}/ket-qua/")


def test_progress_rows_have_the_reference_fields_one_per_hand_over(world):
    dossier = returned(world)
    rows = bodies.progress_rows(bodies.load(dossier.pk))
    # received, transferred to the signing step, resolved, returned
    assert [r["TrangThai"] for r in rows] == ["2", "4", "9", "10"]
    for row in rows:
        assert set(row) == _names(PROGRESS)
        assert fields.progress_problems(row) == []
    assert rows[1]["NgayBatDau"] == rows[0]["ThoiDiemXuLy"]
