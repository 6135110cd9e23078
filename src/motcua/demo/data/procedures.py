# ruff: noqa: E501  (long Vietnamese prose: the legal wording is kept in one piece per line group)
"""Procedure catalogue of the demo province (Quảng Trị), as plain data.

Each entry of ``PROCEDURES`` is what ``motcua.demo.catalogue.load_catalogue`` publishes with
``motcua.catalog.services.publish_procedure_version``: level-1 information (legal basis, sequence,
documents, time limit, fees …), the internal workflow whose step allotments add up to the time limit,
and the JSON Schema (draft 2020-12) of the electronic application form.

About accuracy (read before reusing this data outside the demo):

* Names, documents, conditions, time limits and nationally fixed fees follow the legal texts cited in
  each entry, as understood at the time of writing. National procedure codes marked ``# mã: kiểm tra``
  are plausible but not verified against the national TTHC database.
* Fees marked ``# mức thu: HĐND tỉnh`` are set by the provincial People's Council (Thông tư
  85/2019/TT-BTC): the amounts here are illustrative.
* Commune-level procedures are received by every commune/ward (Decree 118/2025 allows filing regardless
  of administrative boundary). The catalogue model has one competent agency per procedure, so they name
  Phường Đồng Hới; their workflow steps run at the receiving commune (agency ``None``).
* Since 1 March 2025 the Ministry of Public Security runs judicial records and Phiếu lý lịch tư pháp is
  issued by the provincial police (Công an tỉnh, national code 3.000333): the demo's judicial record
  procedure sits with Công an tỉnh Quảng Trị and its Phòng Hồ sơ nghiệp vụ. The amended Law on
  Judicial Records (in force 1 July 2026) keeps the police as the issuing authority.
* Building permits follow the Law on Construction 2014 (amended 2020) and Decree 175/2024 (15 days for
  individual houses, 20 days for other works). A transcription of Decree 217/2026/NĐ-CP (in force
  1 July 2026, under the Law on Construction 2025), not verified here, gives 7 and 10 working days.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .agencies import (
    COMMUNES,
    CONG_AN_TINH,
    PHUONG_DONG_HOI,
    SERVICE_CENTER,
    SO_CONG_THUONG,
    SO_GIAO_DUC,
    SO_NOI_VU,
    SO_NONG_NGHIEP_MOI_TRUONG,
    SO_TAI_CHINH,
    SO_TU_PHAP,
    SO_VAN_HOA,
    SO_XAY_DUNG,
    SO_Y_TE,
)

DAY = "day"
HOUR = "hour"
CUT_OFF_15H = dt.time(15, 0)

# Receiving agencies of commune-level procedures, and the agency named as competent for them.
COMMUNE_LEVEL = PHUONG_DONG_HOI

SECTORS: list[dict[str, str]] = [
    {"code": "LLTP", "name": "Lý lịch tư pháp"},
    {"code": "CC", "name": "Công chứng"},
    {"code": "HT", "name": "Hộ tịch"},
    {"code": "CT", "name": "Chứng thực"},
    {"code": "HKD", "name": "Thành lập và hoạt động của hộ kinh doanh"},
    {"code": "DKDN", "name": "Thành lập và hoạt động doanh nghiệp"},
    {"code": "XD", "name": "Hoạt động xây dựng"},
    {"code": "KCB", "name": "Khám bệnh, chữa bệnh"},
    {"code": "DUOC", "name": "Dược phẩm"},
    {"code": "DD", "name": "Đất đai"},
    {"code": "LD", "name": "Lao động"},
    {"code": "VBCC", "name": "Hệ thống văn bằng, chứng chỉ"},
    {"code": "DL", "name": "Du lịch"},
    {"code": "ATTP", "name": "An toàn thực phẩm"},
    {"code": "LTHH", "name": "Lưu thông hàng hóa trong nước"},
]


# --- building blocks of the application forms (JSON Schema draft 2020-12) -------------------------


def _form(title: str, properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    missing = [name for name in required if name not in properties]
    if missing:  # a typo here would make the form impossible to submit
        raise ValueError(f"{title}: required fields without a property: {missing}")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "title": title,
        "properties": properties,
        "required": required,
    }


def _text(title: str, *, max_length: int = 255, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "title": title, "minLength": 1, "maxLength": max_length, **extra}


def _long_text(title: str) -> dict[str, Any]:
    return _text(title, max_length=2000)


def _date(title: str) -> dict[str, Any]:
    return {"type": "string", "format": "date", "title": title}


def _int(title: str, minimum: int, maximum: int, **extra: Any) -> dict[str, Any]:
    return {"type": "integer", "title": title, "minimum": minimum, "maximum": maximum, **extra}


def _enum(title: str, values: list[str]) -> dict[str, Any]:
    return {"type": "string", "title": title, "enum": values}


def _bool(title: str) -> dict[str, Any]:
    return {"type": "boolean", "title": title, "default": False}


def _id_number(title: str = "Số định danh cá nhân") -> dict[str, Any]:
    return {"type": "string", "title": title, "pattern": r"^\d{12}$"}


def _phone(title: str = "Số điện thoại") -> dict[str, Any]:
    return {"type": "string", "title": title, "format": "vn-phone"}


def _email(title: str = "Thư điện tử") -> dict[str, Any]:
    return {"type": "string", "title": title, "format": "email"}


def _area(title: str) -> dict[str, Any]:
    return {"type": "number", "title": title, "minimum": 0}


def _tax_code(title: str = "Mã số doanh nghiệp") -> dict[str, Any]:
    return {"type": "string", "title": title, "pattern": r"^\d{10}(-\d{3})?$"}


GENDERS = ["Nam", "Nữ"]
DELIVERY = ["Nhận trực tiếp", "Qua dịch vụ bưu chính công ích", "Bản điện tử"]


# --- building blocks of the internal workflows ------------------------------------------------------


def _step(
    name: str,
    role: str,
    time: int,
    unit: str = HOUR,
    *,
    agency: str | None = None,
    agency_unit: str | None = None,
) -> dict[str, Any]:
    """One workflow step; ``agency=None`` means the agency that received the dossier."""
    return {
        "name": name,
        "agency": agency,
        "unit": agency_unit,
        "role": role,
        "allotted_time": time,
        "allotted_unit": unit,
    }


def _intake(hours: int, where: str = "Trung tâm Phục vụ hành chính công") -> dict[str, Any]:
    return _step(f"Tiếp nhận, kiểm tra hồ sơ tại {where} và chuyển xử lý", "intake", hours)


def _return(hours: int) -> dict[str, Any]:
    return _step("Trả kết quả cho tổ chức, cá nhân", "intake", hours)


def _doc(
    name: str,
    copy_type: str = "original",
    *,
    count: int = 1,
    mandatory: bool = True,
    form: str = "",
) -> dict[str, Any]:
    return {
        "name": name,
        "copy_type": copy_type,
        "count": count,
        "is_mandatory": mandatory,
        "blank_form_name": form,
    }


def _fee(name: str, amount: int, note: str = "", *, standard: bool = True) -> dict[str, Any]:
    return {"name": name, "amount": amount, "note": note, "standard": standard}


LLTP_REDUCED = (
    "Phí cung cấp thông tin lý lịch tư pháp (sinh viên, người có công với cách mạng, thân nhân liệt sĩ)"
)
TT_04_2020 = "Thông tư số 04/2020/TT-BTP"
HO_TICH_LEGAL = (
    "Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định "
    "chi tiết một số điều và biện pháp thi hành Luật Hộ tịch; Nghị định số 87/2020/NĐ-CP ngày 28/7/2020 "
    "của Chính phủ quy định về Cơ sở dữ liệu hộ tịch điện tử, đăng ký hộ tịch trực tuyến; Thông tư số "
    "04/2020/TT-BTP ngày 28/5/2020 của Bộ trưởng Bộ Tư pháp (được sửa đổi, bổ sung bởi Thông tư số "
    "03/2023/TT-BTP); Thông tư số 85/2019/TT-BTC ngày 29/11/2019 của Bộ Tài chính hướng dẫn về phí và "
    "lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh."
)
HO_TICH_SUBMIT = (
    "Nộp trực tuyến trên Cổng Dịch vụ công quốc gia; nộp trực tiếp tại Trung tâm Phục vụ hành chính công "
    "xã, phường bất kỳ trong tỉnh; hoặc gửi qua dịch vụ bưu chính công ích."
)
SAME_DAY_RULE = (
    "Giải quyết ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết "
    "được ngay thì trả kết quả trong ngày làm việc tiếp theo."
)
CHUNG_THUC_LEGAL = (
    "Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ về cấp bản sao từ sổ gốc, chứng thực bản "
    "sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch; Thông tư số 01/2020/TT-BTP "
    "ngày 03/3/2020 của Bộ trưởng Bộ Tư pháp; Thông tư số 226/2016/TT-BTC ngày 11/11/2016 của Bộ Tài "
    "chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực."
)
HKD_LEGAL = (
    "Luật Doanh nghiệp số 59/2020/QH14 (được sửa đổi, bổ sung năm 2025); Nghị định số 168/2025/NĐ-CP "
    "của Chính phủ về đăng ký doanh nghiệp; Thông tư số 68/2025/TT-BTC của Bộ trưởng Bộ Tài chính ban "
    "hành biểu mẫu sử dụng trong đăng ký doanh nghiệp, đăng ký hộ kinh doanh; Thông tư số "
    "85/2019/TT-BTC ngày 29/11/2019 của Bộ Tài chính."
)
XAY_DUNG_LEGAL = (
    "Luật Xây dựng số 50/2014/QH13 (được sửa đổi, bổ sung bởi Luật số 62/2020/QH14); Nghị định số "
    "175/2024/NĐ-CP ngày 30/12/2024 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành "
    "Luật Xây dựng về quản lý hoạt động xây dựng; Thông tư số 85/2019/TT-BTC ngày 29/11/2019 của Bộ Tài "
    "chính."
)
DAT_DAI_LEGAL = (
    "Luật Đất đai số 31/2024/QH15; Nghị định số 101/2024/NĐ-CP ngày 29/7/2024 của Chính phủ quy định về "
    "điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn "
    "liền với đất và Hệ thống thông tin đất đai; Nghị định số 151/2025/NĐ-CP của Chính phủ quy định về "
    "phân định thẩm quyền của chính quyền địa phương 02 cấp, phân quyền, phân cấp trong lĩnh vực đất đai; "
    "Thông tư số 85/2019/TT-BTC ngày 29/11/2019 của Bộ Tài chính."
)


def _business_contact() -> dict[str, Any]:
    """Who the applicant enterprise is: fields shared by the forms of business procedures."""
    return {
        "ten_doanh_nghiep": _text("Tên doanh nghiệp"),
        "ma_so_doanh_nghiep": _tax_code(),
        "dia_chi_tru_so": _text("Địa chỉ trụ sở chính"),
        "nguoi_dai_dien": _text("Họ và tên người đại diện theo pháp luật"),
        "so_dien_thoai": _phone(),
        "email": _email(),
    }


# === Tư pháp: lý lịch tư pháp, công chứng ==========================================================

JUSTICE_DEPARTMENT: list[dict[str, Any]] = [
    {
        "code": "3.000333",
        "sector": "LLTP",
        "name": "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
        "competent_agency": CONG_AN_TINH,
        "receiving_agencies": [SERVICE_CENTER],
        "processing_time": 10,
        "processing_time_unit": DAY,
        "online_level": "end_to_end",
        "legacy_level": 4,
        "applicant_kinds": "Công dân Việt Nam; người nước ngoài đã hoặc đang cư trú tại Việt Nam",
        "how_to_submit": (
            "Nộp trực tuyến trên Cổng Dịch vụ công quốc gia hoặc ứng dụng định danh quốc gia VNeID; nộp "
            "trực tiếp tại Trung tâm Phục vụ hành chính công tỉnh (Quầy số 1); hoặc gửi qua dịch vụ bưu "
            "chính công ích. Kết quả được trả trực tiếp, qua bưu chính hoặc dưới dạng bản điện tử."
        ),
        "steps": (
            "Bước 1: Người yêu cầu nộp Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp và giấy tờ kèm theo. Cán "
            "bộ tiếp nhận kiểm tra hồ sơ; hồ sơ đầy đủ thì cấp Giấy tiếp nhận hồ sơ và hẹn trả kết quả, "
            "chưa đầy đủ thì hướng dẫn bổ sung một lần.\n"
            "Bước 2: Công an tỉnh (Phòng Hồ sơ nghiệp vụ) tra cứu thông tin lý lịch tư pháp trong Cơ sở dữ "
            "liệu lý lịch tư pháp; trường hợp cần thiết thì phối hợp xác minh với Tòa án, Viện kiểm sát và "
            "các cơ quan liên quan.\n"
            "Bước 3: Lãnh đạo Công an tỉnh ký Phiếu lý lịch tư pháp.\n"
            "Bước 4: Trả kết quả tại nơi nộp hồ sơ, qua dịch vụ bưu chính công ích hoặc bản điện tử."
        ),
        "conditions": (
            "Từ ngày 01/3/2025, Phiếu lý lịch tư pháp do Công an cấp tỉnh cấp (trước đây là Sở Tư pháp). "
            "Phiếu lý lịch tư pháp số 2 chỉ cấp cho chính người được cấp Phiếu hoặc cơ quan tiến hành tố "
            "tụng; người yêu cầu cấp Phiếu số 2 không được ủy quyền cho người khác làm thủ tục. Người yêu "
            "cầu cấp Phiếu số 1 có thể ủy quyền bằng văn bản; trường hợp người được ủy quyền là cha, mẹ, "
            "vợ, chồng, con của người ủy quyền thì không cần văn bản ủy quyền. Thời hạn giải quyết không "
            "quá 10 ngày; không quá 15 ngày đối với người nước ngoài, công dân Việt Nam đã cư trú ở nhiều "
            "nơi hoặc có thời gian cư trú ở nước ngoài, hoặc trường hợp phải xác minh về điều kiện đương "
            "nhiên được xóa án tích."
        ),
        "result_description": "Phiếu lý lịch tư pháp số 1 hoặc Phiếu lý lịch tư pháp số 2 (bản giấy hoặc bản điện tử).",
        "legal_basis": (
            "Luật Lý lịch tư pháp số 28/2009/QH12; Nghị định số 111/2010/NĐ-CP ngày 23/11/2010 của Chính "
            "phủ quy định chi tiết và hướng dẫn thi hành một số điều của Luật Lý lịch tư pháp; Thông tư số "
            "13/2011/TT-BTP và Thông tư số 16/2013/TT-BTP của Bộ trưởng Bộ Tư pháp (được sửa đổi, bổ sung "
            "bởi Thông tư số 06/2024/TT-BTP); Thông tư số 244/2016/TT-BTC ngày 11/11/2016 của Bộ Tài chính "
            "quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin lý lịch tư pháp."
        ),
        "fee_description": (
            "200.000 đồng/lần/người; 100.000 đồng/lần/người đối với sinh viên, người có công với cách "
            "mạng, thân nhân liệt sĩ; yêu cầu cấp trên 02 Phiếu trong một lần thì từ Phiếu thứ 3 trở đi "
            "thu thêm 5.000 đồng/Phiếu. Miễn phí đối với trẻ em, người cao tuổi, người khuyết tật, người "
            "thuộc hộ nghèo, người cư trú tại xã đặc biệt khó khăn, đồng bào dân tộc thiểu số ở xã có điều "
            "kiện kinh tế - xã hội đặc biệt khó khăn."
        ),
        "required_documents": [
            _doc(
                "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (trường hợp ủy quyền sử dụng Mẫu số "
                "04/2013/TT-LLTP)",
                form="Mẫu số 03/2013/TT-LLTP",
            ),
            _doc(
                "Bản chụp Thẻ căn cước, Thẻ căn cước công dân hoặc Hộ chiếu còn giá trị sử dụng của người "
                "được cấp Phiếu (không phải nộp nếu thông tin đã được khai thác từ Cơ sở dữ liệu quốc gia "
                "về dân cư)",
                "copy",
                mandatory=False,
            ),
            _doc(
                "Văn bản ủy quyền (trường hợp ủy quyền yêu cầu cấp Phiếu số 1, trừ trường hợp người được "
                "ủy quyền là cha, mẹ, vợ, chồng, con của người ủy quyền)",
                "original_or_certified",
                mandatory=False,
            ),
            _doc("Giấy tờ chứng minh thuộc đối tượng được miễn, giảm phí (nếu có)", "copy", mandatory=False),
        ],
        "fees": [
            _fee("Phí cung cấp thông tin lý lịch tư pháp", 200_000, "đồng/lần/người"),
            _fee(
                LLTP_REDUCED,
                100_000,
                "đồng/lần/người",
                standard=False,
            ),
            _fee(
                "Phí cấp thêm Phiếu lý lịch tư pháp từ Phiếu thứ 3 trở đi",
                5_000,
                "đồng/Phiếu",
                standard=False,
            ),
        ],
        "fee_exemptions": [
            {
                "description": "Sinh viên, người có công với cách mạng, thân nhân liệt sĩ",
                "reduced_fee": LLTP_REDUCED,
            },
            {
                "description": (
                    "Trẻ em, người cao tuổi, người khuyết tật, người thuộc hộ nghèo, người cư trú tại xã đặc "
                    "biệt khó khăn, đồng bào dân tộc thiểu số ở xã có điều kiện kinh tế - xã hội đặc biệt khó "
                    "khăn"
                ),
                "reduced_fee": None,
            },
        ],
        "workflow": [
            _intake(4),
            _step(
                "Tra cứu, xác minh thông tin lý lịch tư pháp và dự thảo Phiếu",
                "specialist",
                7,
                DAY,
                agency=CONG_AN_TINH,
                agency_unit="PV06",
            ),
            _step(
                "Trưởng phòng Hồ sơ nghiệp vụ kiểm tra, trình ký",
                "leader",
                1,
                DAY,
                agency=CONG_AN_TINH,
                agency_unit="PV06",
            ),
            _step("Lãnh đạo Công an tỉnh ký Phiếu lý lịch tư pháp", "leader", 1, DAY, agency=CONG_AN_TINH),
            _step(
                "Vào sổ, đóng dấu, chuyển kết quả về Trung tâm Phục vụ hành chính công",
                "clerk",
                4,
                agency=CONG_AN_TINH,
                agency_unit="TM",
            ),
        ],
        "form_schema": _form(
            "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
            {
                "ho_ten": _text("Họ và tên"),
                "gioi_tinh": _enum("Giới tính", GENDERS),
                "ngay_sinh": _date("Ngày, tháng, năm sinh"),
                "noi_sinh": _text("Nơi sinh"),
                "quoc_tich": _text("Quốc tịch", default="Việt Nam"),
                "so_dinh_danh": _id_number(),
                "noi_thuong_tru": _text("Nơi thường trú"),
                "noi_tam_tru": _text("Nơi tạm trú"),
                "so_dien_thoai": _phone(),
                "email": _email(),
                "ho_ten_cha": _text("Họ và tên cha"),
                "ho_ten_me": _text("Họ và tên mẹ"),
                "ho_ten_vo_chong": _text("Họ và tên vợ/chồng"),
                "loai_phieu": _enum("Loại Phiếu yêu cầu cấp", ["Phiếu số 1", "Phiếu số 2"]),
                "muc_dich_su_dung": _text("Mục đích sử dụng Phiếu lý lịch tư pháp"),
                "so_luong_phieu": _int("Số lượng Phiếu yêu cầu cấp", 1, 10, default=1),
                "xac_nhan_cam_dam_nhiem_chuc_vu": _bool(
                    "Yêu cầu xác nhận về việc có bị cấm đảm nhiệm chức vụ, thành lập, quản lý doanh "
                    "nghiệp, hợp tác xã (chỉ áp dụng với Phiếu số 1)"
                ),
                "hinh_thuc_nhan_ket_qua": _enum("Hình thức nhận kết quả", DELIVERY),
            },
            [
                "ho_ten",
                "gioi_tinh",
                "ngay_sinh",
                "noi_sinh",
                "so_dinh_danh",
                "noi_thuong_tru",
                "loai_phieu",
                "muc_dich_su_dung",
                "so_luong_phieu",
            ],
        ),
    },
    {
        "code": "1.001756",  # mã: kiểm tra
        "sector": "CC",
        "name": "Đăng ký hoạt động Văn phòng công chứng",
        "competent_agency": SO_TU_PHAP,
        "receiving_agencies": [SERVICE_CENTER],
        "processing_time": 10,
        "processing_time_unit": DAY,
        "online_level": "partial",
        "legacy_level": 3,
        "applicant_kinds": "Văn phòng công chứng đã có quyết định cho phép thành lập của UBND tỉnh",
        "how_to_submit": (
            "Nộp trực tiếp tại Trung tâm Phục vụ hành chính công tỉnh (Quầy số 1), gửi qua dịch vụ bưu "
            "chính công ích hoặc nộp trực tuyến trên Cổng Dịch vụ công quốc gia."
        ),
        "steps": (
            "Bước 1: Văn phòng công chứng nộp hồ sơ đăng ký hoạt động tại Sở Tư pháp (qua Trung tâm Phục "
            "vụ hành chính công tỉnh).\n"
            "Bước 2: Sở Tư pháp thẩm định hồ sơ, kiểm tra điều kiện về trụ sở và công chứng viên.\n"
            "Bước 3: Giám đốc Sở Tư pháp cấp Giấy đăng ký hoạt động; trường hợp từ chối thì thông báo bằng "
            "văn bản và nêu rõ lý do.\n"
            "Bước 4: Trả kết quả cho Văn phòng công chứng."
        ),
        "conditions": (
            "Văn phòng công chứng phải đăng ký hoạt động trong thời hạn 90 ngày kể từ ngày quyết định cho "
            "phép thành lập có hiệu lực; có trụ sở đáp ứng điều kiện theo quy định; công chứng viên hợp "
            "danh hoặc chủ sở hữu đáp ứng điều kiện hành nghề công chứng."
        ),
        "result_description": "Giấy đăng ký hoạt động của Văn phòng công chứng.",
        "legal_basis": (
            "Luật Công chứng số 46/2024/QH15; Nghị định số 104/2025/NĐ-CP của Chính phủ quy định chi tiết "
            "một số điều và biện pháp thi hành Luật Công chứng; Thông tư số 257/2016/TT-BTC ngày "
            "11/11/2016 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí công "
            "chứng; phí thẩm định tiêu chuẩn, điều kiện hành nghề công chứng; phí thẩm định điều kiện hoạt "
            "động Văn phòng công chứng; lệ phí cấp thẻ công chứng viên."
        ),
        "required_documents": [
            _doc("Đơn đề nghị đăng ký hoạt động Văn phòng công chứng"),
            _doc(
                "Hợp đồng hợp danh (đối với Văn phòng công chứng do hai công chứng viên trở lên thành lập)",
                "original_or_certified",
                mandatory=False,
            ),
            _doc("Quyết định cho phép thành lập Văn phòng công chứng của UBND tỉnh", "copy"),
            _doc("Giấy tờ chứng minh về trụ sở của Văn phòng công chứng", "copy"),
            _doc(
                "Hồ sơ đăng ký hành nghề của công chứng viên hợp danh hoặc công chứng viên là chủ sở hữu",
                "original_or_certified",
            ),
        ],
        "fees": [
            _fee("Phí thẩm định điều kiện hoạt động Văn phòng công chứng", 1_000_000, "đồng/hồ sơ"),
        ],
        "workflow": [
            _intake(4),
            _step(
                "Thẩm định hồ sơ, kiểm tra trụ sở và dự thảo Giấy đăng ký hoạt động",
                "specialist",
                6,
                DAY,
                agency=SO_TU_PHAP,
                agency_unit="BTTP",
            ),
            _step(
                "Trưởng phòng Bổ trợ tư pháp kiểm tra, trình ký",
                "leader",
                1,
                DAY,
                agency=SO_TU_PHAP,
                agency_unit="BTTP",
            ),
            _step("Giám đốc Sở Tư pháp ký Giấy đăng ký hoạt động", "leader", 2, DAY, agency=SO_TU_PHAP),
            _step(
                "Vào sổ, đóng dấu, chuyển kết quả về Trung tâm Phục vụ hành chính công",
                "clerk",
                4,
                agency=SO_TU_PHAP,
                agency_unit="VP",
            ),
        ],
        "form_schema": _form(
            "Đơn đề nghị đăng ký hoạt động Văn phòng công chứng",
            {
                "ten_van_phong": _text("Tên Văn phòng công chứng"),
                "so_quyet_dinh_thanh_lap": _text("Số quyết định cho phép thành lập"),
                "ngay_quyet_dinh_thanh_lap": _date("Ngày ký quyết định cho phép thành lập"),
                "dia_chi_tru_so": _text("Địa chỉ trụ sở"),
                "so_dien_thoai": _phone(),
                "email": _email(),
                "loai_hinh": _enum("Loại hình", ["Công ty hợp danh", "Doanh nghiệp tư nhân"]),
                "truong_van_phong": _text("Họ và tên Trưởng Văn phòng công chứng"),
                "so_the_cong_chung_vien": _text("Số thẻ công chứng viên của Trưởng Văn phòng"),
                "so_cong_chung_vien": _int("Số lượng công chứng viên", 1, 50),
            },
            [
                "ten_van_phong",
                "so_quyet_dinh_thanh_lap",
                "ngay_quyet_dinh_thanh_lap",
                "dia_chi_tru_so",
                "so_dien_thoai",
                "loai_hinh",
                "truong_van_phong",
                "so_cong_chung_vien",
            ],
        ),
    },
]


# === Hộ tịch (UBND cấp xã) ==========================================================================

COMMUNE_INTAKE = "Trung tâm Phục vụ hành chính công xã, phường"
TU_PHAP_HO_TICH = "Công chức Tư pháp - Hộ tịch"
CHU_TICH_XA = "Chủ tịch hoặc Phó Chủ tịch UBND xã, phường"
DECLARANT_RELATIONS = ["Cha", "Mẹ", "Ông", "Bà", "Người thân thích khác", "Cá nhân, tổ chức đang nuôi dưỡng"]


def _same_day_workflow(check: str, sign: str) -> list[dict[str, Any]]:
    """Eight working hours: the 'ngay trong ngày' civil-status procedures."""
    return [
        _intake(1, COMMUNE_INTAKE),
        _step(check, "specialist", 4),
        _step(sign, "leader", 2),
        _return(1),
    ]


def _days_workflow(days: int, check: str, sign: str) -> list[dict[str, Any]]:
    """A commune workflow of ``days`` working days: 2 h intake, the rest split check / sign / return."""
    total = days * 8
    sign_hours = 8 if days >= 5 else 6
    return [
        _intake(2, COMMUNE_INTAKE),
        _step(check, "specialist", total - 2 - sign_hours - 2),
        _step(sign, "leader", sign_hours),
        _return(2),
    ]


CIVIL_STATUS: list[dict[str, Any]] = [
    {
        "code": "1.001193",
        "sector": "HT",
        "name": "Đăng ký khai sinh",
        "competent_agency": COMMUNE_LEVEL,
        "receiving_agencies": COMMUNES,
        "processing_time": 1,
        "processing_time_unit": DAY,
        "cut_off_time": CUT_OFF_15H,
        "online_level": "end_to_end",
        "legacy_level": 4,
        "applicant_kinds": (
            "Cha, mẹ của trẻ em; ông, bà hoặc người thân thích khác; cá nhân, tổ chức đang nuôi dưỡng trẻ em"
        ),
        "how_to_submit": (
            HO_TICH_SUBMIT + " Khi nộp trực tuyến có thể đồng thời yêu cầu liên thông đăng ký khai sinh - "
            "đăng ký thường trú - cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi."
        ),
        "steps": (
            "Bước 1: Người đi đăng ký khai sinh nộp tờ khai và giấy tờ theo quy định; xuất trình giấy tờ tùy "
            "thân khi nộp trực tiếp hoặc xác thực bằng tài khoản định danh điện tử khi nộp trực tuyến.\n"
            "Bước 2: Công chức Tư pháp - Hộ tịch kiểm tra; nếu thông tin khai sinh đầy đủ, phù hợp thì ghi "
            "vào Sổ đăng ký khai sinh, cập nhật Cơ sở dữ liệu hộ tịch điện tử và lấy số định danh cá nhân "
            "cho trẻ em.\n"
            "Bước 3: Chủ tịch hoặc Phó Chủ tịch UBND xã, phường ký Giấy khai sinh.\n"
            "Bước 4: Trả Giấy khai sinh; người đi đăng ký kiểm tra nội dung và ký vào Sổ đăng ký khai sinh."
        ),
        "conditions": (
            "Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho "
            "con; trường hợp cha, mẹ không thể đăng ký khai sinh thì ông hoặc bà hoặc người thân thích "
            "khác, cá nhân, tổ chức đang nuôi dưỡng trẻ em có trách nhiệm đăng ký khai sinh. " + SAME_DAY_RULE
        ),
        "result_description": (
            "Giấy khai sinh (bản chính) và bản sao Giấy khai sinh nếu có yêu cầu; trẻ em được cấp số định "
            "danh cá nhân."
        ),
        "legal_basis": HO_TICH_LEGAL,
        "fee_description": (
            "Miễn lệ phí đối với đăng ký khai sinh đúng hạn (Điều 11 Luật Hộ tịch); các trường hợp khác thu "
            "theo Nghị quyết của HĐND tỉnh."
        ),
        "required_documents": [
            _doc("Tờ khai đăng ký khai sinh", form=f"Tờ khai đăng ký khai sinh ({TT_04_2020})"),
            _doc(
                "Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng "
                "xác nhận về việc sinh, nếu không có người làm chứng thì nộp giấy cam đoan về việc sinh",
            ),
            _doc("Biên bản xác nhận việc trẻ bị bỏ rơi (đối với trẻ em bị bỏ rơi)", mandatory=False),
            _doc(
                "Văn bản ủy quyền (trường hợp ủy quyền; không phải chứng thực nếu người được ủy quyền là "
                "ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột của người ủy quyền)",
                "original_or_certified",
                mandatory=False,
            ),
        ],
        "fees": [],
        "workflow": _same_day_workflow(
            f"{TU_PHAP_HO_TICH} kiểm tra, ghi Sổ đăng ký khai sinh, cập nhật Cơ sở dữ liệu hộ tịch",
            f"{CHU_TICH_XA} ký Giấy khai sinh",
        ),
        "form_schema": _form(
            "Tờ khai đăng ký khai sinh",
            {
                "ho_ten_tre": _text("Họ, chữ đệm, tên của trẻ"),
                "gioi_tinh": _enum("Giới tính", GENDERS),
                "ngay_sinh": _date("Ngày, tháng, năm sinh"),
                "noi_sinh": _text("Nơi sinh"),
                "dan_toc": _text("Dân tộc", default="Kinh"),
                "quoc_tich": _text("Quốc tịch", default="Việt Nam"),
                "que_quan": _text("Quê quán"),
                "ho_ten_me": _text("Họ, chữ đệm, tên của mẹ"),
                "so_dinh_danh_me": _id_number("Số định danh cá nhân của mẹ"),
                "ho_ten_cha": _text("Họ, chữ đệm, tên của cha"),
                "so_dinh_danh_cha": _id_number("Số định danh cá nhân của cha"),
                "ho_ten_nguoi_di_dang_ky": _text("Họ, chữ đệm, tên người đi đăng ký"),
                "so_dinh_danh_nguoi_di_dang_ky": _id_number("Số định danh cá nhân của người đi đăng ký"),
                "quan_he_voi_tre": _enum("Quan hệ với người được đăng ký khai sinh", DECLARANT_RELATIONS),
                "so_ban_sao": _int("Số bản sao Giấy khai sinh đề nghị cấp", 0, 10, default=0),
                "lien_thong_thuong_tru_bhyt": _bool(
                    "Đề nghị liên thông đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ"
                ),
            },
            [
                "ho_ten_tre",
                "gioi_tinh",
                "ngay_sinh",
                "noi_sinh",
                "dan_toc",
                "quoc_tich",
                "ho_ten_me",
                "ho_ten_nguoi_di_dang_ky",
                "so_dinh_danh_nguoi_di_dang_ky",
                "quan_he_voi_tre",
            ],
        ),
    },
    {
        "code": "1.000894",
        "sector": "HT",
        "name": "Đăng ký kết hôn",
        "competent_agency": COMMUNE_LEVEL,
        "receiving_agencies": COMMUNES,
        "processing_time": 1,
        "processing_time_unit": DAY,
        "cut_off_time": CUT_OFF_15H,
        "online_level": "partial",
        "legacy_level": 3,
        "applicant_kinds": "Nam, nữ là công dân Việt Nam cư trú ở trong nước",
        "how_to_submit": (
            HO_TICH_SUBMIT + " Khi nhận Giấy chứng nhận kết hôn, hai bên nam, nữ phải cùng có mặt."
        ),
        "steps": (
            "Bước 1: Hai bên nam, nữ nộp tờ khai đăng ký kết hôn và giấy tờ theo quy định.\n"
            "Bước 2: Công chức Tư pháp - Hộ tịch kiểm tra; nếu hai bên đủ điều kiện kết hôn theo Luật Hôn "
            "nhân và gia đình thì ghi việc kết hôn vào Sổ đăng ký kết hôn, cập nhật Cơ sở dữ liệu hộ tịch "
            "điện tử.\n"
            "Bước 3: Chủ tịch hoặc Phó Chủ tịch UBND xã, phường ký Giấy chứng nhận kết hôn.\n"
            "Bước 4: Hai bên nam, nữ cùng có mặt, kiểm tra nội dung, ký vào Giấy chứng nhận kết hôn và Sổ "
            "đăng ký kết hôn; mỗi bên được cấp 01 bản chính Giấy chứng nhận kết hôn."
        ),
        "conditions": (
            "Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên; việc kết hôn do nam và nữ tự nguyện quyết "
            "định; không bị mất năng lực hành vi dân sự; không thuộc các trường hợp cấm kết hôn (kết hôn "
            "giả tạo; tảo hôn, cưỡng ép kết hôn, lừa dối kết hôn, cản trở kết hôn; người đang có vợ, có "
            "chồng; kết hôn giữa những người cùng dòng máu về trực hệ, giữa những người có họ trong phạm "
            "vi ba đời...). " + SAME_DAY_RULE + " Trường hợp cần xác minh điều kiện kết hôn thì thời hạn "
            "giải quyết không quá 05 ngày làm việc."
        ),
        "result_description": "Giấy chứng nhận kết hôn (mỗi bên 01 bản chính).",
        "legal_basis": "Luật Hôn nhân và gia đình số 52/2014/QH13; " + HO_TICH_LEGAL,
        "fee_description": "Miễn lệ phí đăng ký kết hôn của công dân Việt Nam cư trú ở trong nước (Điều 11 Luật Hộ tịch).",
        "required_documents": [
            _doc(
                "Tờ khai đăng ký kết hôn (hai bên có thể dùng chung một Tờ khai)",
                form=f"Tờ khai đăng ký kết hôn ({TT_04_2020})",
            ),
            _doc(
                "Thẻ căn cước, Thẻ căn cước công dân hoặc Hộ chiếu còn giá trị sử dụng của hai bên (xuất "
                "trình khi nộp trực tiếp)",
            ),
            _doc(
                "Giấy xác nhận tình trạng hôn nhân (trường hợp thông tin về tình trạng hôn nhân chưa có "
                "trong Cơ sở dữ liệu hộ tịch điện tử)",
                mandatory=False,
            ),
            _doc(
                "Trích lục ghi chú ly hôn (trường hợp đã ly hôn tại cơ quan có thẩm quyền của nước ngoài)",
                "certified_copy",
                mandatory=False,
            ),
        ],
        "fees": [],
        "workflow": _same_day_workflow(
            f"{TU_PHAP_HO_TICH} kiểm tra điều kiện kết hôn, ghi Sổ đăng ký kết hôn",
            f"{CHU_TICH_XA} ký Giấy chứng nhận kết hôn",
        ),
        "form_schema": _form(
            "Tờ khai đăng ký kết hôn",
            {
                "ho_ten_chong": _text("Họ, chữ đệm, tên bên nam"),
                "ngay_sinh_chong": _date("Ngày, tháng, năm sinh bên nam"),
                "dan_toc_chong": _text("Dân tộc bên nam", default="Kinh"),
                "so_dinh_danh_chong": _id_number("Số định danh cá nhân bên nam"),
                "noi_cu_tru_chong": _text("Nơi cư trú bên nam"),
                "ho_ten_vo": _text("Họ, chữ đệm, tên bên nữ"),
                "ngay_sinh_vo": _date("Ngày, tháng, năm sinh bên nữ"),
                "dan_toc_vo": _text("Dân tộc bên nữ", default="Kinh"),
                "so_dinh_danh_vo": _id_number("Số định danh cá nhân bên nữ"),
                "noi_cu_tru_vo": _text("Nơi cư trú bên nữ"),
                "ket_hon_lan_dau": _bool("Cả hai bên đều kết hôn lần đầu"),
                "so_dien_thoai": _phone("Số điện thoại liên hệ"),
            },
            [
                "ho_ten_chong",
                "ngay_sinh_chong",
                "so_dinh_danh_chong",
                "noi_cu_tru_chong",
                "ho_ten_vo",
                "ngay_sinh_vo",
                "so_dinh_danh_vo",
                "noi_cu_tru_vo",
                "so_dien_thoai",
            ],
        ),
    },
    {
        "code": "1.000656",
        "sector": "HT",
        "name": "Đăng ký khai tử",
        "competent_agency": COMMUNE_LEVEL,
        "receiving_agencies": COMMUNES,
        "processing_time": 1,
        "processing_time_unit": DAY,
        "cut_off_time": CUT_OFF_15H,
        "online_level": "end_to_end",
        "legacy_level": 4,
        "applicant_kinds": (
            "Vợ, chồng, con, cha, mẹ hoặc người thân thích khác của người chết; đại diện cơ quan, tổ chức, "
            "cá nhân liên quan trong trường hợp người chết không có người thân thích"
        ),
        "how_to_submit": (
            HO_TICH_SUBMIT + " Khi nộp trực tuyến có thể đồng thời yêu cầu liên thông xóa đăng ký thường "
            "trú và giải quyết mai táng phí, trợ cấp tử tuất (nếu có)."
        ),
        "steps": (
            "Bước 1: Người đi đăng ký khai tử nộp tờ khai và Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử.\n"
            "Bước 2: Công chức Tư pháp - Hộ tịch kiểm tra; nếu việc khai tử đúng thì ghi vào Sổ đăng ký "
            "khai tử, cập nhật Cơ sở dữ liệu hộ tịch điện tử và Cơ sở dữ liệu quốc gia về dân cư.\n"
            "Bước 3: Chủ tịch hoặc Phó Chủ tịch UBND xã, phường ký Trích lục khai tử.\n"
            "Bước 4: Trả Trích lục khai tử cho người đi đăng ký."
        ),
        "conditions": (
            "Trong thời hạn 15 ngày kể từ ngày có người chết, vợ, chồng hoặc con, cha, mẹ hoặc người thân "
            "thích khác của người chết có trách nhiệm đi đăng ký khai tử. "
            + SAME_DAY_RULE
            + " Trường hợp cần xác minh thì thời hạn giải quyết không quá 03 ngày làm việc."
        ),
        "result_description": "Trích lục khai tử (bản chính).",
        "legal_basis": HO_TICH_LEGAL,
        "fee_description": (
            "Miễn lệ phí đối với đăng ký khai tử đúng hạn (Điều 11 Luật Hộ tịch); các trường hợp khác thu "
            "theo Nghị quyết của HĐND tỉnh."
        ),
        "required_documents": [
            _doc("Tờ khai đăng ký khai tử", form=f"Tờ khai đăng ký khai tử ({TT_04_2020})"),
            _doc("Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử do cơ quan có thẩm quyền cấp"),
            _doc("Văn bản ủy quyền (trường hợp ủy quyền)", "original_or_certified", mandatory=False),
        ],
        "fees": [],
        "workflow": _same_day_workflow(
            f"{TU_PHAP_HO_TICH} kiểm tra, ghi Sổ đăng ký khai tử, cập nhật Cơ sở dữ liệu",
            f"{CHU_TICH_XA} ký Trích lục khai tử",
        ),
        "form_schema": _form(
            "Tờ khai đăng ký khai tử",
            {
                "ho_ten_nguoi_chet": _text("Họ, chữ đệm, tên người đã chết"),
                "gioi_tinh": _enum("Giới tính", GENDERS),
                "ngay_sinh_nguoi_chet": _date("Ngày, tháng, năm sinh"),
                "so_dinh_danh_nguoi_chet": _id_number("Số định danh cá nhân của người đã chết"),
                "noi_cu_tru_cuoi_cung": _text("Nơi cư trú cuối cùng"),
                "ngay_chet": _date("Ngày chết"),
                "noi_chet": _text("Nơi chết"),
                "nguyen_nhan_chet": _text("Nguyên nhân chết"),
                "ho_ten_nguoi_yeu_cau": _text("Họ, chữ đệm, tên người đi đăng ký"),
                "so_dinh_danh_nguoi_yeu_cau": _id_number("Số định danh cá nhân của người đi đăng ký"),
                "quan_he_voi_nguoi_chet": _enum(
                    "Quan hệ với người đã chết",
                    ["Vợ", "Chồng", "Con", "Cha", "Mẹ", "Người thân thích khác", "Đại diện cơ quan, tổ chức"],
                ),
                "so_ban_sao": _int("Số bản sao Trích lục khai tử đề nghị cấp", 0, 10, default=0),
            },
            [
                "ho_ten_nguoi_chet",
                "gioi_tinh",
                "ngay_sinh_nguoi_chet",
                "ngay_chet",
                "noi_chet",
                "nguyen_nhan_chet",
                "ho_ten_nguoi_yeu_cau",
                "so_dinh_danh_nguoi_yeu_cau",
                "quan_he_voi_nguoi_chet",
            ],
        ),
    },
    {
        "code": "1.004873",
        "sector": "HT",
        "name": "Cấp Giấy xác nhận tình trạng hôn nhân",
        "competent_agency": COMMUNE_LEVEL,
        "receiving_agencies": COMMUNES,
        "processing_time": 3,
        "processing_time_unit": DAY,
        "online_level": "end_to_end",
        "legacy_level": 4,
        "applicant_kinds": "Công dân Việt Nam cư trú ở trong nước",
        "how_to_submit": HO_TICH_SUBMIT,
        "steps": (
            "Bước 1: Người yêu cầu nộp tờ khai và giấy tờ theo quy định.\n"
            "Bước 2: Công chức Tư pháp - Hộ tịch kiểm tra, tra cứu Cơ sở dữ liệu hộ tịch điện tử; trường "
            "hợp người yêu cầu đã từng cư trú ở nhiều nơi thì xác minh tình trạng hôn nhân theo quy định.\n"
            "Bước 3: Chủ tịch hoặc Phó Chủ tịch UBND xã, phường ký Giấy xác nhận tình trạng hôn nhân.\n"
            "Bước 4: Trả kết quả cho người yêu cầu."
        ),
        "conditions": (
            "Giấy xác nhận tình trạng hôn nhân có giá trị 06 tháng kể từ ngày cấp và chỉ được sử dụng đúng "
            "mục đích ghi trong Giấy xác nhận. Trường hợp yêu cầu để đăng ký kết hôn thì phải đáp ứng điều "
            "kiện kết hôn theo Luật Hôn nhân và gia đình."
        ),
        "result_description": "Giấy xác nhận tình trạng hôn nhân.",
        "legal_basis": HO_TICH_LEGAL,
        "fee_description": "Lệ phí theo Nghị quyết của HĐND tỉnh.",
        "required_documents": [
            _doc(
                "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
                form=f"Tờ khai cấp Giấy xác nhận tình trạng hôn nhân ({TT_04_2020})",
            ),
            _doc(
                "Giấy tờ chứng minh việc ly hôn hoặc việc vợ/chồng đã chết (trường hợp đã từng kết hôn, "
                "nếu thông tin chưa có trong Cơ sở dữ liệu hộ tịch điện tử)",
                "certified_copy",
                mandatory=False,
            ),
            _doc(
                "Giấy xác nhận tình trạng hôn nhân đã được cấp trước đây (trường hợp yêu cầu cấp lại để "
                "đăng ký kết hôn)",
                mandatory=False,
            ),
        ],
        "fees": [
            # mức thu: HĐND tỉnh
            _fee(
                "Lệ phí cấp Giấy xác nhận tình trạng hôn nhân",
                15_000,
                "đồng/bản; theo Nghị quyết của HĐND tỉnh",
            ),
        ],
        "workflow": _days_workflow(
            3,
            f"{TU_PHAP_HO_TICH} kiểm tra, tra cứu, xác minh tình trạng hôn nhân",
            f"{CHU_TICH_XA} ký Giấy xác nhận tình trạng hôn nhân",
        ),
        "form_schema": _form(
            "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
            {
                "ho_ten": _text("Họ, chữ đệm, tên"),
                "gioi_tinh": _enum("Giới tính", GENDERS),
                "ngay_sinh": _date("Ngày, tháng, năm sinh"),
                "so_dinh_danh": _id_number(),
                "noi_cu_tru": _text("Nơi cư trú"),
                "tinh_trang_hon_nhan": _enum(
                    "Tình trạng hôn nhân",
                    [
                        "Chưa đăng ký kết hôn với ai",
                        "Đã đăng ký kết hôn, đã ly hôn",
                        "Đã đăng ký kết hôn, vợ (chồng) đã chết",
                        "Đang có vợ (chồng)",
                    ],
                ),
                "muc_dich_su_dung": _text("Mục đích sử dụng Giấy xác nhận"),
                "ho_ten_nguoi_du_dinh_ket_hon": _text(
                    "Họ, chữ đệm, tên người dự định kết hôn (nếu sử dụng để đăng ký kết hôn)"
                ),
                "so_luong": _int("Số lượng Giấy xác nhận đề nghị cấp", 1, 5, default=1),
            },
            [
                "ho_ten",
                "gioi_tinh",
                "ngay_sinh",
                "so_dinh_danh",
                "noi_cu_tru",
                "tinh_trang_hon_nhan",
                "muc_dich_su_dung",
                "so_luong",
            ],
        ),
    },
    {
        "code": "2.000635",
        "sector": "HT",
        "name": "Cấp bản sao Trích lục hộ tịch",
        "competent_agency": COMMUNE_LEVEL,
        "receiving_agencies": COMMUNES,
        "processing_time": 4,
        "processing_time_unit": HOUR,
        "cut_off_time": CUT_OFF_15H,
        "online_level": "end_to_end",
        "legacy_level": 4,
        "applicant_kinds": "Cá nhân, tổ chức có yêu cầu cấp bản sao trích lục hộ tịch",
        "how_to_submit": HO_TICH_SUBMIT,
        "steps": (
            "Bước 1: Người yêu cầu nộp tờ khai cấp bản sao trích lục hộ tịch.\n"
            "Bước 2: Công chức Tư pháp - Hộ tịch tra cứu Sổ hộ tịch, Cơ sở dữ liệu hộ tịch điện tử đang "
            "lưu giữ và in bản sao trích lục.\n"
            "Bước 3: Chủ tịch hoặc Phó Chủ tịch UBND xã, phường ký bản sao trích lục hộ tịch.\n"
            "Bước 4: Trả kết quả cho người yêu cầu."
        ),
        "conditions": (
            "Sự kiện hộ tịch đã được đăng ký và đang được lưu giữ tại Sổ hộ tịch hoặc Cơ sở dữ liệu hộ tịch "
            "điện tử. " + SAME_DAY_RULE
        ),
        "result_description": "Bản sao trích lục hộ tịch (khai sinh, kết hôn, khai tử, thay đổi hộ tịch...).",
        "legal_basis": HO_TICH_LEGAL
        + (
            " Thông tư số 281/2016/TT-BTC ngày 14/11/2016 của Bộ Tài chính quy định mức thu phí khai thác, "
            "sử dụng thông tin trong cơ sở dữ liệu hộ tịch."
        ),
        "required_documents": [
            _doc(
                "Tờ khai cấp bản sao trích lục hộ tịch",
                form=f"Tờ khai cấp bản sao trích lục hộ tịch ({TT_04_2020})",
            ),
            _doc("Văn bản ủy quyền (trường hợp ủy quyền)", "original_or_certified", mandatory=False),
        ],
        "fees": [
            _fee(
                "Phí cấp bản sao trích lục hộ tịch",
                8_000,
                "đồng/bản sao trích lục/sự kiện hộ tịch đã đăng ký",
            ),
        ],
        "workflow": [
            _intake(1, COMMUNE_INTAKE),
            _step(f"{TU_PHAP_HO_TICH} tra cứu sổ, cơ sở dữ liệu và in bản sao trích lục", "specialist", 2),
            _step(f"{CHU_TICH_XA} ký bản sao trích lục", "leader", 1),
        ],
        "form_schema": _form(
            "Tờ khai cấp bản sao trích lục hộ tịch",
            {
                "ho_ten_nguoi_yeu_cau": _text("Họ, chữ đệm, tên người yêu cầu"),
                "so_dinh_danh_nguoi_yeu_cau": _id_number("Số định danh cá nhân của người yêu cầu"),
                "quan_he": _text("Quan hệ với người được cấp bản sao trích lục"),
                "ho_ten_nguoi_duoc_cap": _text("Họ, chữ đệm, tên người được cấp bản sao trích lục"),
                "loai_su_kien": _enum(
                    "Loại sự kiện hộ tịch",
                    [
                        "Khai sinh",
                        "Kết hôn",
                        "Khai tử",
                        "Nhận cha, mẹ, con",
                        "Thay đổi, cải chính, bổ sung thông tin hộ tịch",
                        "Khác",
                    ],
                ),
                "so_dang_ky": _text("Số đăng ký (nếu biết)"),
                "ngay_dang_ky": _date("Ngày đăng ký (nếu biết)"),
                "noi_dang_ky": _text("Nơi đã đăng ký"),
                "so_ban": _int("Số bản sao đề nghị cấp", 1, 10, default=1),
            },
            [
                "ho_ten_nguoi_yeu_cau",
                "so_dinh_danh_nguoi_yeu_cau",
                "ho_ten_nguoi_duoc_cap",
                "loai_su_kien",
                "noi_dang_ky",
                "so_ban",
            ],
        ),
    },
    {
        "code": "1.004884",
        "sector": "HT",
        "name": "Đăng ký lại khai sinh",
        "competent_agency": COMMUNE_LEVEL,
        "receiving_agencies": COMMUNES,
        "processing_time": 5,
        "processing_time_unit": DAY,
        "online_level": "partial",
        "legacy_level": 3,
        "applicant_kinds": "Cá nhân đã đăng ký khai sinh trước ngày 01/01/2016 nhưng Sổ hộ tịch và bản chính Giấy khai sinh đều bị mất",
        "how_to_submit": HO_TICH_SUBMIT,
        "steps": (
            "Bước 1: Người yêu cầu nộp tờ khai và giấy tờ theo quy định.\n"
            "Bước 2: Công chức Tư pháp - Hộ tịch kiểm tra, xác minh; trường hợp việc đăng ký lại khai sinh "
            "thực hiện tại nơi khác với nơi đã đăng ký khai sinh trước đây thì gửi văn bản đề nghị nơi đăng "
            "ký khai sinh trước đây kiểm tra việc lưu giữ sổ hộ tịch.\n"
            "Bước 3: Chủ tịch hoặc Phó Chủ tịch UBND xã, phường ký Giấy khai sinh.\n"
            "Bước 4: Trả kết quả cho người yêu cầu."
        ),
        "conditions": (
            "Việc khai sinh đã được đăng ký tại cơ quan có thẩm quyền của Việt Nam trước ngày 01/01/2016 "
            "nhưng Sổ hộ tịch và bản chính giấy tờ hộ tịch đều bị mất hoặc hư hỏng không sử dụng được; "
            "người yêu cầu đăng ký lại khai sinh còn sống vào thời điểm tiếp nhận hồ sơ."
        ),
        "result_description": "Giấy khai sinh (bản chính) được cấp theo thủ tục đăng ký lại khai sinh.",
        "legal_basis": HO_TICH_LEGAL,
        "fee_description": "Lệ phí theo Nghị quyết của HĐND tỉnh.",
        "required_documents": [
            _doc("Tờ khai đăng ký lại khai sinh", form=f"Tờ khai đăng ký lại khai sinh ({TT_04_2020})"),
            _doc(
                "Bản sao toàn bộ hồ sơ, giấy tờ của người yêu cầu hoặc hồ sơ, giấy tờ, tài liệu khác có nội "
                "dung liên quan đến nội dung khai sinh (văn bằng, học bạ, hồ sơ cán bộ, công chức...)",
                "copy",
            ),
            _doc(
                "Văn bản cam đoan về việc đã đăng ký khai sinh nhưng không lưu giữ được bản chính Giấy khai sinh"
            ),
        ],
        "fees": [
            # mức thu: HĐND tỉnh
            _fee("Lệ phí đăng ký lại khai sinh", 5_000, "đồng/trường hợp; theo Nghị quyết của HĐND tỉnh"),
        ],
        "workflow": _days_workflow(
            5,
            f"{TU_PHAP_HO_TICH} kiểm tra, xác minh hồ sơ, ghi Sổ đăng ký khai sinh",
            f"{CHU_TICH_XA} ký Giấy khai sinh (đăng ký lại)",
        ),
        "form_schema": _form(
            "Tờ khai đăng ký lại khai sinh",
            {
                "ho_ten": _text("Họ, chữ đệm, tên người được đăng ký lại khai sinh"),
                "gioi_tinh": _enum("Giới tính", GENDERS),
                "ngay_sinh": _date("Ngày, tháng, năm sinh"),
                "noi_sinh": _text("Nơi sinh"),
                "so_dinh_danh": _id_number(),
                "ho_ten_cha": _text("Họ, chữ đệm, tên cha"),
                "ho_ten_me": _text("Họ, chữ đệm, tên mẹ"),
                "noi_dang_ky_truoc_day": _text("Nơi đã đăng ký khai sinh trước đây"),
                "nam_dang_ky_truoc_day": _int("Năm đã đăng ký khai sinh", 1945, 2015),
            },
            ["ho_ten", "gioi_tinh", "ngay_sinh", "noi_sinh", "noi_dang_ky_truoc_day"],
        ),
    },
    {
        "code": "1.004859",
        "sector": "HT",
        "name": "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch",
        "competent_agency": COMMUNE_LEVEL,
        "receiving_agencies": COMMUNES,
        "processing_time": 3,
        "processing_time_unit": DAY,
        "online_level": "partial",
        "legacy_level": 3,
        "applicant_kinds": "Cá nhân có yêu cầu thay đổi, cải chính, bổ sung thông tin hộ tịch",
        "how_to_submit": HO_TICH_SUBMIT,
        "steps": (
            "Bước 1: Người yêu cầu nộp tờ khai và giấy tờ làm căn cứ thay đổi, cải chính, bổ sung.\n"
            "Bước 2: Công chức Tư pháp - Hộ tịch kiểm tra; nếu thấy việc thay đổi, cải chính, bổ sung có cơ "
            "sở, phù hợp với quy định của pháp luật dân sự thì ghi vào Sổ hộ tịch, cập nhật Cơ sở dữ liệu "
            "hộ tịch điện tử.\n"
            "Bước 3: Chủ tịch hoặc Phó Chủ tịch UBND xã, phường ký Trích lục.\n"
            "Bước 4: Trả kết quả cho người yêu cầu."
        ),
        "conditions": (
            "Việc thay đổi họ, chữ đệm, tên; cải chính nội dung đã đăng ký có sai sót; bổ sung thông tin "
            "hộ tịch còn thiếu phải có cơ sở và phù hợp với Bộ luật Dân sự. Việc thay đổi hộ tịch cho người "
            "từ đủ 09 tuổi trở lên phải có sự đồng ý của người đó. Trường hợp cần xác minh thì thời hạn "
            "được kéo dài thêm không quá 03 ngày làm việc."
        ),
        "result_description": "Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch.",
        "legal_basis": "Bộ luật Dân sự số 91/2015/QH13; " + HO_TICH_LEGAL,
        "fee_description": "Lệ phí theo Nghị quyết của HĐND tỉnh.",
        "required_documents": [
            _doc(
                "Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch",
                form=f"Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch ({TT_04_2020})",
            ),
            _doc(
                "Giấy tờ liên quan làm căn cứ cho việc thay đổi, cải chính, bổ sung thông tin hộ tịch", "copy"
            ),
            _doc("Văn bản ủy quyền (trường hợp ủy quyền)", "original_or_certified", mandatory=False),
        ],
        "fees": [
            # mức thu: HĐND tỉnh
            _fee(
                "Lệ phí đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch",
                15_000,
                "đồng/trường hợp; theo Nghị quyết của HĐND tỉnh",
            ),
        ],
        "workflow": _days_workflow(
            3,
            f"{TU_PHAP_HO_TICH} kiểm tra căn cứ, ghi Sổ hộ tịch",
            f"{CHU_TICH_XA} ký Trích lục thay đổi, cải chính, bổ sung",
        ),
        "form_schema": _form(
            "Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch",
            {
                "ho_ten_nguoi_yeu_cau": _text("Họ, chữ đệm, tên người yêu cầu"),
                "so_dinh_danh_nguoi_yeu_cau": _id_number("Số định danh cá nhân của người yêu cầu"),
                "ho_ten_nguoi_duoc_thay_doi": _text(
                    "Họ, chữ đệm, tên người được thay đổi, cải chính, bổ sung"
                ),
                "ngay_sinh_nguoi_duoc_thay_doi": _date("Ngày, tháng, năm sinh"),
                "loai_yeu_cau": _enum("Loại yêu cầu", ["Thay đổi", "Cải chính", "Bổ sung"]),
                "noi_dung_hien_tai": _long_text("Nội dung đã đăng ký"),
                "noi_dung_de_nghi": _long_text("Nội dung đề nghị thay đổi, cải chính, bổ sung"),
                "ly_do": _long_text("Lý do"),
            },
            [
                "ho_ten_nguoi_yeu_cau",
                "so_dinh_danh_nguoi_yeu_cau",
                "ho_ten_nguoi_duoc_thay_doi",
                "ngay_sinh_nguoi_duoc_thay_doi",
                "loai_yeu_cau",
                "noi_dung_de_nghi",
                "ly_do",
            ],
        ),
    },
]


# === Chứng thực (UBND cấp xã) =======================================================================

CHUNG_THUC_SUBMIT = (
    "Nộp trực tiếp tại Trung tâm Phục vụ hành chính công xã, phường bất kỳ trong tỉnh; người yêu cầu "
    "chứng thực mang theo bản chính giấy tờ để đối chiếu."
)

CERTIFICATION: list[dict[str, Any]] = [
    {
        "code": "2.000815",
        "sector": "CT",
        "name": (
            "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt "
            "Nam cấp hoặc chứng nhận"
        ),
        "competent_agency": COMMUNE_LEVEL,
        "receiving_agencies": COMMUNES,
        "processing_time": 4,
        "processing_time_unit": HOUR,
        "cut_off_time": CUT_OFF_15H,
        "online_level": "partial",
        "legacy_level": 3,
        "applicant_kinds": "Cá nhân, tổ chức",
        "how_to_submit": (
            CHUNG_THUC_SUBMIT + " Có thể đề nghị chứng thực bản sao điện tử từ bản chính qua Cổng Dịch vụ "
            "công quốc gia."
        ),
        "steps": (
            "Bước 1: Người yêu cầu chứng thực xuất trình bản chính giấy tờ, văn bản làm cơ sở để chứng "
            "thực bản sao và bản sao cần chứng thực (nếu có).\n"
            "Bước 2: Người thực hiện chứng thực kiểm tra bản chính, đối chiếu với bản sao; nếu nội dung bản "
            "sao đúng với bản chính và bản chính không thuộc trường hợp không được chứng thực thì ghi lời "
            "chứng, ký, ghi rõ họ tên, đóng dấu và ghi vào sổ chứng thực.\n"
            "Bước 3: Trả bản sao đã chứng thực và thu phí."
        ),
        "conditions": (
            "Không chứng thực bản sao từ bản chính trong các trường hợp: bản chính bị tẩy xóa, sửa chữa, "
            "thêm, bớt nội dung không hợp lệ; bị hư hỏng, cũ nát, không xác định được nội dung; bản chính "
            "đóng dấu mật hoặc không đóng dấu mật nhưng ghi rõ không được sao chụp; có nội dung trái pháp "
            "luật, đạo đức xã hội, tuyên truyền, kích động chiến tranh, chống chế độ xã hội chủ nghĩa Việt "
            "Nam; xuyên tạc lịch sử của dân tộc Việt Nam; xúc phạm danh dự, nhân phẩm, uy tín của cá nhân, "
            "tổ chức; giấy tờ, văn bản do cá nhân tự lập không có xác nhận của cơ quan, tổ chức có thẩm "
            "quyền. Hồ sơ tiếp nhận trước 15 giờ được giải quyết trong ngày, tiếp nhận sau 15 giờ thì hoàn "
            "thành trong ngày làm việc tiếp theo; trường hợp yêu cầu chứng thực nhiều loại giấy tờ hoặc số "
            "lượng lớn thì thời hạn được kéo dài nhưng không quá 02 ngày làm việc."
        ),
        "result_description": "Bản sao được chứng thực từ bản chính.",
        "legal_basis": CHUNG_THUC_LEGAL,
        "fee_description": (
            "2.000 đồng/trang đối với trang thứ nhất và trang thứ hai; từ trang thứ ba trở lên thu 1.000 "
            "đồng/trang; tối đa không quá 200.000 đồng/bản."
        ),
        "required_documents": [
            _doc("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao"),
            _doc(
                "Bản sao cần chứng thực (trường hợp người yêu cầu tự chuẩn bị bản chụp)",
                "copy",
                mandatory=False,
            ),
        ],
        "fees": [
            _fee(
                "Phí chứng thực bản sao từ bản chính",
                2_000,
                "đồng/trang; từ trang thứ 3 trở lên thu 1.000 đồng/trang, tối đa 200.000 đồng/bản",
            ),
        ],
        "workflow": [
            _intake(1, COMMUNE_INTAKE),
            _step(
                "Công chức thực hiện chứng thực kiểm tra, đối chiếu bản chính với bản sao", "specialist", 2
            ),
            _step("Người có thẩm quyền ký chứng thực, đóng dấu, ghi sổ chứng thực", "leader", 1),
        ],
        "form_schema": _form(
            "Phiếu yêu cầu chứng thực bản sao từ bản chính",
            {
                "ho_ten": _text("Họ và tên người yêu cầu chứng thực"),
                "so_dinh_danh": _id_number(),
                "so_dien_thoai": _phone(),
                "ten_giay_to": _text("Tên giấy tờ, văn bản cần chứng thực"),
                "co_quan_cap": _text("Cơ quan, tổ chức cấp giấy tờ"),
                "so_ban_sao": _int("Số bản sao cần chứng thực", 1, 50, default=1),
                "so_trang_moi_ban": _int("Số trang của mỗi bản", 1, 200, default=1),
                "hinh_thuc_nhan_ket_qua": _enum("Hình thức nhận kết quả", DELIVERY),
            },
            ["ho_ten", "so_dinh_danh", "ten_giay_to", "so_ban_sao", "so_trang_moi_ban"],
        ),
    },
    {
        "code": "2.000884",
        "sector": "CT",
        "name": (
            "Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và "
            "trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)"
        ),
        "competent_agency": COMMUNE_LEVEL,
        "receiving_agencies": COMMUNES,
        "processing_time": 4,
        "processing_time_unit": HOUR,
        "cut_off_time": CUT_OFF_15H,
        "online_level": "none",
        "legacy_level": 2,
        "applicant_kinds": "Cá nhân",
        "how_to_submit": CHUNG_THUC_SUBMIT
        + " Người yêu cầu chứng thực phải ký trước mặt người thực hiện chứng thực.",
        "steps": (
            "Bước 1: Người yêu cầu chứng thực xuất trình giấy tờ tùy thân và giấy tờ, văn bản sẽ ký.\n"
            "Bước 2: Người thực hiện chứng thực kiểm tra giấy tờ; nếu đủ điều kiện thì yêu cầu người yêu "
            "cầu chứng thực ký trước mặt, ghi lời chứng, ký, ghi rõ họ tên, đóng dấu và ghi vào sổ chứng "
            "thực.\n"
            "Bước 3: Trả giấy tờ, văn bản đã chứng thực chữ ký và thu phí."
        ),
        "conditions": (
            "Không chứng thực chữ ký trong các trường hợp: tại thời điểm chứng thực, người yêu cầu chứng "
            "thực chữ ký không nhận thức và làm chủ được hành vi của mình; giấy tờ tùy thân xuất trình không "
            "còn giá trị sử dụng hoặc giả mạo; giấy tờ, văn bản có nội dung trái pháp luật, đạo đức xã hội; "
            "giấy tờ, văn bản có nội dung là hợp đồng, giao dịch (trừ các trường hợp pháp luật cho phép). "
            "Hồ sơ tiếp nhận sau 15 giờ thì hoàn thành trong ngày làm việc tiếp theo."
        ),
        "result_description": "Giấy tờ, văn bản đã được chứng thực chữ ký (hoặc điểm chỉ).",
        "legal_basis": CHUNG_THUC_LEGAL,
        "required_documents": [
            _doc(
                "Thẻ căn cước, Thẻ căn cước công dân hoặc Hộ chiếu còn giá trị sử dụng",
                "original_or_certified",
            ),
            _doc("Giấy tờ, văn bản mà người yêu cầu chứng thực sẽ ký"),
        ],
        "fees": [
            _fee(
                "Phí chứng thực chữ ký",
                10_000,
                "đồng/trường hợp (một trường hợp là một hoặc nhiều chữ ký trong cùng một giấy tờ, văn bản)",
            ),
        ],
        "workflow": [
            _intake(1, COMMUNE_INTAKE),
            _step("Kiểm tra giấy tờ, chứng kiến việc ký (điểm chỉ) và ghi lời chứng", "specialist", 2),
            _step("Người có thẩm quyền ký chứng thực, đóng dấu, ghi sổ chứng thực", "leader", 1),
        ],
        "form_schema": _form(
            "Phiếu yêu cầu chứng thực chữ ký",
            {
                "ho_ten": _text("Họ và tên người yêu cầu chứng thực"),
                "so_dinh_danh": _id_number(),
                "so_dien_thoai": _phone(),
                "ten_giay_to": _text("Tên giấy tờ, văn bản cần chứng thực chữ ký"),
                "so_ban": _int("Số bản cần chứng thực", 1, 20, default=1),
                "hinh_thuc": _enum(
                    "Hình thức xác nhận",
                    ["Ký", "Điểm chỉ", "Không thể ký, không thể điểm chỉ"],
                ),
            },
            ["ho_ten", "so_dinh_danh", "ten_giay_to", "so_ban", "hinh_thuc"],
        ),
    },
    {
        "code": "2.001035",  # mã: kiểm tra
        "sector": "CT",
        "name": "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở",
        "competent_agency": COMMUNE_LEVEL,
        "receiving_agencies": COMMUNES,
        "processing_time": 2,
        "processing_time_unit": DAY,
        "online_level": "none",
        "legacy_level": 2,
        "applicant_kinds": "Cá nhân, tổ chức là các bên tham gia hợp đồng, giao dịch",
        "how_to_submit": CHUNG_THUC_SUBMIT
        + " Các bên tham gia hợp đồng, giao dịch phải ký trước mặt người thực hiện chứng thực.",
        "steps": (
            "Bước 1: Người yêu cầu chứng thực nộp dự thảo hợp đồng, giao dịch và bản sao giấy tờ kèm bản "
            "chính để đối chiếu.\n"
            "Bước 2: Công chức kiểm tra giấy tờ, năng lực hành vi dân sự và sự tự nguyện của các bên; các "
            "bên ký (điểm chỉ) trước mặt người thực hiện chứng thực.\n"
            "Bước 3: Chủ tịch hoặc Phó Chủ tịch UBND xã, phường ghi lời chứng, ký, đóng dấu; ghi sổ chứng "
            "thực.\n"
            "Bước 4: Trả hợp đồng, giao dịch đã chứng thực và thu phí."
        ),
        "conditions": (
            "Người yêu cầu chứng thực chịu trách nhiệm về nội dung, tính hợp lệ, hợp pháp của hợp đồng, giao "
            "dịch; các bên tham gia phải có năng lực hành vi dân sự và tự nguyện giao kết. Thời hạn chứng "
            "thực không quá 02 ngày làm việc kể từ ngày nhận đủ hồ sơ hoặc dài hơn theo thỏa thuận bằng văn "
            "bản với người yêu cầu chứng thực."
        ),
        "result_description": "Hợp đồng, giao dịch được chứng thực.",
        "legal_basis": "Luật Đất đai số 31/2024/QH15; " + CHUNG_THUC_LEGAL,
        "fee_description": (
            "50.000 đồng/hợp đồng, giao dịch; chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch: "
            "30.000 đồng/hợp đồng, giao dịch."
        ),
        "required_documents": [
            _doc("Dự thảo hợp đồng, giao dịch"),
            _doc(
                "Bản sao giấy tờ tùy thân của người yêu cầu chứng thực (kèm bản chính để đối chiếu)", "copy"
            ),
            _doc(
                "Bản sao Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất hoặc giấy "
                "tờ thay thế theo quy định (đối với hợp đồng, giao dịch liên quan đến bất động sản)",
                "copy",
                mandatory=False,
            ),
            _doc(
                "Bản sao giấy chứng nhận quyền sở hữu, quyền sử dụng (đối với động sản phải đăng ký quyền "
                "sở hữu, quyền sử dụng)",
                "copy",
                mandatory=False,
            ),
        ],
        "fees": [
            _fee("Phí chứng thực hợp đồng, giao dịch", 50_000, "đồng/hợp đồng, giao dịch"),
            _fee(
                "Phí chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch",
                30_000,
                "đồng/hợp đồng, giao dịch",
            ),
        ],
        "workflow": _days_workflow(
            2,
            "Công chức kiểm tra hồ sơ, năng lực hành vi dân sự của các bên; các bên ký trước mặt",
            f"{CHU_TICH_XA} ghi lời chứng, ký chứng thực",
        ),
        "form_schema": _form(
            "Phiếu yêu cầu chứng thực hợp đồng, giao dịch",
            {
                "loai_hop_dong": _enum(
                    "Loại hợp đồng, giao dịch",
                    [
                        "Hợp đồng chuyển nhượng quyền sử dụng đất",
                        "Hợp đồng tặng cho quyền sử dụng đất",
                        "Hợp đồng thế chấp quyền sử dụng đất, tài sản gắn liền với đất",
                        "Hợp đồng mua bán tài sản là động sản",
                        "Văn bản thỏa thuận phân chia di sản",
                        "Khác",
                    ],
                ),
                "ho_ten_ben_a": _text("Họ và tên bên A"),
                "so_dinh_danh_ben_a": _id_number("Số định danh cá nhân bên A"),
                "ho_ten_ben_b": _text("Họ và tên bên B"),
                "so_dinh_danh_ben_b": _id_number("Số định danh cá nhân bên B"),
                "tai_san": _long_text("Tài sản là đối tượng của hợp đồng, giao dịch"),
                "so_dien_thoai": _phone("Số điện thoại liên hệ"),
                "so_ban": _int("Số bản hợp đồng cần chứng thực", 1, 10, default=2),
            },
            [
                "loai_hop_dong",
                "ho_ten_ben_a",
                "so_dinh_danh_ben_a",
                "ho_ten_ben_b",
                "so_dinh_danh_ben_b",
                "tai_san",
                "so_ban",
            ],
        ),
    },
]


# === Hộ kinh doanh (UBND cấp xã), doanh nghiệp (Sở Tài chính) =======================================

HKD_SUBMIT = (
    "Nộp trực tuyến trên Hệ thống thông tin quốc gia về đăng ký hộ kinh doanh hoặc Cổng Dịch vụ công quốc "
    "gia; nộp trực tiếp tại Trung tâm Phục vụ hành chính công xã, phường nơi đặt trụ sở hộ kinh doanh; "
    "hoặc gửi qua dịch vụ bưu chính công ích."
)
KINH_TE_XA = "Phòng Kinh tế (Phòng Kinh tế, Hạ tầng và Đô thị)"
HKD_FORMS = "ban hành kèm theo Thông tư số 68/2025/TT-BTC"  # mẫu: kiểm tra số hiệu Thông tư

BUSINESS: list[dict[str, Any]] = [
    {
        "code": "1.001612",
        "sector": "HKD",
        "name": "Đăng ký thành lập hộ kinh doanh",
        "competent_agency": COMMUNE_LEVEL,
        "receiving_agencies": COMMUNES,
        "processing_time": 3,
        "processing_time_unit": DAY,
        "online_level": "end_to_end",
        "legacy_level": 4,
        "applicant_kinds": (
            "Cá nhân hoặc các thành viên hộ gia đình là công dân Việt Nam có năng lực hành vi dân sự đầy đủ"
        ),
        "how_to_submit": HKD_SUBMIT,
        "steps": (
            "Bước 1: Người thành lập hộ kinh doanh hoặc người được ủy quyền nộp hồ sơ đăng ký hộ kinh "
            "doanh.\n"
            "Bước 2: Cơ quan đăng ký kinh doanh cấp xã (Phòng Kinh tế hoặc Phòng Kinh tế, Hạ tầng và Đô "
            "thị) kiểm tra tính hợp lệ của hồ sơ; hồ sơ chưa hợp lệ thì thông báo bằng văn bản nội dung cần "
            "sửa đổi, bổ sung.\n"
            "Bước 3: Cấp Giấy chứng nhận đăng ký hộ kinh doanh và cập nhật vào Hệ thống thông tin quốc gia "
            "về đăng ký hộ kinh doanh.\n"
            "Bước 4: Trả kết quả cho người nộp hồ sơ."
        ),
        "conditions": (
            "Ngành, nghề đăng ký kinh doanh không bị cấm đầu tư kinh doanh; tên hộ kinh doanh gồm cụm từ "
            "“Hộ kinh doanh” và tên riêng, được viết bằng các chữ cái tiếng Việt, có thể kèm chữ số, ký hiệu, "
            "không trùng với tên riêng của hộ kinh doanh đã đăng ký trên địa bàn theo quy định và không vi "
            "phạm truyền thống lịch sử, văn hóa, đạo đức, thuần phong mỹ tục; hồ sơ hợp lệ; nộp đủ lệ phí. "
            "Cá nhân, thành viên hộ gia đình chỉ được đăng ký một hộ kinh doanh trong phạm vi toàn quốc."
        ),
        "result_description": "Giấy chứng nhận đăng ký hộ kinh doanh.",
        "legal_basis": HKD_LEGAL,
        "fee_description": "Lệ phí đăng ký hộ kinh doanh theo Nghị quyết của HĐND tỉnh.",
        "required_documents": [
            _doc(
                "Giấy đề nghị đăng ký hộ kinh doanh", form=f"Giấy đề nghị đăng ký hộ kinh doanh ({HKD_FORMS})"
            ),
            _doc(
                "Bản sao biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (trường hợp các "
                "thành viên hộ gia đình đăng ký hộ kinh doanh)",
                "copy",
                mandatory=False,
            ),
            _doc(
                "Bản sao văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh "
                "doanh (trường hợp các thành viên hộ gia đình đăng ký hộ kinh doanh)",
                "copy",
                mandatory=False,
            ),
            _doc(
                "Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh, thành viên hộ gia đình "
                "(trường hợp thông tin chưa được xác thực qua Cơ sở dữ liệu quốc gia về dân cư)",
                "copy",
                mandatory=False,
            ),
        ],
        "fees": [
            # mức thu: HĐND tỉnh
            _fee("Lệ phí đăng ký hộ kinh doanh", 100_000, "đồng/lần; theo Nghị quyết của HĐND tỉnh"),
        ],
        "workflow": [
            _intake(2, COMMUNE_INTAKE),
            _step(f"{KINH_TE_XA} thẩm định hồ sơ, dự thảo Giấy chứng nhận", "specialist", 14),
            _step("Trưởng phòng ký Giấy chứng nhận đăng ký hộ kinh doanh", "leader", 6),
            _return(2),
        ],
        "form_schema": _form(
            "Giấy đề nghị đăng ký hộ kinh doanh",
            {
                "ten_ho_kinh_doanh": _text("Tên hộ kinh doanh (gồm cụm từ “Hộ kinh doanh” và tên riêng)"),
                "dia_chi_tru_so": _text("Địa chỉ trụ sở hộ kinh doanh"),
                "so_dien_thoai": _phone(),
                "email": _email(),
                "nganh_nghe": _long_text("Ngành, nghề kinh doanh"),
                "von_kinh_doanh": _int("Vốn kinh doanh (đồng)", 0, 1_000_000_000_000),
                "so_lao_dong": _int("Số lượng lao động", 0, 1000),
                "ho_ten_chu_ho": _text("Họ và tên chủ hộ kinh doanh"),
                "ngay_sinh_chu_ho": _date("Ngày sinh của chủ hộ kinh doanh"),
                "gioi_tinh_chu_ho": _enum("Giới tính của chủ hộ kinh doanh", GENDERS),
                "so_dinh_danh_chu_ho": _id_number("Số định danh cá nhân của chủ hộ kinh doanh"),
                "noi_thuong_tru_chu_ho": _text("Nơi thường trú của chủ hộ kinh doanh"),
                "thanh_vien_ho_gia_dinh": _bool("Các thành viên hộ gia đình cùng đăng ký hộ kinh doanh"),
            },
            [
                "ten_ho_kinh_doanh",
                "dia_chi_tru_so",
                "so_dien_thoai",
                "nganh_nghe",
                "von_kinh_doanh",
                "ho_ten_chu_ho",
                "ngay_sinh_chu_ho",
                "so_dinh_danh_chu_ho",
                "noi_thuong_tru_chu_ho",
            ],
        ),
    },
    {
        "code": "2.000720",
        "sector": "HKD",
        "name": "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
        "competent_agency": COMMUNE_LEVEL,
        "receiving_agencies": COMMUNES,
        "processing_time": 3,
        "processing_time_unit": DAY,
        "online_level": "end_to_end",
        "legacy_level": 4,
        "applicant_kinds": "Hộ kinh doanh",
        "how_to_submit": HKD_SUBMIT,
        "steps": (
            "Bước 1: Hộ kinh doanh nộp thông báo thay đổi nội dung đăng ký hộ kinh doanh và giấy tờ kèm "
            "theo.\n"
            "Bước 2: Cơ quan đăng ký kinh doanh cấp xã kiểm tra tính hợp lệ của hồ sơ.\n"
            "Bước 3: Cấp Giấy chứng nhận đăng ký hộ kinh doanh với nội dung đã thay đổi.\n"
            "Bước 4: Trả kết quả cho hộ kinh doanh."
        ),
        "conditions": (
            "Hộ kinh doanh phải thông báo thay đổi trong thời hạn 10 ngày kể từ ngày có thay đổi nội dung "
            "đăng ký; ngành, nghề kinh doanh sau thay đổi không bị cấm đầu tư kinh doanh; hồ sơ hợp lệ."
        ),
        "result_description": "Giấy chứng nhận đăng ký hộ kinh doanh (cập nhật nội dung thay đổi).",
        "legal_basis": HKD_LEGAL,
        "fee_description": "Lệ phí đăng ký hộ kinh doanh theo Nghị quyết của HĐND tỉnh.",
        "required_documents": [
            _doc(
                "Thông báo thay đổi nội dung đăng ký hộ kinh doanh",
                form=f"Thông báo thay đổi nội dung đăng ký hộ kinh doanh ({HKD_FORMS})",
            ),
            _doc(
                "Bản sao biên bản họp thành viên hộ gia đình về việc thay đổi (trường hợp hộ kinh doanh do "
                "các thành viên hộ gia đình đăng ký)",
                "copy",
                mandatory=False,
            ),
            _doc(
                "Bản sao hợp đồng mua bán, tặng cho hoặc giấy tờ chứng minh việc thừa kế (trường hợp thay "
                "đổi chủ hộ kinh doanh)",
                "copy",
                mandatory=False,
            ),
        ],
        "fees": [
            # mức thu: HĐND tỉnh
            _fee("Lệ phí đăng ký hộ kinh doanh", 100_000, "đồng/lần; theo Nghị quyết của HĐND tỉnh"),
        ],
        "workflow": [
            _intake(2, COMMUNE_INTAKE),
            _step(f"{KINH_TE_XA} thẩm định hồ sơ thay đổi", "specialist", 14),
            _step("Trưởng phòng ký Giấy chứng nhận đăng ký hộ kinh doanh", "leader", 6),
            _return(2),
        ],
        "form_schema": _form(
            "Thông báo thay đổi nội dung đăng ký hộ kinh doanh",
            {
                "ma_so_ho_kinh_doanh": _text("Mã số hộ kinh doanh (mã số thuế)"),
                "ten_ho_kinh_doanh": _text("Tên hộ kinh doanh"),
                "noi_dung_thay_doi": _enum(
                    "Nội dung đăng ký thay đổi",
                    [
                        "Tên hộ kinh doanh",
                        "Địa chỉ trụ sở",
                        "Ngành, nghề kinh doanh",
                        "Vốn kinh doanh",
                        "Chủ hộ kinh doanh",
                        "Thông tin cá nhân của chủ hộ kinh doanh",
                    ],
                ),
                "mo_ta_thay_doi": _long_text("Nội dung sau khi thay đổi"),
                "ho_ten_chu_ho": _text("Họ và tên chủ hộ kinh doanh"),
                "so_dinh_danh_chu_ho": _id_number("Số định danh cá nhân của chủ hộ kinh doanh"),
                "so_dien_thoai": _phone(),
            },
            [
                "ma_so_ho_kinh_doanh",
                "ten_ho_kinh_doanh",
                "noi_dung_thay_doi",
                "mo_ta_thay_doi",
                "ho_ten_chu_ho",
                "so_dinh_danh_chu_ho",
            ],
        ),
    },
    {
        "code": "1.001570",
        "sector": "HKD",
        "name": "Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh",
        "competent_agency": COMMUNE_LEVEL,
        "receiving_agencies": COMMUNES,
        "processing_time": 3,
        "processing_time_unit": DAY,
        "online_level": "end_to_end",
        "legacy_level": 4,
        "applicant_kinds": "Hộ kinh doanh",
        "how_to_submit": HKD_SUBMIT,
        "steps": (
            "Bước 1: Hộ kinh doanh gửi thông báo tạm ngừng kinh doanh hoặc tiếp tục kinh doanh trước thời "
            "hạn đã thông báo.\n"
            "Bước 2: Cơ quan đăng ký kinh doanh cấp xã kiểm tra tính hợp lệ của thông báo.\n"
            "Bước 3: Cấp Giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng kinh doanh hoặc tiếp tục "
            "kinh doanh trước thời hạn.\n"
            "Bước 4: Trả kết quả cho hộ kinh doanh."
        ),
        "conditions": (
            "Hộ kinh doanh tạm ngừng kinh doanh từ 30 ngày trở lên, hoặc tiếp tục kinh doanh trước thời hạn "
            "đã thông báo, phải thông báo chậm nhất 03 ngày làm việc trước ngày tạm ngừng hoặc tiếp tục kinh "
            "doanh."
        ),
        "result_description": (
            "Giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng kinh doanh hoặc tiếp tục kinh doanh "
            "trước thời hạn đã thông báo."
        ),
        "legal_basis": HKD_LEGAL,
        "fee_description": "Không thu phí, lệ phí.",
        "required_documents": [
            _doc(
                "Thông báo về việc tạm ngừng kinh doanh hoặc tiếp tục kinh doanh trước thời hạn đã thông "
                "báo của hộ kinh doanh",
                form=f"Thông báo tạm ngừng/tiếp tục kinh doanh của hộ kinh doanh ({HKD_FORMS})",
            ),
        ],
        "fees": [],
        "workflow": [
            _intake(2, COMMUNE_INTAKE),
            _step(f"{KINH_TE_XA} kiểm tra thông báo, dự thảo Giấy xác nhận", "specialist", 14),
            _step("Trưởng phòng ký Giấy xác nhận", "leader", 6),
            _return(2),
        ],
        "form_schema": _form(
            "Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn",
            {
                "ma_so_ho_kinh_doanh": _text("Mã số hộ kinh doanh (mã số thuế)"),
                "ten_ho_kinh_doanh": _text("Tên hộ kinh doanh"),
                "loai_thong_bao": _enum(
                    "Loại thông báo",
                    ["Tạm ngừng kinh doanh", "Tiếp tục kinh doanh trước thời hạn"],
                ),
                "tu_ngay": _date("Từ ngày"),
                "den_ngay": _date("Đến ngày (đối với tạm ngừng kinh doanh)"),
                "ly_do": _long_text("Lý do"),
                "ho_ten_chu_ho": _text("Họ và tên chủ hộ kinh doanh"),
            },
            ["ma_so_ho_kinh_doanh", "ten_ho_kinh_doanh", "loai_thong_bao", "tu_ngay", "ho_ten_chu_ho"],
        ),
    },
    {
        "code": "2.001610",
        "sector": "DKDN",
        "name": "Đăng ký thành lập doanh nghiệp tư nhân",
        "competent_agency": SO_TAI_CHINH,
        "receiving_agencies": [SERVICE_CENTER],
        "processing_time": 3,
        "processing_time_unit": DAY,
        "online_level": "end_to_end",
        "legacy_level": 4,
        "applicant_kinds": "Cá nhân là công dân Việt Nam thành lập doanh nghiệp tư nhân",
        "how_to_submit": (
            "Nộp trực tuyến trên Hệ thống thông tin quốc gia về đăng ký doanh nghiệp "
            "(dangkykinhdoanh.gov.vn); nộp trực tiếp tại Trung tâm Phục vụ hành chính công tỉnh (Quầy số 3); "
            "hoặc gửi qua dịch vụ bưu chính công ích."
        ),
        "steps": (
            "Bước 1: Người thành lập doanh nghiệp nộp hồ sơ đăng ký doanh nghiệp.\n"
            "Bước 2: Phòng Đăng ký kinh doanh thuộc Sở Tài chính kiểm tra tính hợp lệ của hồ sơ; hồ sơ "
            "chưa hợp lệ thì thông báo bằng văn bản nội dung cần sửa đổi, bổ sung.\n"
            "Bước 3: Cấp Giấy chứng nhận đăng ký doanh nghiệp; doanh nghiệp thực hiện công bố nội dung đăng "
            "ký doanh nghiệp trên Cổng thông tin quốc gia về đăng ký doanh nghiệp.\n"
            "Bước 4: Trả kết quả."
        ),
        "conditions": (
            "Mỗi cá nhân chỉ được quyền thành lập một doanh nghiệp tư nhân; chủ doanh nghiệp tư nhân không "
            "được đồng thời là chủ hộ kinh doanh, thành viên hợp danh của công ty hợp danh; ngành, nghề đăng "
            "ký kinh doanh không bị cấm đầu tư kinh doanh; tên doanh nghiệp được đặt theo đúng quy định; hồ "
            "sơ hợp lệ; nộp đủ lệ phí đăng ký doanh nghiệp."
        ),
        "result_description": "Giấy chứng nhận đăng ký doanh nghiệp.",
        "legal_basis": (
            "Luật Doanh nghiệp số 59/2020/QH14 (được sửa đổi, bổ sung năm 2025); Nghị định số 168/2025/NĐ-CP "
            "của Chính phủ về đăng ký doanh nghiệp; Thông tư số 68/2025/TT-BTC của Bộ trưởng Bộ Tài chính ban "
            "hành biểu mẫu sử dụng trong đăng ký doanh nghiệp, đăng ký hộ kinh doanh; Thông tư số "
            "47/2019/TT-BTC ngày 05/8/2019 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử "
            "dụng phí cung cấp thông tin doanh nghiệp, lệ phí đăng ký doanh nghiệp."
        ),
        "fee_description": (
            "Lệ phí đăng ký doanh nghiệp: 50.000 đồng/lần (miễn khi đăng ký qua mạng thông tin điện tử); phí "
            "công bố nội dung đăng ký doanh nghiệp: 100.000 đồng/lần."
        ),
        "required_documents": [
            _doc(
                "Giấy đề nghị đăng ký doanh nghiệp tư nhân",
                form=f"Giấy đề nghị đăng ký doanh nghiệp tư nhân ({HKD_FORMS})",
            ),
            _doc(
                "Bản sao giấy tờ pháp lý của cá nhân đối với chủ doanh nghiệp tư nhân (trường hợp thông tin "
                "chưa được xác thực qua Cơ sở dữ liệu quốc gia về dân cư)",
                "copy",
                mandatory=False,
            ),
            _doc(
                "Văn bản ủy quyền cho người nộp hồ sơ (trường hợp ủy quyền)",
                "original_or_certified",
                mandatory=False,
            ),
        ],
        "fees": [
            _fee(
                "Lệ phí đăng ký doanh nghiệp", 50_000, "đồng/lần; miễn khi đăng ký qua mạng thông tin điện tử"
            ),
            _fee("Phí công bố nội dung đăng ký doanh nghiệp", 100_000, "đồng/lần"),
        ],
        "workflow": [
            _intake(2),
            _step(
                "Thẩm định hồ sơ đăng ký doanh nghiệp",
                "specialist",
                14,
                agency=SO_TAI_CHINH,
                agency_unit="DKKD",
            ),
            _step(
                "Trưởng phòng Đăng ký kinh doanh ký Giấy chứng nhận",
                "leader",
                6,
                agency=SO_TAI_CHINH,
                agency_unit="DKKD",
            ),
            _return(2),
        ],
        "form_schema": _form(
            "Giấy đề nghị đăng ký doanh nghiệp tư nhân",
            {
                "ten_doanh_nghiep": _text("Tên doanh nghiệp viết bằng tiếng Việt"),
                "ten_tieng_nuoc_ngoai": _text("Tên doanh nghiệp viết bằng tiếng nước ngoài"),
                "ten_viet_tat": _text("Tên doanh nghiệp viết tắt"),
                "dia_chi_tru_so": _text("Địa chỉ trụ sở chính"),
                "so_dien_thoai": _phone(),
                "email": _email(),
                "nganh_nghe_chinh": _text("Ngành, nghề kinh doanh chính"),
                "ma_nganh": _text("Mã ngành kinh tế cấp 4 của ngành, nghề chính"),
                "von_dau_tu": _int("Vốn đầu tư của chủ doanh nghiệp (đồng)", 0, 10_000_000_000_000),
                "ho_ten_chu_doanh_nghiep": _text("Họ và tên chủ doanh nghiệp"),
                "ngay_sinh": _date("Ngày sinh"),
                "gioi_tinh": _enum("Giới tính", GENDERS),
                "so_dinh_danh": _id_number(),
                "noi_thuong_tru": _text("Nơi thường trú"),
            },
            [
                "ten_doanh_nghiep",
                "dia_chi_tru_so",
                "so_dien_thoai",
                "nganh_nghe_chinh",
                "ma_nganh",
                "von_dau_tu",
                "ho_ten_chu_doanh_nghiep",
                "ngay_sinh",
                "so_dinh_danh",
                "noi_thuong_tru",
            ],
        ),
    },
]


# === Xây dựng =======================================================================================


def _building_site() -> dict[str, Any]:
    return {
        "dia_diem_xay_dung": _text("Địa điểm xây dựng"),
        "so_thua": _text("Thửa đất số"),
        "so_to_ban_do": _text("Tờ bản đồ số"),
        "dien_tich_lo_dat": _area("Diện tích lô đất (m²)"),
        "so_giay_chung_nhan": _text("Số Giấy chứng nhận quyền sử dụng đất"),
    }


CONSTRUCTION: list[dict[str, Any]] = [
    {
        "code": "1.013225",  # mã: kiểm tra
        "sector": "XD",
        "name": "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        "competent_agency": COMMUNE_LEVEL,
        "receiving_agencies": COMMUNES,
        "processing_time": 15,
        "processing_time_unit": DAY,
        "online_level": "partial",
        "legacy_level": 3,
        "applicant_kinds": "Hộ gia đình, cá nhân là chủ đầu tư xây dựng nhà ở riêng lẻ",
        "how_to_submit": (
            "Nộp trực tuyến trên Cổng Dịch vụ công quốc gia; nộp trực tiếp tại Trung tâm Phục vụ hành chính "
            "công xã, phường nơi xây dựng công trình; hoặc gửi qua dịch vụ bưu chính công ích."
        ),
        "steps": (
            "Bước 1: Chủ đầu tư nộp hồ sơ đề nghị cấp giấy phép xây dựng.\n"
            "Bước 2: Phòng Kinh tế, Hạ tầng và Đô thị (Phòng Kinh tế) thẩm định hồ sơ, kiểm tra thực địa "
            "(nếu cần); trường hợp hồ sơ thiếu hoặc không đúng quy định thì thông báo một lần để chủ đầu tư "
            "bổ sung, hoàn chỉnh; lấy ý kiến cơ quan quản lý nhà nước về các lĩnh vực liên quan (nếu có).\n"
            "Bước 3: Chủ tịch hoặc Phó Chủ tịch UBND xã, phường ký giấy phép xây dựng.\n"
            "Bước 4: Trả giấy phép xây dựng kèm theo bản vẽ thiết kế có đóng dấu của cơ quan cấp giấy phép."
        ),
        "conditions": (
            "Phù hợp với mục đích sử dụng đất theo quy định của pháp luật về đất đai; phù hợp với quy hoạch "
            "chi tiết xây dựng, thiết kế đô thị hoặc quy chế quản lý kiến trúc đã được phê duyệt; bảo đảm an "
            "toàn cho công trình và công trình lân cận, yêu cầu về bảo vệ môi trường, phòng cháy, chữa cháy; "
            "bảo đảm an toàn hạ tầng kỹ thuật, hành lang bảo vệ công trình thủy lợi, đê điều, năng lượng, "
            "giao thông, khu di sản văn hóa, di tích lịch sử - văn hóa. Nhà ở riêng lẻ có tổng diện tích "
            "sàn xây dựng nhỏ hơn 250 m², dưới 03 tầng hoặc có chiều cao dưới 12 m thì hộ gia đình được tự "
            "tổ chức thiết kế. Nhà ở riêng lẻ ở nông thôn có quy mô dưới 07 tầng không thuộc khu vực có quy "
            "hoạch đô thị, quy hoạch xây dựng khu chức năng hoặc quy hoạch chi tiết xây dựng điểm dân cư "
            "nông thôn được duyệt thì được miễn giấy phép xây dựng."
        ),
        "result_description": "Giấy phép xây dựng kèm theo bản vẽ thiết kế được đóng dấu xác nhận.",
        "legal_basis": XAY_DUNG_LEGAL,
        "fee_description": "Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ theo Nghị quyết của HĐND tỉnh.",
        "required_documents": [
            _doc(
                "Đơn đề nghị cấp giấy phép xây dựng",
                form="Mẫu số 01 Phụ lục II ban hành kèm theo Nghị định số 175/2024/NĐ-CP",
            ),
            _doc(
                "Bản sao một trong những giấy tờ chứng minh quyền sử dụng đất theo quy định của pháp luật về "
                "đất đai",
                "copy",
            ),
            _doc(
                "Bản vẽ thiết kế xây dựng: mặt bằng công trình trên lô đất kèm sơ đồ vị trí công trình; mặt "
                "bằng các tầng, mặt đứng và mặt cắt chính; mặt bằng móng và mặt cắt móng; sơ đồ đấu nối hệ "
                "thống hạ tầng kỹ thuật",
                count=2,
            ),
            _doc(
                "Văn bản cam kết bảo đảm an toàn đối với công trình liền kề (trường hợp công trình xây dựng "
                "có công trình liền kề)",
                mandatory=False,
            ),
        ],
        "fees": [
            # mức thu: HĐND tỉnh
            _fee(
                "Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ",
                50_000,
                "đồng/giấy phép; theo Nghị quyết của HĐND tỉnh",
            ),
        ],
        "workflow": [
            _intake(4, COMMUNE_INTAKE),
            _step(
                "Phòng Kinh tế, Hạ tầng và Đô thị thẩm định hồ sơ, kiểm tra thực địa, dự thảo giấy phép",
                "specialist",
                10,
                DAY,
            ),
            _step("Trưởng phòng kiểm tra, trình ký", "leader", 2, DAY),
            _step(f"{CHU_TICH_XA} ký giấy phép xây dựng", "leader", 2, DAY),
            _return(4),
        ],
        "form_schema": _form(
            "Đơn đề nghị cấp giấy phép xây dựng (nhà ở riêng lẻ)",
            {
                "ho_ten_chu_dau_tu": _text("Họ và tên chủ đầu tư"),
                "so_dinh_danh": _id_number(),
                "dia_chi_lien_he": _text("Địa chỉ liên hệ"),
                "so_dien_thoai": _phone(),
                **_building_site(),
                "dien_tich_xay_dung_tang_1": _area("Diện tích xây dựng tầng 1 (m²)"),
                "tong_dien_tich_san": _area("Tổng diện tích sàn (m²)"),
                "chieu_cao_cong_trinh": _area("Chiều cao công trình (m)"),
                "so_tang": _int("Số tầng", 1, 20),
                "co_tang_ham": _bool("Có tầng hầm"),
                "don_vi_thiet_ke": _text("Tổ chức, cá nhân thiết kế (để trống nếu hộ gia đình tự thiết kế)"),
                "thoi_gian_hoan_thanh_du_kien": _int("Dự kiến thời gian hoàn thành (tháng)", 1, 60),
            },
            [
                "ho_ten_chu_dau_tu",
                "so_dinh_danh",
                "dia_chi_lien_he",
                "so_dien_thoai",
                "dia_diem_xay_dung",
                "so_thua",
                "so_to_ban_do",
                "dien_tich_lo_dat",
                "tong_dien_tich_san",
                "so_tang",
            ],
        ),
    },
    {
        "code": "1.009972",  # mã: kiểm tra
        "sector": "XD",
        "name": "Cấp giấy phép xây dựng mới đối với công trình cấp I, cấp II (công trình không theo tuyến)",
        "competent_agency": SO_XAY_DUNG,
        "receiving_agencies": [SERVICE_CENTER],
        "processing_time": 20,
        "processing_time_unit": DAY,
        "online_level": "partial",
        "legacy_level": 3,
        "applicant_kinds": "Tổ chức, cá nhân là chủ đầu tư xây dựng công trình",
        "how_to_submit": (
            "Nộp trực tuyến trên Cổng Dịch vụ công quốc gia; nộp trực tiếp tại Trung tâm Phục vụ hành chính "
            "công tỉnh (Quầy số 2); hoặc gửi qua dịch vụ bưu chính công ích."
        ),
        "steps": (
            "Bước 1: Chủ đầu tư nộp hồ sơ đề nghị cấp giấy phép xây dựng.\n"
            "Bước 2: Sở Xây dựng thẩm định hồ sơ, kiểm tra thực địa (nếu cần); gửi văn bản lấy ý kiến các cơ "
            "quan quản lý nhà nước về lĩnh vực liên quan; thông báo một lần để chủ đầu tư bổ sung hồ sơ "
            "(nếu có).\n"
            "Bước 3: Lãnh đạo Sở Xây dựng ký giấy phép xây dựng.\n"
            "Bước 4: Trả giấy phép xây dựng kèm theo bản vẽ thiết kế có đóng dấu của cơ quan cấp giấy phép."
        ),
        "conditions": (
            "Phù hợp với mục đích sử dụng đất, quy hoạch được phê duyệt và mục tiêu đầu tư; bảo đảm an toàn "
            "công trình, công trình lân cận, yêu cầu bảo vệ môi trường, phòng cháy và chữa cháy; thiết kế xây "
            "dựng đã được thẩm định, phê duyệt theo quy định; đáp ứng yêu cầu về chỉ giới xây dựng, chỉ giới "
            "đường đỏ, mật độ xây dựng, hệ số sử dụng đất, chiều cao công trình."
        ),
        "result_description": "Giấy phép xây dựng kèm theo bản vẽ thiết kế được đóng dấu xác nhận.",
        "legal_basis": XAY_DUNG_LEGAL,
        "fee_description": "Lệ phí cấp giấy phép xây dựng công trình theo Nghị quyết của HĐND tỉnh.",
        "required_documents": [
            _doc(
                "Đơn đề nghị cấp giấy phép xây dựng",
                form="Mẫu số 01 Phụ lục II ban hành kèm theo Nghị định số 175/2024/NĐ-CP",
            ),
            _doc(
                "Bản sao giấy tờ chứng minh quyền sử dụng đất theo quy định của pháp luật về đất đai", "copy"
            ),
            _doc(
                "Bản sao quyết định phê duyệt dự án, văn bản thông báo kết quả thẩm định Báo cáo nghiên cứu "
                "khả thi và thẩm định thiết kế xây dựng của cơ quan chuyên môn về xây dựng",
                "copy",
            ),
            _doc("Bản vẽ thiết kế xây dựng triển khai sau thiết kế cơ sở đã được phê duyệt", count=2),
            _doc(
                "Văn bản chấp thuận độ cao công trình, văn bản của cơ quan quản lý chuyên ngành về các yêu "
                "cầu liên quan (nếu có)",
                "copy",
                mandatory=False,
            ),
        ],
        "fees": [
            # mức thu: HĐND tỉnh
            _fee(
                "Lệ phí cấp giấy phép xây dựng công trình",
                100_000,
                "đồng/giấy phép; theo Nghị quyết của HĐND tỉnh",
            ),
        ],
        "workflow": [
            _intake(4),
            _step(
                "Thẩm định hồ sơ, kiểm tra thực địa, lấy ý kiến cơ quan liên quan, dự thảo giấy phép",
                "specialist",
                13,
                DAY,
                agency=SO_XAY_DUNG,
                agency_unit="QLHDXD",
            ),
            _step(
                "Trưởng phòng Quản lý hoạt động xây dựng kiểm tra, trình ký",
                "leader",
                2,
                DAY,
                agency=SO_XAY_DUNG,
                agency_unit="QLHDXD",
            ),
            _step("Lãnh đạo Sở Xây dựng ký giấy phép xây dựng", "leader", 4, DAY, agency=SO_XAY_DUNG),
            _return(4),
        ],
        "form_schema": _form(
            "Đơn đề nghị cấp giấy phép xây dựng (công trình cấp I, cấp II)",
            {
                **_business_contact(),
                "ten_cong_trinh": _text("Tên công trình"),
                **_building_site(),
                "loai_cong_trinh": _enum(
                    "Loại công trình",
                    [
                        "Công trình dân dụng",
                        "Công trình công nghiệp",
                        "Công trình hạ tầng kỹ thuật",
                        "Công trình nông nghiệp và phát triển nông thôn",
                        "Công trình khác",
                    ],
                ),
                "cap_cong_trinh": _enum("Cấp công trình", ["Cấp I", "Cấp II"]),
                "tong_dien_tich_san": _area("Tổng diện tích sàn (m²)"),
                "chieu_cao_cong_trinh": _area("Chiều cao công trình (m)"),
                "so_tang": _int("Số tầng (kể cả tầng hầm)", 1, 100),
                "thoi_gian_hoan_thanh_du_kien": _int("Dự kiến thời gian hoàn thành (tháng)", 1, 120),
            },
            [
                "ten_doanh_nghiep",
                "ma_so_doanh_nghiep",
                "dia_chi_tru_so",
                "nguoi_dai_dien",
                "so_dien_thoai",
                "ten_cong_trinh",
                "dia_diem_xay_dung",
                "loai_cong_trinh",
                "cap_cong_trinh",
                "tong_dien_tich_san",
                "so_tang",
            ],
        ),
    },
]


# === Đất đai ========================================================================================

LAND_USE = [
    "Đất ở tại nông thôn",
    "Đất ở tại đô thị",
    "Đất trồng lúa",
    "Đất trồng cây hằng năm khác",
    "Đất trồng cây lâu năm",
    "Đất rừng sản xuất",
    "Đất nuôi trồng thủy sản",
    "Đất thương mại, dịch vụ",
]

LAND: list[dict[str, Any]] = [
    {
        "code": "1.012753",  # mã: kiểm tra
        "sector": "DD",
        "name": (
            "Đăng ký đất đai, tài sản gắn liền với đất và cấp Giấy chứng nhận quyền sử dụng đất, quyền sở "
            "hữu tài sản gắn liền với đất lần đầu đối với cá nhân, hộ gia đình"
        ),
        "competent_agency": COMMUNE_LEVEL,
        "receiving_agencies": COMMUNES,
        "processing_time": 20,
        "processing_time_unit": DAY,
        "pause_clock_on_financial_obligation": True,
        "online_level": "partial",
        "legacy_level": 3,
        "applicant_kinds": "Cá nhân, hộ gia đình, cộng đồng dân cư đang sử dụng đất",
        "how_to_submit": (
            "Nộp trực tiếp tại Trung tâm Phục vụ hành chính công xã, phường nơi có đất; nộp trực tuyến trên "
            "Cổng Dịch vụ công quốc gia; hoặc gửi qua dịch vụ bưu chính công ích."
        ),
        "steps": (
            "Bước 1: Người sử dụng đất nộp hồ sơ đăng ký, cấp Giấy chứng nhận lần đầu.\n"
            "Bước 2: UBND xã, phường kiểm tra hồ sơ, xác nhận hiện trạng sử dụng đất, nguồn gốc, thời điểm "
            "sử dụng đất, tình trạng tranh chấp, sự phù hợp với quy hoạch; niêm yết công khai kết quả kiểm "
            "tra theo quy định.\n"
            "Bước 3: Văn phòng Đăng ký đất đai (hoặc Chi nhánh) trích lục hoặc trích đo bản đồ địa chính, "
            "kiểm tra hồ sơ, cập nhật hồ sơ địa chính và gửi thông tin để xác định nghĩa vụ tài chính.\n"
            "Bước 4: Người sử dụng đất thực hiện nghĩa vụ tài chính (thời gian thực hiện nghĩa vụ tài chính "
            "không tính vào thời hạn giải quyết).\n"
            "Bước 5: Chủ tịch UBND xã, phường ký Giấy chứng nhận; trả kết quả."
        ),
        "conditions": (
            "Đất đang sử dụng ổn định, không có tranh chấp; có một trong các loại giấy tờ về quyền sử dụng "
            "đất theo quy định hoặc đáp ứng điều kiện được cấp Giấy chứng nhận đối với trường hợp không có "
            "giấy tờ theo Luật Đất đai năm 2024; phù hợp với quy hoạch sử dụng đất. Thời gian thực hiện "
            "nghĩa vụ tài chính và thời gian xem xét xử lý trường hợp sử dụng đất có vi phạm pháp luật không "
            "tính vào thời hạn giải quyết."
        ),
        "result_description": "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất.",
        "legal_basis": DAT_DAI_LEGAL,
        "fee_description": (
            "Lệ phí cấp Giấy chứng nhận và phí thẩm định hồ sơ theo Nghị quyết của HĐND tỉnh. Ngoài ra người "
            "sử dụng đất thực hiện nghĩa vụ tài chính theo thông báo của cơ quan thuế (tiền sử dụng đất, lệ "
            "phí trước bạ... nếu có)."
        ),
        "required_documents": [
            _doc("Đơn đăng ký đất đai, tài sản gắn liền với đất", form="Mẫu số 04/ĐK"),
            _doc(
                "Một trong các loại giấy tờ về quyền sử dụng đất theo quy định tại Điều 137 Luật Đất đai "
                "năm 2024 (nếu có)",
                "copy",
                mandatory=False,
            ),
            _doc(
                "Giấy tờ về tài sản gắn liền với đất (trường hợp đề nghị chứng nhận quyền sở hữu tài sản)",
                "copy",
                mandatory=False,
            ),
            _doc("Mảnh trích đo bản đồ địa chính thửa đất (nếu có)", mandatory=False),
            _doc(
                "Chứng từ thực hiện nghĩa vụ tài chính hoặc giấy tờ liên quan đến việc miễn, giảm nghĩa vụ tài "
                "chính (nếu có)",
                "copy",
                mandatory=False,
            ),
        ],
        "fees": [
            # mức thu: HĐND tỉnh
            _fee(
                "Lệ phí cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
                100_000,
                "đồng/giấy; theo Nghị quyết của HĐND tỉnh",
            ),
            _fee(
                "Phí thẩm định hồ sơ cấp Giấy chứng nhận",
                300_000,
                "đồng/hồ sơ; theo Nghị quyết của HĐND tỉnh",
            ),
        ],
        "workflow": [
            _intake(4, COMMUNE_INTAKE),
            _step(
                "Phòng Kinh tế, Hạ tầng và Đô thị kiểm tra, xác nhận hiện trạng, nguồn gốc sử dụng đất, "
                "niêm yết công khai",
                "specialist",
                7,
                DAY,
            ),
            _step(
                "Văn phòng Đăng ký đất đai trích đo, kiểm tra hồ sơ địa chính, chuyển thông tin xác định "
                "nghĩa vụ tài chính, in Giấy chứng nhận",
                "specialist",
                10,
                DAY,
                agency=SO_NONG_NGHIEP_MOI_TRUONG,
                agency_unit="VPDKDD",
            ),
            _step(f"{CHU_TICH_XA} ký Giấy chứng nhận", "leader", 2, DAY),
            _return(4),
        ],
        "form_schema": _form(
            "Đơn đăng ký đất đai, tài sản gắn liền với đất",
            {
                "ho_ten": _text("Họ và tên người sử dụng đất"),
                "so_dinh_danh": _id_number(),
                "dia_chi": _text("Địa chỉ thường trú"),
                "so_dien_thoai": _phone(),
                "dia_chi_thua_dat": _text("Địa chỉ thửa đất"),
                "so_thua": _text("Thửa đất số"),
                "so_to_ban_do": _text("Tờ bản đồ số"),
                "dien_tich": _area("Diện tích (m²)"),
                "muc_dich_su_dung": _enum("Mục đích sử dụng đất", LAND_USE),
                "nguon_goc_su_dung": _long_text("Nguồn gốc sử dụng đất"),
                "thoi_diem_bat_dau_su_dung": _date("Thời điểm bắt đầu sử dụng đất"),
                "co_tai_san_gan_lien": _bool("Đề nghị chứng nhận quyền sở hữu tài sản gắn liền với đất"),
                "de_nghi_ghi_no": _bool("Đề nghị ghi nợ tiền sử dụng đất (nếu đủ điều kiện)"),
            },
            [
                "ho_ten",
                "so_dinh_danh",
                "dia_chi",
                "so_dien_thoai",
                "dia_chi_thua_dat",
                "so_thua",
                "so_to_ban_do",
                "dien_tich",
                "muc_dich_su_dung",
                "nguon_goc_su_dung",
                "thoi_diem_bat_dau_su_dung",
            ],
        ),
    },
    {
        "code": "1.013831",  # mã: kiểm tra
        "sector": "DD",
        "name": (
            "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất trong trường hợp "
            "chuyển nhượng, tặng cho, thừa kế"
        ),
        "competent_agency": SO_NONG_NGHIEP_MOI_TRUONG,
        "receiving_agencies": [SERVICE_CENTER, *COMMUNES],
        "processing_time": 10,
        "processing_time_unit": DAY,
        "pause_clock_on_financial_obligation": True,
        "online_level": "partial",
        "legacy_level": 3,
        "applicant_kinds": "Cá nhân, tổ chức nhận chuyển nhượng, nhận tặng cho, nhận thừa kế quyền sử dụng đất",
        "how_to_submit": (
            "Nộp trực tiếp tại Trung tâm Phục vụ hành chính công tỉnh (Quầy số 4) hoặc Trung tâm Phục vụ "
            "hành chính công xã, phường; nộp trực tuyến trên Cổng Dịch vụ công quốc gia; hoặc gửi qua dịch "
            "vụ bưu chính công ích."
        ),
        "steps": (
            "Bước 1: Người đề nghị đăng ký biến động nộp hồ sơ.\n"
            "Bước 2: Văn phòng Đăng ký đất đai kiểm tra hồ sơ, gửi thông tin đến cơ quan thuế để xác định "
            "nghĩa vụ tài chính.\n"
            "Bước 3: Người sử dụng đất nộp lệ phí trước bạ, thuế thu nhập cá nhân (nếu có) theo thông báo "
            "của cơ quan thuế; thời gian này không tính vào thời hạn giải quyết.\n"
            "Bước 4: Văn phòng Đăng ký đất đai xác nhận nội dung biến động vào Giấy chứng nhận đã cấp hoặc "
            "cấp Giấy chứng nhận mới; cập nhật, chỉnh lý hồ sơ địa chính, cơ sở dữ liệu đất đai.\n"
            "Bước 5: Trả kết quả."
        ),
        "conditions": (
            "Có Giấy chứng nhận; đất không có tranh chấp hoặc tranh chấp đã được giải quyết; quyền sử dụng "
            "đất không bị kê biên, áp dụng biện pháp khác để bảo đảm thi hành án; trong thời hạn sử dụng "
            "đất; quyền sử dụng đất không bị áp dụng biện pháp khẩn cấp tạm thời. Hợp đồng, văn bản chuyển quyền phải "
            "được công chứng hoặc chứng thực theo quy định. Người sử dụng đất phải đăng ký biến động trong "
            "thời hạn 30 ngày kể từ ngày hợp đồng, văn bản có hiệu lực."
        ),
        "result_description": (
            "Giấy chứng nhận đã được xác nhận nội dung biến động hoặc Giấy chứng nhận quyền sử dụng đất, "
            "quyền sở hữu tài sản gắn liền với đất mới."
        ),
        "legal_basis": DAT_DAI_LEGAL,
        "fee_description": (
            "Lệ phí cấp Giấy chứng nhận (trường hợp cấp mới) theo Nghị quyết của HĐND tỉnh. Nghĩa vụ tài "
            "chính theo thông báo của cơ quan thuế: lệ phí trước bạ 0,5% giá tính lệ phí trước bạ; thuế thu "
            "nhập cá nhân 2% giá chuyển nhượng (trừ trường hợp được miễn)."
        ),
        "required_documents": [
            _doc("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất", form="Mẫu số 11/ĐK"),
            _doc(
                "Hợp đồng, văn bản về việc chuyển nhượng, tặng cho, thừa kế quyền sử dụng đất, tài sản gắn "
                "liền với đất đã được công chứng hoặc chứng thực",
            ),
            _doc("Giấy chứng nhận đã cấp (bản gốc)"),
            _doc("Tờ khai lệ phí trước bạ, tờ khai thuế thu nhập cá nhân"),
        ],
        "fees": [
            # mức thu: HĐND tỉnh
            _fee(
                "Lệ phí cấp Giấy chứng nhận (trường hợp cấp mới Giấy chứng nhận)",
                50_000,
                "đồng/giấy; theo Nghị quyết của HĐND tỉnh",
            ),
        ],
        "workflow": [
            _intake(4),
            _step(
                "Kiểm tra hồ sơ, chuyển thông tin xác định nghĩa vụ tài chính",
                "specialist",
                6,
                DAY,
                agency=SO_NONG_NGHIEP_MOI_TRUONG,
                agency_unit="VPDKDD",
            ),
            _step(
                "Lãnh đạo Văn phòng Đăng ký đất đai ký xác nhận biến động hoặc trình cấp Giấy chứng nhận mới",
                "leader",
                2,
                DAY,
                agency=SO_NONG_NGHIEP_MOI_TRUONG,
                agency_unit="VPDKDD",
            ),
            _step(
                "Chỉnh lý hồ sơ địa chính, cập nhật cơ sở dữ liệu đất đai, chuyển kết quả",
                "clerk",
                1,
                DAY,
                agency=SO_NONG_NGHIEP_MOI_TRUONG,
                agency_unit="VPDKDD",
            ),
            _return(4),
        ],
        "form_schema": _form(
            "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất",
            {
                "loai_bien_dong": _enum("Loại biến động", ["Chuyển nhượng", "Tặng cho", "Thừa kế"]),
                "ho_ten_ben_chuyen": _text("Họ và tên bên chuyển quyền"),
                "so_dinh_danh_ben_chuyen": _id_number("Số định danh cá nhân bên chuyển quyền"),
                "ho_ten_ben_nhan": _text("Họ và tên bên nhận quyền"),
                "so_dinh_danh_ben_nhan": _id_number("Số định danh cá nhân bên nhận quyền"),
                "so_dien_thoai": _phone(),
                "so_phat_hanh_gcn": _text("Số phát hành Giấy chứng nhận"),
                "so_vao_so_cap_gcn": _text("Số vào sổ cấp Giấy chứng nhận"),
                "so_thua": _text("Thửa đất số"),
                "so_to_ban_do": _text("Tờ bản đồ số"),
                "dia_chi_thua_dat": _text("Địa chỉ thửa đất"),
                "ngay_cong_chung": _date("Ngày công chứng, chứng thực hợp đồng, văn bản"),
                "de_nghi_cap_gcn_moi": _bool("Đề nghị cấp Giấy chứng nhận mới"),
            },
            [
                "loai_bien_dong",
                "ho_ten_ben_chuyen",
                "ho_ten_ben_nhan",
                "so_dinh_danh_ben_nhan",
                "so_dien_thoai",
                "so_phat_hanh_gcn",
                "so_thua",
                "so_to_ban_do",
                "dia_chi_thua_dat",
                "ngay_cong_chung",
            ],
        ),
    },
]


# === Y tế ===========================================================================================

DEPARTMENT_SUBMIT = (
    "Nộp trực tuyến trên Cổng Dịch vụ công quốc gia; nộp trực tiếp tại Trung tâm Phục vụ hành chính công "
    "tỉnh (Quầy số {counter}); hoặc gửi qua dịch vụ bưu chính công ích."
)

HEALTH: list[dict[str, Any]] = [
    {
        "code": "1.012263",  # mã: kiểm tra
        "sector": "KCB",
        "name": (
            "Cấp mới giấy phép hành nghề đối với chức danh chuyên môn là bác sỹ, y sỹ, điều dưỡng, hộ sinh, "
            "kỹ thuật y, dinh dưỡng lâm sàng, cấp cứu viên ngoại viện, tâm lý lâm sàng"
        ),
        "competent_agency": SO_Y_TE,
        "receiving_agencies": [SERVICE_CENTER],
        "processing_time": 30,
        "processing_time_unit": DAY,
        "online_level": "partial",
        "legacy_level": 3,
        "applicant_kinds": "Người hành nghề khám bệnh, chữa bệnh",
        "how_to_submit": DEPARTMENT_SUBMIT.format(counter=5),
        "steps": (
            "Bước 1: Người đề nghị nộp hồ sơ cấp mới giấy phép hành nghề.\n"
            "Bước 2: Sở Y tế thẩm định hồ sơ; trường hợp hồ sơ chưa hợp lệ thì có văn bản yêu cầu bổ sung, "
            "sửa đổi.\n"
            "Bước 3: Giám đốc Sở Y tế cấp giấy phép hành nghề; trường hợp không cấp thì có văn bản trả lời "
            "và nêu rõ lý do.\n"
            "Bước 4: Trả kết quả và công bố thông tin người hành nghề trên Hệ thống thông tin về quản lý "
            "hoạt động khám bệnh, chữa bệnh."
        ),
        "conditions": (
            "Có văn bằng chuyên môn phù hợp với chức danh đề nghị cấp giấy phép hành nghề; đã hoàn thành "
            "thời gian thực hành theo quy định; có đủ sức khỏe để hành nghề; không thuộc trường hợp đang bị "
            "truy cứu trách nhiệm hình sự, đang chấp hành bản án, đang bị cấm hành nghề hoặc các trường hợp "
            "khác theo quy định của Luật Khám bệnh, chữa bệnh."
        ),
        "result_description": "Giấy phép hành nghề khám bệnh, chữa bệnh.",
        "legal_basis": (
            "Luật Khám bệnh, chữa bệnh số 15/2023/QH15; Nghị định số 96/2023/NĐ-CP ngày 30/12/2023 của Chính "
            "phủ quy định chi tiết một số điều của Luật Khám bệnh, chữa bệnh; Thông tư số 32/2023/TT-BYT ngày "
            "31/12/2023 của Bộ trưởng Bộ Y tế; Thông tư số 59/2023/TT-BTC của Bộ Tài chính quy định mức thu, "
            "chế độ thu, nộp, quản lý và sử dụng phí trong lĩnh vực y tế."
        ),
        "required_documents": [
            _doc(
                "Đơn đề nghị cấp mới giấy phép hành nghề",
                form="Mẫu 01 Phụ lục I ban hành kèm theo Nghị định số 96/2023/NĐ-CP",
            ),
            _doc("Bản sao hợp lệ văn bằng chuyên môn phù hợp với chức danh đề nghị cấp", "certified_copy"),
            _doc("Giấy xác nhận hoàn thành quá trình thực hành khám bệnh, chữa bệnh"),
            _doc(
                "Giấy chứng nhận đủ sức khỏe để hành nghề khám bệnh, chữa bệnh do cơ sở khám bệnh, chữa bệnh "
                "có thẩm quyền cấp trong thời hạn 06 tháng",
            ),
            _doc("Ảnh chân dung cỡ 04 cm x 06 cm chụp trong thời gian không quá 06 tháng", count=2),
        ],
        "fees": [
            _fee("Phí thẩm định cấp giấy phép hành nghề", 360_000, "đồng/hồ sơ"),  # mức thu: kiểm tra
        ],
        "workflow": [
            _intake(4),
            _step(
                "Thẩm định hồ sơ, đối chiếu văn bằng và quá trình thực hành",
                "specialist",
                22,
                DAY,
                agency=SO_Y_TE,
                agency_unit="NVY",
            ),
            _step(
                "Hội đồng tư vấn cấp giấy phép hành nghề xem xét; Trưởng phòng Nghiệp vụ Y tổng hợp, trình ký",
                "specialist",
                4,
                DAY,
                agency=SO_Y_TE,
                agency_unit="NVY",
            ),
            _step("Giám đốc Sở Y tế ký giấy phép hành nghề", "leader", 3, DAY, agency=SO_Y_TE),
            _return(4),
        ],
        "form_schema": _form(
            "Đơn đề nghị cấp mới giấy phép hành nghề",
            {
                "ho_ten": _text("Họ và tên"),
                "ngay_sinh": _date("Ngày, tháng, năm sinh"),
                "gioi_tinh": _enum("Giới tính", GENDERS),
                "so_dinh_danh": _id_number(),
                "dia_chi_cu_tru": _text("Địa chỉ cư trú"),
                "so_dien_thoai": _phone(),
                "email": _email(),
                "chuc_danh": _enum(
                    "Chức danh chuyên môn đề nghị cấp",
                    [
                        "Bác sỹ",
                        "Y sỹ",
                        "Điều dưỡng",
                        "Hộ sinh",
                        "Kỹ thuật y",
                        "Dinh dưỡng lâm sàng",
                        "Cấp cứu viên ngoại viện",
                        "Tâm lý lâm sàng",
                    ],
                ),
                "van_bang_chuyen_mon": _text("Văn bằng chuyên môn"),
                "co_so_dao_tao": _text("Cơ sở đào tạo"),
                "nam_tot_nghiep": _int("Năm tốt nghiệp", 1960, 2100),
                "co_so_thuc_hanh": _text("Cơ sở thực hành khám bệnh, chữa bệnh"),
                "thoi_gian_thuc_hanh_thang": _int("Thời gian thực hành (tháng)", 1, 60),
                "pham_vi_hanh_nghe": _long_text("Phạm vi hành nghề đề nghị"),
            },
            [
                "ho_ten",
                "ngay_sinh",
                "gioi_tinh",
                "so_dinh_danh",
                "dia_chi_cu_tru",
                "so_dien_thoai",
                "chuc_danh",
                "van_bang_chuyen_mon",
                "co_so_dao_tao",
                "nam_tot_nghiep",
                "co_so_thuc_hanh",
                "thoi_gian_thuc_hanh_thang",
            ],
        ),
    },
    {
        "code": "1.004616",  # mã: kiểm tra
        "sector": "DUOC",
        "name": "Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược cho cơ sở bán lẻ thuốc (nhà thuốc, quầy thuốc)",
        "competent_agency": SO_Y_TE,
        "receiving_agencies": [SERVICE_CENTER],
        "processing_time": 20,
        "processing_time_unit": DAY,
        "online_level": "partial",
        "legacy_level": 3,
        "applicant_kinds": "Tổ chức, cá nhân kinh doanh bán lẻ thuốc",
        "how_to_submit": DEPARTMENT_SUBMIT.format(counter=5),
        "steps": (
            "Bước 1: Cơ sở đề nghị nộp hồ sơ cấp Giấy chứng nhận đủ điều kiện kinh doanh dược.\n"
            "Bước 2: Sở Y tế thẩm định hồ sơ; nếu hồ sơ hợp lệ thì tổ chức đánh giá thực tế việc đáp ứng "
            "Thực hành tốt cơ sở bán lẻ thuốc (GPP) tại cơ sở.\n"
            "Bước 3: Giám đốc Sở Y tế cấp Giấy chứng nhận đủ điều kiện kinh doanh dược; trường hợp không cấp "
            "thì trả lời bằng văn bản và nêu rõ lý do.\n"
            "Bước 4: Trả kết quả."
        ),
        "conditions": (
            "Có địa điểm, cơ sở vật chất, kỹ thuật và nhân sự đáp ứng Thực hành tốt cơ sở bán lẻ thuốc "
            "(GPP); người chịu trách nhiệm chuyên môn về dược có Chứng chỉ hành nghề dược phù hợp với loại "
            "hình cơ sở kinh doanh."
        ),
        "result_description": "Giấy chứng nhận đủ điều kiện kinh doanh dược và Giấy chứng nhận đạt Thực hành tốt cơ sở bán lẻ thuốc.",
        "legal_basis": (
            "Luật Dược số 105/2016/QH13 (được sửa đổi, bổ sung bởi Luật số 44/2024/QH15); Nghị định số "
            "54/2017/NĐ-CP ngày 08/5/2017 của Chính phủ (được sửa đổi, bổ sung bởi Nghị định số "
            "155/2018/NĐ-CP); Thông tư số 02/2018/TT-BYT ngày 22/01/2018 của Bộ trưởng Bộ Y tế quy định về "
            "Thực hành tốt cơ sở bán lẻ thuốc; Thông tư số 277/2016/TT-BTC của Bộ Tài chính quy định mức "
            "thu, chế độ thu, nộp, quản lý và sử dụng phí trong lĩnh vực dược, mỹ phẩm."
        ),
        "required_documents": [
            _doc(
                "Đơn đề nghị cấp Giấy chứng nhận đủ điều kiện kinh doanh dược",
                form="Mẫu số 19 Phụ lục I ban hành kèm theo Nghị định số 54/2017/NĐ-CP",
            ),
            _doc("Tài liệu kỹ thuật về địa điểm, trang thiết bị, nhân sự của cơ sở bán lẻ thuốc"),
            _doc(
                "Bản sao Chứng chỉ hành nghề dược của người chịu trách nhiệm chuyên môn về dược",
                "certified_copy",
            ),
            _doc(
                "Bản sao giấy tờ pháp lý chứng minh việc thành lập cơ sở (Giấy chứng nhận đăng ký doanh "
                "nghiệp hoặc Giấy chứng nhận đăng ký hộ kinh doanh)",
                "copy",
            ),
        ],
        "fees": [
            _fee(
                "Phí thẩm định điều kiện kinh doanh thuốc (cơ sở bán lẻ)",
                1_000_000,  # mức thu: kiểm tra
                "đồng/hồ sơ; cơ sở tại vùng có điều kiện kinh tế - xã hội khó khăn, đặc biệt khó khăn thu 500.000 đồng",
            ),
        ],
        "workflow": [
            _intake(4),
            _step(
                "Thẩm định hồ sơ; đoàn đánh giá thực tế việc đáp ứng Thực hành tốt cơ sở bán lẻ thuốc",
                "specialist",
                13,
                DAY,
                agency=SO_Y_TE,
                agency_unit="NVD",
            ),
            _step(
                "Trưởng phòng Nghiệp vụ Dược tổng hợp, trình ký",
                "leader",
                3,
                DAY,
                agency=SO_Y_TE,
                agency_unit="NVD",
            ),
            _step("Giám đốc Sở Y tế ký Giấy chứng nhận", "leader", 3, DAY, agency=SO_Y_TE),
            _return(4),
        ],
        "form_schema": _form(
            "Đơn đề nghị cấp Giấy chứng nhận đủ điều kiện kinh doanh dược",
            {
                "ten_co_so": _text("Tên cơ sở bán lẻ thuốc"),
                "loai_hinh": _enum("Loại hình cơ sở", ["Nhà thuốc", "Quầy thuốc", "Tủ thuốc trạm y tế xã"]),
                "dia_chi_co_so": _text("Địa chỉ cơ sở"),
                "so_dien_thoai": _phone(),
                "email": _email(),
                "ma_so_doanh_nghiep": _tax_code("Mã số doanh nghiệp/hộ kinh doanh"),
                "nguoi_chiu_trach_nhiem": _text("Họ và tên người chịu trách nhiệm chuyên môn về dược"),
                "so_chung_chi_hanh_nghe": _text("Số Chứng chỉ hành nghề dược"),
                "dien_tich_co_so": _area("Diện tích cơ sở (m²)"),
                "co_kinh_doanh_thuoc_kiem_soat_dac_biet": _bool(
                    "Có kinh doanh thuốc phải kiểm soát đặc biệt"
                ),
            },
            [
                "ten_co_so",
                "loai_hinh",
                "dia_chi_co_so",
                "so_dien_thoai",
                "nguoi_chiu_trach_nhiem",
                "so_chung_chi_hanh_nghe",
                "dien_tich_co_so",
            ],
        ),
    },
]


# === Nội vụ (lao động), Giáo dục, Văn hóa - Du lịch ====================================================

OTHER_DEPARTMENTS: list[dict[str, Any]] = [
    {
        "code": "2.001955",
        "sector": "LD",
        "name": "Đăng ký nội quy lao động của doanh nghiệp",
        "competent_agency": SO_NOI_VU,
        "receiving_agencies": [SERVICE_CENTER],
        "processing_time": 7,
        "processing_time_unit": DAY,
        "online_level": "end_to_end",
        "legacy_level": 4,
        "applicant_kinds": "Người sử dụng lao động sử dụng từ 10 người lao động trở lên",
        "how_to_submit": DEPARTMENT_SUBMIT.format(counter=6),
        "steps": (
            "Bước 1: Người sử dụng lao động nộp hồ sơ đăng ký nội quy lao động trong thời hạn 10 ngày kể từ "
            "ngày ban hành nội quy lao động.\n"
            "Bước 2: Sở Nội vụ xem xét nội quy lao động; nếu nội quy có quy định trái với pháp luật thì thông "
            "báo, hướng dẫn người sử dụng lao động sửa đổi, bổ sung và đăng ký lại.\n"
            "Bước 3: Trả kết quả cho người sử dụng lao động."
        ),
        "conditions": (
            "Người sử dụng lao động sử dụng từ 10 người lao động trở lên phải đăng ký nội quy lao động tại cơ "
            "quan chuyên môn về lao động thuộc UBND cấp tỉnh nơi đăng ký kinh doanh. Nội quy lao động có hiệu "
            "lực sau thời hạn 15 ngày kể từ ngày cơ quan nhận được đủ hồ sơ đăng ký."
        ),
        "result_description": (
            "Văn bản của Sở Nội vụ thông báo về việc đăng ký nội quy lao động hoặc hướng dẫn sửa đổi, bổ sung "
            "nội quy lao động."
        ),
        "legal_basis": (
            "Bộ luật Lao động số 45/2019/QH14 (Điều 118, 119, 120, 121); Nghị định số 145/2020/NĐ-CP ngày "
            "14/12/2020 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Bộ luật Lao "
            "động về điều kiện lao động và quan hệ lao động."
        ),
        "fee_description": "Không thu phí, lệ phí.",
        "required_documents": [
            _doc("Văn bản đề nghị đăng ký nội quy lao động"),
            _doc("Nội quy lao động"),
            _doc(
                "Văn bản góp ý của tổ chức đại diện người lao động tại cơ sở (đối với nơi có tổ chức đại diện "
                "người lao động tại cơ sở)",
                mandatory=False,
            ),
            _doc(
                "Các văn bản của người sử dụng lao động có quy định liên quan đến kỷ luật lao động, trách "
                "nhiệm vật chất (nếu có)",
                "copy",
                mandatory=False,
            ),
        ],
        "fees": [],
        "workflow": [
            _intake(4),
            _step(
                "Xem xét nội dung nội quy lao động, dự thảo văn bản trả lời",
                "specialist",
                36,
                agency=SO_NOI_VU,
                agency_unit="LDVL",
            ),
            _step(
                "Trưởng phòng Lao động - Việc làm kiểm tra, trình ký",
                "leader",
                8,
                agency=SO_NOI_VU,
                agency_unit="LDVL",
            ),
            _step("Lãnh đạo Sở Nội vụ ký văn bản", "leader", 4, agency=SO_NOI_VU),
            _return(4),
        ],
        "form_schema": _form(
            "Văn bản đề nghị đăng ký nội quy lao động",
            {
                **_business_contact(),
                "so_lao_dong": _int("Tổng số người lao động", 10, 1_000_000),
                "ngay_ban_hanh_noi_quy": _date("Ngày ban hành nội quy lao động"),
                "co_to_chuc_dai_dien": _bool("Có tổ chức đại diện người lao động tại cơ sở"),
            },
            [
                "ten_doanh_nghiep",
                "ma_so_doanh_nghiep",
                "dia_chi_tru_so",
                "nguoi_dai_dien",
                "so_dien_thoai",
                "so_lao_dong",
                "ngay_ban_hanh_noi_quy",
            ],
        ),
    },
    {
        "code": "2.001914",  # mã: kiểm tra
        "sector": "VBCC",
        "name": "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
        "competent_agency": SO_GIAO_DUC,
        "receiving_agencies": [SERVICE_CENTER],
        "processing_time": 1,
        "processing_time_unit": DAY,
        "cut_off_time": CUT_OFF_15H,
        "online_level": "end_to_end",
        "legacy_level": 4,
        "applicant_kinds": (
            "Người được cấp văn bằng, chứng chỉ; người đại diện theo pháp luật, người đại diện theo ủy quyền; "
            "cha, mẹ, con, vợ, chồng, anh, chị, em ruột, người thừa kế khác trong trường hợp người được cấp "
            "văn bằng, chứng chỉ đã chết"
        ),
        "how_to_submit": DEPARTMENT_SUBMIT.format(counter=6),
        "steps": (
            "Bước 1: Người yêu cầu nộp đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc.\n"
            "Bước 2: Sở Giáo dục và Đào tạo kiểm tra, đối chiếu với sổ gốc cấp văn bằng, chứng chỉ.\n"
            "Bước 3: Lãnh đạo Sở ký bản sao; vào sổ cấp bản sao.\n"
            "Bước 4: Trả bản sao văn bằng, chứng chỉ."
        ),
        "conditions": (
            "Văn bằng, chứng chỉ do Sở Giáo dục và Đào tạo cấp và sổ gốc đang được lưu trữ tại Sở. "
            + SAME_DAY_RULE
        ),
        "result_description": "Bản sao văn bằng, chứng chỉ từ sổ gốc.",
        "legal_basis": (
            "Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ về cấp bản sao từ sổ gốc, chứng thực "
            "bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch; Thông tư số "
            "21/2019/TT-BGDĐT ngày 26/11/2019 của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Quy chế quản lý "
            "bằng tốt nghiệp trung học cơ sở, bằng tốt nghiệp trung học phổ thông, văn bằng giáo dục đại học "
            "và chứng chỉ của hệ thống giáo dục quốc dân."
        ),
        "fee_description": "Không thu phí, lệ phí.",
        "required_documents": [
            _doc("Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc"),
            _doc(
                "Thẻ căn cước, Thẻ căn cước công dân hoặc Hộ chiếu còn giá trị sử dụng của người yêu cầu "
                "(xuất trình khi nộp trực tiếp)",
            ),
            _doc(
                "Giấy tờ chứng minh quan hệ với người được cấp văn bằng, chứng chỉ hoặc văn bản ủy quyền "
                "(trường hợp người yêu cầu không phải là người được cấp)",
                "original_or_certified",
                mandatory=False,
            ),
        ],
        "fees": [],
        "workflow": [
            _intake(1),
            _step(
                "Kiểm tra, đối chiếu sổ gốc và in bản sao",
                "specialist",
                4,
                agency=SO_GIAO_DUC,
                agency_unit="QLCL",
            ),
            _step("Lãnh đạo Sở ký bản sao, vào sổ cấp bản sao", "leader", 2, agency=SO_GIAO_DUC),
            _return(1),
        ],
        "form_schema": _form(
            "Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
            {
                "ho_ten_nguoi_yeu_cau": _text("Họ và tên người yêu cầu"),
                "so_dinh_danh_nguoi_yeu_cau": _id_number("Số định danh cá nhân của người yêu cầu"),
                "so_dien_thoai": _phone(),
                "quan_he": _enum(
                    "Quan hệ với người được cấp văn bằng",
                    [
                        "Bản thân",
                        "Cha, mẹ",
                        "Vợ, chồng",
                        "Con",
                        "Anh, chị, em ruột",
                        "Người đại diện theo ủy quyền",
                        "Người thừa kế khác",
                    ],
                ),
                "ho_ten_nguoi_duoc_cap": _text("Họ và tên người được cấp văn bằng, chứng chỉ"),
                "ngay_sinh_nguoi_duoc_cap": _date("Ngày sinh của người được cấp"),
                "loai_van_bang": _enum(
                    "Loại văn bằng, chứng chỉ",
                    [
                        "Bằng tốt nghiệp trung học phổ thông",
                        "Bằng tốt nghiệp bổ túc trung học",
                        "Chứng chỉ khác do Sở Giáo dục và Đào tạo cấp",
                    ],
                ),
                "nam_tot_nghiep": _int("Năm tốt nghiệp", 1975, 2100),
                "truong": _text("Trường, hội đồng thi"),
                "so_hieu_van_bang": _text("Số hiệu văn bằng (nếu biết)"),
                "so_ban_sao": _int("Số bản sao đề nghị cấp", 1, 10, default=1),
                "hinh_thuc_nhan_ket_qua": _enum("Hình thức nhận kết quả", DELIVERY),
            },
            [
                "ho_ten_nguoi_yeu_cau",
                "so_dinh_danh_nguoi_yeu_cau",
                "quan_he",
                "ho_ten_nguoi_duoc_cap",
                "ngay_sinh_nguoi_duoc_cap",
                "loai_van_bang",
                "nam_tot_nghiep",
                "truong",
                "so_ban_sao",
            ],
        ),
    },
    {
        "code": "1.004628",  # mã: kiểm tra
        "sector": "DL",
        "name": "Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa",
        "competent_agency": SO_VAN_HOA,
        "receiving_agencies": [SERVICE_CENTER],
        "processing_time": 10,
        "processing_time_unit": DAY,
        "online_level": "end_to_end",
        "legacy_level": 4,
        "applicant_kinds": "Doanh nghiệp thành lập theo quy định của pháp luật về doanh nghiệp",
        "how_to_submit": DEPARTMENT_SUBMIT.format(counter=6),
        "steps": (
            "Bước 1: Doanh nghiệp nộp hồ sơ đề nghị cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa.\n"
            "Bước 2: Sở Văn hóa, Thể thao và Du lịch thẩm định hồ sơ.\n"
            "Bước 3: Lãnh đạo Sở cấp Giấy phép; trường hợp từ chối thì thông báo bằng văn bản và nêu rõ lý "
            "do.\n"
            "Bước 4: Trả kết quả."
        ),
        "conditions": (
            "Là doanh nghiệp thành lập theo quy định của pháp luật về doanh nghiệp; ký quỹ kinh doanh dịch "
            "vụ lữ hành nội địa tại ngân hàng theo mức do Chính phủ quy định; người phụ trách kinh doanh dịch "
            "vụ lữ hành tốt nghiệp trung cấp trở lên chuyên ngành về lữ hành, hoặc tốt nghiệp trung cấp trở "
            "lên chuyên ngành khác và có chứng chỉ nghiệp vụ điều hành du lịch nội địa."
        ),
        "result_description": "Giấy phép kinh doanh dịch vụ lữ hành nội địa.",
        "legal_basis": (
            "Luật Du lịch số 09/2017/QH14; Nghị định số 168/2017/NĐ-CP ngày 31/12/2017 của Chính phủ (được "
            "sửa đổi, bổ sung bởi Nghị định số 94/2021/NĐ-CP); Thông tư số 06/2017/TT-BVHTTDL ngày "
            "15/12/2017 của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch; Thông tư số 33/2018/TT-BTC của Bộ Tài "
            "chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm định cấp giấy phép kinh "
            "doanh dịch vụ lữ hành."
        ),
        "required_documents": [
            _doc(
                "Đơn đề nghị cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa",
                form="Mẫu ban hành kèm theo Thông tư số 06/2017/TT-BVHTTDL",
            ),
            _doc("Bản sao Giấy chứng nhận đăng ký doanh nghiệp", "copy"),
            _doc("Giấy chứng nhận ký quỹ kinh doanh dịch vụ lữ hành"),
            _doc(
                "Bản sao quyết định bổ nhiệm hoặc hợp đồng lao động giữa doanh nghiệp và người phụ trách kinh "
                "doanh dịch vụ lữ hành",
                "certified_copy",
            ),
            _doc(
                "Bản sao văn bằng, chứng chỉ của người phụ trách kinh doanh dịch vụ lữ hành",
                "certified_copy",
            ),
        ],
        "fees": [
            _fee(
                "Phí thẩm định cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa",
                3_000_000,  # mức thu: kiểm tra
                "đồng/giấy phép",
            ),
        ],
        "workflow": [
            _intake(4),
            _step(
                "Thẩm định hồ sơ, dự thảo Giấy phép",
                "specialist",
                7,
                DAY,
                agency=SO_VAN_HOA,
                agency_unit="QLDL",
            ),
            _step(
                "Trưởng phòng Quản lý du lịch kiểm tra, trình ký",
                "leader",
                1,
                DAY,
                agency=SO_VAN_HOA,
                agency_unit="QLDL",
            ),
            _step(
                "Lãnh đạo Sở Văn hóa, Thể thao và Du lịch ký Giấy phép", "leader", 1, DAY, agency=SO_VAN_HOA
            ),
            _return(4),
        ],
        "form_schema": _form(
            "Đơn đề nghị cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa",
            {
                **_business_contact(),
                "ten_giao_dich": _text("Tên giao dịch"),
                "nguoi_phu_trach_lu_hanh": _text("Họ và tên người phụ trách kinh doanh dịch vụ lữ hành"),
                "van_bang_nguoi_phu_trach": _text("Văn bằng, chứng chỉ của người phụ trách"),
                "so_tien_ky_quy": _int("Số tiền ký quỹ (đồng)", 0, 10_000_000_000),
                "ngan_hang_ky_quy": _text("Ngân hàng nhận ký quỹ"),
            },
            [
                "ten_doanh_nghiep",
                "ma_so_doanh_nghiep",
                "dia_chi_tru_so",
                "nguoi_dai_dien",
                "so_dien_thoai",
                "nguoi_phu_trach_lu_hanh",
                "van_bang_nguoi_phu_trach",
                "so_tien_ky_quy",
                "ngan_hang_ky_quy",
            ],
        ),
    },
]


# === Công Thương ====================================================================================

INDUSTRY_TRADE: list[dict[str, Any]] = [
    {
        "code": "2.000591",  # mã: kiểm tra
        "sector": "ATTP",
        "name": (
            "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh "
            "thực phẩm do Sở Công Thương thực hiện"
        ),
        "competent_agency": SO_CONG_THUONG,
        "receiving_agencies": [SERVICE_CENTER],
        "processing_time": 20,
        "processing_time_unit": DAY,
        "online_level": "partial",
        "legacy_level": 3,
        "applicant_kinds": (
            "Tổ chức, cá nhân sản xuất, kinh doanh thực phẩm thuộc phạm vi quản lý của ngành Công Thương"
        ),
        "how_to_submit": DEPARTMENT_SUBMIT.format(counter=5),
        "steps": (
            "Bước 1: Cơ sở nộp hồ sơ đề nghị cấp Giấy chứng nhận.\n"
            "Bước 2: Sở Công Thương thẩm định hồ sơ; hồ sơ hợp lệ thì thành lập đoàn thẩm định thực tế tại "
            "cơ sở trong thời hạn 15 ngày làm việc kể từ ngày nhận đủ hồ sơ.\n"
            "Bước 3: Trong thời hạn 05 ngày làm việc kể từ ngày có kết quả thẩm định “Đạt”, Sở Công Thương "
            "cấp Giấy chứng nhận; trường hợp “Chờ hoàn thiện” thì cơ sở khắc phục và đề nghị thẩm định lại.\n"
            "Bước 4: Trả kết quả."
        ),
        "conditions": (
            "Cơ sở đáp ứng điều kiện bảo đảm an toàn thực phẩm về cơ sở vật chất, trang thiết bị, dụng cụ; "
            "chủ cơ sở và người trực tiếp sản xuất, kinh doanh thực phẩm có giấy xác nhận đủ sức khỏe và đã "
            "được tập huấn kiến thức về an toàn thực phẩm. Giấy chứng nhận có hiệu lực 03 năm."
        ),
        "result_description": "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm.",
        "legal_basis": (
            "Luật An toàn thực phẩm số 55/2010/QH12; Nghị định số 15/2018/NĐ-CP ngày 02/02/2018 của Chính "
            "phủ quy định chi tiết thi hành một số điều của Luật An toàn thực phẩm; Nghị định số "
            "17/2020/NĐ-CP ngày 05/02/2020 của Chính phủ; Thông tư số 43/2018/TT-BCT ngày 15/11/2018 của Bộ "
            "trưởng Bộ Công Thương quy định về quản lý an toàn thực phẩm thuộc trách nhiệm của Bộ Công "
            "Thương; Thông tư số 67/2021/TT-BTC của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và "
            "sử dụng phí trong công tác an toàn thực phẩm."
        ),
        "required_documents": [
            _doc(
                "Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
                form="Mẫu số 01 Phụ lục I ban hành kèm theo Thông tư số 43/2018/TT-BCT",
            ),
            _doc(
                "Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc Giấy chứng nhận đăng ký hộ kinh doanh",
                "copy",
            ),
            _doc(
                "Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ bảo đảm điều kiện an toàn thực "
                "phẩm",
                form="Mẫu số 02a hoặc 02b Phụ lục I ban hành kèm theo Thông tư số 43/2018/TT-BCT",
            ),
            _doc(
                "Giấy xác nhận đủ sức khỏe hoặc danh sách tổng hợp xác nhận đủ sức khỏe của chủ cơ sở và "
                "người trực tiếp sản xuất, kinh doanh thực phẩm",
                "copy",
            ),
            _doc(
                "Giấy xác nhận đã được tập huấn kiến thức về an toàn thực phẩm của chủ cơ sở và người trực "
                "tiếp sản xuất, kinh doanh thực phẩm",
                "copy",
            ),
        ],
        "fees": [  # mức thu: kiểm tra (Thông tư số 67/2021/TT-BTC)
            _fee("Phí thẩm định cơ sở kinh doanh thực phẩm", 1_000_000, "đồng/lần/cơ sở"),
            _fee(
                "Phí thẩm định cơ sở sản xuất thực phẩm (trừ cơ sở sản xuất nhỏ lẻ)",
                2_500_000,
                "đồng/lần/cơ sở",
            ),
            _fee("Phí thẩm định cơ sở sản xuất thực phẩm nhỏ lẻ", 500_000, "đồng/lần/cơ sở"),
        ],
        "workflow": [
            _intake(4),
            _step(
                "Thẩm định hồ sơ; đoàn thẩm định thực tế điều kiện an toàn thực phẩm tại cơ sở",
                "specialist",
                13,
                DAY,
                agency=SO_CONG_THUONG,
                agency_unit="KTAT",
            ),
            _step(
                "Trưởng phòng Kỹ thuật an toàn và Môi trường tổng hợp, trình ký",
                "leader",
                2,
                DAY,
                agency=SO_CONG_THUONG,
                agency_unit="KTAT",
            ),
            _step("Lãnh đạo Sở Công Thương ký Giấy chứng nhận", "leader", 4, DAY, agency=SO_CONG_THUONG),
            _return(4),
        ],
        "form_schema": _form(
            "Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
            {
                **_business_contact(),
                "ten_co_so": _text("Tên cơ sở sản xuất, kinh doanh"),
                "dia_chi_co_so": _text("Địa chỉ cơ sở"),
                "loai_hinh": _enum(
                    "Loại hình",
                    [
                        "Cơ sở sản xuất",
                        "Cơ sở kinh doanh",
                        "Cơ sở vừa sản xuất vừa kinh doanh",
                        "Cơ sở sản xuất nhỏ lẻ",
                    ],
                ),
                "mat_hang": _long_text("Mặt hàng sản xuất, kinh doanh"),
                "cong_suat": _text("Công suất thiết kế (đối với cơ sở sản xuất)"),
                "so_lao_dong": _int("Số lao động trực tiếp sản xuất, kinh doanh thực phẩm", 1, 100_000),
            },
            [
                "ten_doanh_nghiep",
                "ma_so_doanh_nghiep",
                "nguoi_dai_dien",
                "so_dien_thoai",
                "ten_co_so",
                "dia_chi_co_so",
                "loai_hinh",
                "mat_hang",
                "so_lao_dong",
            ],
        ),
    },
    {
        "code": "2.000636",  # mã: kiểm tra
        "sector": "LTHH",
        "name": "Cấp Giấy phép bán buôn sản phẩm rượu",
        "competent_agency": SO_CONG_THUONG,
        "receiving_agencies": [SERVICE_CENTER],
        "processing_time": 15,
        "processing_time_unit": DAY,
        "online_level": "end_to_end",
        "legacy_level": 4,
        "applicant_kinds": "Doanh nghiệp",
        "how_to_submit": DEPARTMENT_SUBMIT.format(counter=5),
        "steps": (
            "Bước 1: Doanh nghiệp nộp hồ sơ đề nghị cấp Giấy phép bán buôn sản phẩm rượu.\n"
            "Bước 2: Sở Công Thương xem xét, thẩm định hồ sơ; hồ sơ chưa đầy đủ thì thông báo bằng văn bản "
            "để doanh nghiệp bổ sung.\n"
            "Bước 3: Lãnh đạo Sở Công Thương ký Giấy phép; trường hợp từ chối thì trả lời bằng văn bản và "
            "nêu rõ lý do.\n"
            "Bước 4: Trả kết quả."
        ),
        "conditions": (
            "Là doanh nghiệp được thành lập theo quy định của pháp luật; có quyền sử dụng hợp pháp kho hàng "
            "(hoặc hệ thống kho hàng) có tổng diện tích từ 50 m² trở lên hoặc dung tích từ 100 m³ trở lên, "
            "đáp ứng điều kiện bảo quản sản phẩm rượu; có hệ thống bán buôn sản phẩm rượu trên địa bàn tỉnh "
            "nơi doanh nghiệp đặt trụ sở chính (tối thiểu 01 thương nhân bán lẻ sản phẩm rượu); có văn bản "
            "giới thiệu hoặc hợp đồng nguyên tắc của thương nhân sản xuất, phân phối hoặc bán buôn sản phẩm "
            "rượu khác."
        ),
        "result_description": "Giấy phép bán buôn sản phẩm rượu (thời hạn 05 năm).",
        "legal_basis": (
            "Luật Thương mại số 36/2005/QH11; Nghị định số 105/2017/NĐ-CP ngày 14/9/2017 của Chính phủ về "
            "kinh doanh rượu (được sửa đổi, bổ sung bởi Nghị định số 17/2020/NĐ-CP); Thông tư số "
            "168/2016/TT-BTC của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm "
            "định kinh doanh hàng hóa, dịch vụ hạn chế kinh doanh; hàng hóa, dịch vụ kinh doanh có điều kiện "
            "thuộc lĩnh vực thương mại."
        ),
        "required_documents": [
            _doc(
                "Đơn đề nghị cấp Giấy phép bán buôn sản phẩm rượu",
                form="Mẫu số 01 Phụ lục ban hành kèm theo Nghị định số 105/2017/NĐ-CP",
            ),
            _doc("Bản sao Giấy chứng nhận đăng ký doanh nghiệp", "copy"),
            _doc("Bản sao hợp đồng thuê kho hoặc giấy tờ chứng minh quyền sử dụng hợp pháp kho hàng", "copy"),
            _doc(
                "Bản sao văn bản giới thiệu hoặc hợp đồng nguyên tắc của thương nhân sản xuất, phân phối hoặc "
                "bán buôn sản phẩm rượu khác",
                "copy",
            ),
            _doc("Bản sao hợp đồng nguyên tắc với thương nhân bán lẻ sản phẩm rượu", "copy"),
        ],
        "fees": [
            _fee(
                "Phí thẩm định cấp Giấy phép bán buôn sản phẩm rượu",
                600_000,  # mức thu: kiểm tra
                "đồng/điểm kinh doanh/lần thẩm định (khu vực không thuộc thành phố trực thuộc trung ương)",
            ),
        ],
        "workflow": [
            _intake(4),
            _step(
                "Thẩm định hồ sơ, kiểm tra điều kiện kho hàng và hệ thống bán buôn",
                "specialist",
                10,
                DAY,
                agency=SO_CONG_THUONG,
                agency_unit="QLTM",
            ),
            _step(
                "Trưởng phòng Quản lý thương mại kiểm tra, trình ký",
                "leader",
                2,
                DAY,
                agency=SO_CONG_THUONG,
                agency_unit="QLTM",
            ),
            _step("Lãnh đạo Sở Công Thương ký Giấy phép", "leader", 2, DAY, agency=SO_CONG_THUONG),
            _return(4),
        ],
        "form_schema": _form(
            "Đơn đề nghị cấp Giấy phép bán buôn sản phẩm rượu",
            {
                **_business_contact(),
                "dia_chi_kho": _text("Địa chỉ kho hàng"),
                "dien_tich_kho": _area("Diện tích kho hàng (m²)"),
                "nha_cung_cap": _long_text(
                    "Thương nhân sản xuất, phân phối, bán buôn cung cấp sản phẩm rượu"
                ),
                "so_thuong_nhan_ban_le": _int("Số thương nhân bán lẻ trong hệ thống", 1, 10_000),
                "san_pham": _long_text("Sản phẩm rượu kinh doanh"),
            },
            [
                "ten_doanh_nghiep",
                "ma_so_doanh_nghiep",
                "dia_chi_tru_so",
                "nguoi_dai_dien",
                "so_dien_thoai",
                "dia_chi_kho",
                "dien_tich_kho",
                "nha_cung_cap",
                "so_thuong_nhan_ban_le",
            ],
        ),
    },
]


PROCEDURES: list[dict[str, Any]] = [
    *JUSTICE_DEPARTMENT,
    *CIVIL_STATUS,
    *CERTIFICATION,
    *BUSINESS,
    *CONSTRUCTION,
    *LAND,
    *HEALTH,
    *OTHER_DEPARTMENTS,
    *INDUSTRY_TRADE,
]
