"""Agencies of the demo province: Quảng Trị after the 1 July 2025 reorganisation.

Since 1 July 2025 the new Quảng Trị province is the union of the former Quảng Bình and Quảng Trị
provinces, with its political and administrative centre in Đồng Hới; local government has two tiers
(province and commune/ward), there are no districts any more.

Everything here is demonstration data:

* The identification codes are ILLUSTRATIVE. They follow the short hierarchical layout seen since
  Decision 09/2025/QĐ-TTg (``H50``, ``H50.02``, ``H50.30.01``; see ``motcua.agencies.codes``).
  ``H50`` is the level-1 code of Quảng Trị in the alphabetical table of Decision 20/2020/QĐ-TTg
  (Đồng Tháp ``H20``, Lạng Sơn ``H37``, Nghệ An ``H41`` … Quảng Bình ``H46``, Quảng Trị ``H50``);
  the level-2/3 parts below it are invented.
* Names of the departments follow the 2025 structure (merged Sở Tài chính, Sở Xây dựng, Sở Nội vụ,
  Sở Nông nghiệp và Môi trường, Sở Khoa học và Công nghệ). Names of the internal units are typical,
  not copied from the province's organisation decisions.
* Since 1 March 2025 judicial records (Phiếu lý lịch tư pháp) are issued by the provincial police
  (Công an tỉnh), which took the task over from Sở Tư pháp; the demo's judicial record procedure
  runs through Công an tỉnh Quảng Trị and its Phòng Hồ sơ nghiệp vụ.
* The six communes/wards are real units created on 1 July 2025. Addresses, telephone numbers and
  e-mail addresses are plausible but invented: do not publish them as contact details.
"""

from __future__ import annotations

from typing import Any

PROVINCE = "H50"
SERVICE_CENTER = "H50.20"

SO_NOI_VU = "H50.01"
SO_TU_PHAP = "H50.02"
SO_TAI_CHINH = "H50.03"
SO_XAY_DUNG = "H50.04"
SO_NONG_NGHIEP_MOI_TRUONG = "H50.05"
SO_CONG_THUONG = "H50.06"
SO_Y_TE = "H50.07"
SO_GIAO_DUC = "H50.08"
SO_VAN_HOA = "H50.09"
SO_KHOA_HOC = "H50.10"
# The provincial police belong to the Ministry of Public Security (level-1 code G01), not to the
# province; the demo files them under the province so that the province's working calendar and
# its service center apply to them. The code is as illustrative as the others.
CONG_AN_TINH = "H50.11"

PHUONG_DONG_HOI = "H50.30.01"
PHUONG_DONG_HA = "H50.30.02"
PHUONG_QUANG_TRI = "H50.30.03"
PHUONG_BA_DON = "H50.30.04"
XA_VINH_LINH = "H50.30.05"
XA_LE_THUY = "H50.30.06"

DEPARTMENTS = [
    SO_NOI_VU,
    SO_TU_PHAP,
    SO_TAI_CHINH,
    SO_XAY_DUNG,
    SO_NONG_NGHIEP_MOI_TRUONG,
    SO_CONG_THUONG,
    SO_Y_TE,
    SO_GIAO_DUC,
    SO_VAN_HOA,
    SO_KHOA_HOC,
]
COMMUNES = [PHUONG_DONG_HOI, PHUONG_DONG_HA, PHUONG_QUANG_TRI, PHUONG_BA_DON, XA_VINH_LINH, XA_LE_THUY]


def _department_units(*specialised: tuple[str, str]) -> list[dict[str, Any]]:
    """Văn phòng Sở (the department's one-stop point) plus its specialised units."""
    return [
        {"code": "VP", "name": "Văn phòng Sở", "is_one_stop": True},
        *({"code": code, "name": name, "is_one_stop": False} for code, name in specialised),
    ]


def _commune_units(name: str, *, ward: bool) -> list[dict[str, Any]]:
    """The commune-level structure since 1 July 2025: one-stop centre, office and two divisions."""
    economy = "Phòng Kinh tế, Hạ tầng và Đô thị" if ward else "Phòng Kinh tế"
    return [
        {"code": "MC", "name": f"Trung tâm Phục vụ hành chính công {name}", "is_one_stop": True},
        {
            "code": "VP",
            "name": "Văn phòng HĐND và UBND (công chức Tư pháp - Hộ tịch)",
            "is_one_stop": False,
        },
        {"code": "KT", "name": economy, "is_one_stop": False},
        {"code": "VHXH", "name": "Phòng Văn hóa - Xã hội", "is_one_stop": False},
    ]


# Parents come before their children.
AGENCIES: list[dict[str, Any]] = [
    {
        "code": PROVINCE,
        "name": "Ủy ban nhân dân tỉnh Quảng Trị",
        "short_name": "UBND tỉnh Quảng Trị",
        "name_en": "Quang Tri Provincial People's Committee",
        "kind": "province",
        "parent": None,
        "address": "Số 06 đường Hùng Vương, phường Đồng Hới, tỉnh Quảng Trị",
        "phone": "0232 3822 025",
        "email": "ubnd@quangtri.gov.vn",
        "units": [{"code": "VP", "name": "Văn phòng UBND tỉnh", "is_one_stop": False}],
    },
    {
        "code": SERVICE_CENTER,
        "name": "Trung tâm Phục vụ hành chính công tỉnh Quảng Trị",
        "short_name": "TTPVHCC tỉnh",
        "name_en": "Quang Tri Public Administration Service Center",
        "kind": "service_center",
        "parent": PROVINCE,
        "address": "Số 02 đường Hương Giang, phường Đồng Hới, tỉnh Quảng Trị",
        "phone": "0232 3855 999",
        "email": "ttpvhcc@quangtri.gov.vn",
        "units": [
            {"code": "TNTKQ", "name": "Phòng Tiếp nhận và Trả kết quả", "is_one_stop": True},
            {"code": "HCTH", "name": "Phòng Hành chính - Tổng hợp", "is_one_stop": False},
        ],
    },
    {
        "code": SO_NOI_VU,
        "name": "Sở Nội vụ tỉnh Quảng Trị",
        "short_name": "Sở Nội vụ",
        "name_en": "Department of Home Affairs",
        "kind": "department",
        "parent": PROVINCE,
        "address": "Số 18 đường Quang Trung, phường Đồng Hới, tỉnh Quảng Trị",
        "phone": "0232 3822 310",
        "email": "snv@quangtri.gov.vn",
        "units": _department_units(
            ("TCBC", "Phòng Tổ chức, biên chế và Tổ chức phi chính phủ"),
            ("LDVL", "Phòng Lao động - Việc làm"),
            ("TDKT", "Ban Thi đua - Khen thưởng"),
        ),
    },
    {
        "code": SO_TU_PHAP,
        "name": "Sở Tư pháp tỉnh Quảng Trị",
        "short_name": "Sở Tư pháp",
        "name_en": "Department of Justice",
        "kind": "department",
        "parent": PROVINCE,
        "address": "Số 52 đường Lý Thường Kiệt, phường Đồng Hới, tỉnh Quảng Trị",
        "phone": "0232 3824 466",
        "email": "stp@quangtri.gov.vn",
        "units": _department_units(
            ("HCTP", "Phòng Hành chính tư pháp"),
            ("BTTP", "Phòng Bổ trợ tư pháp"),
        ),
    },
    {
        "code": SO_TAI_CHINH,
        "name": "Sở Tài chính tỉnh Quảng Trị",
        "short_name": "Sở Tài chính",
        "name_en": "Department of Finance",
        "kind": "department",
        "parent": PROVINCE,
        "address": "Số 09 đường Trần Hưng Đạo, phường Đồng Hới, tỉnh Quảng Trị",
        "phone": "0232 3822 540",
        "email": "stc@quangtri.gov.vn",
        "units": _department_units(
            ("DKKD", "Phòng Đăng ký kinh doanh"),
            ("QLG", "Phòng Quản lý giá và công sản"),
        ),
    },
    {
        "code": SO_XAY_DUNG,
        "name": "Sở Xây dựng tỉnh Quảng Trị",
        "short_name": "Sở Xây dựng",
        "name_en": "Department of Construction",
        "kind": "department",
        "parent": PROVINCE,
        "address": "Số 15 đường Nguyễn Hữu Cảnh, phường Đồng Hới, tỉnh Quảng Trị",
        "phone": "0232 3822 612",
        "email": "sxd@quangtri.gov.vn",
        "units": _department_units(
            ("QLHDXD", "Phòng Quản lý hoạt động xây dựng"),
            ("QHKT", "Phòng Quy hoạch - Kiến trúc"),
            ("QLN", "Phòng Quản lý nhà và thị trường bất động sản"),
        ),
    },
    {
        "code": SO_NONG_NGHIEP_MOI_TRUONG,
        "name": "Sở Nông nghiệp và Môi trường tỉnh Quảng Trị",
        "short_name": "Sở NN&MT",
        "name_en": "Department of Agriculture and Environment",
        "kind": "department",
        "parent": PROVINCE,
        "address": "Số 04 đường Hoàng Diệu, phường Đồng Hới, tỉnh Quảng Trị",
        "phone": "0232 3821 460",
        "email": "snnmt@quangtri.gov.vn",
        "units": _department_units(
            ("QLDD", "Phòng Quản lý đất đai"),
            ("VPDKDD", "Văn phòng Đăng ký đất đai"),
            ("MT", "Phòng Môi trường"),
        ),
    },
    {
        "code": SO_CONG_THUONG,
        "name": "Sở Công Thương tỉnh Quảng Trị",
        "short_name": "Sở Công Thương",
        "name_en": "Department of Industry and Trade",
        "kind": "department",
        "parent": PROVINCE,
        "address": "Số 100 đường Lý Thường Kiệt, phường Đồng Hới, tỉnh Quảng Trị",
        "phone": "0232 3822 287",
        "email": "sct@quangtri.gov.vn",
        "units": _department_units(
            ("QLTM", "Phòng Quản lý thương mại"),
            ("KTAT", "Phòng Kỹ thuật an toàn và Môi trường"),
        ),
    },
    {
        "code": SO_Y_TE,
        "name": "Sở Y tế tỉnh Quảng Trị",
        "short_name": "Sở Y tế",
        "name_en": "Department of Health",
        "kind": "department",
        "parent": PROVINCE,
        "address": "Số 02 đường Hải Thượng Lãn Ông, phường Đồng Hới, tỉnh Quảng Trị",
        "phone": "0232 3822 403",
        "email": "syt@quangtri.gov.vn",
        "units": _department_units(
            ("NVY", "Phòng Nghiệp vụ Y"),
            ("NVD", "Phòng Nghiệp vụ Dược"),
        ),
    },
    {
        "code": SO_GIAO_DUC,
        "name": "Sở Giáo dục và Đào tạo tỉnh Quảng Trị",
        "short_name": "Sở GD&ĐT",
        "name_en": "Department of Education and Training",
        "kind": "department",
        "parent": PROVINCE,
        "address": "Số 125 đường Lý Thường Kiệt, phường Đồng Hới, tỉnh Quảng Trị",
        "phone": "0232 3822 329",
        "email": "sgddt@quangtri.gov.vn",
        "units": _department_units(
            ("QLCL", "Phòng Khảo thí và Quản lý chất lượng giáo dục"),
            ("GDTRH", "Phòng Giáo dục Trung học"),
        ),
    },
    {
        "code": SO_VAN_HOA,
        "name": "Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Trị",
        "short_name": "Sở VHTTDL",
        "name_en": "Department of Culture, Sports and Tourism",
        "kind": "department",
        "parent": PROVINCE,
        "address": "Số 01 đường Trần Quang Khải, phường Đồng Hới, tỉnh Quảng Trị",
        "phone": "0232 3822 077",
        "email": "svhttdl@quangtri.gov.vn",
        "units": _department_units(
            ("QLDL", "Phòng Quản lý du lịch"),
            ("QLVH", "Phòng Quản lý văn hóa và Gia đình"),
        ),
    },
    {
        "code": SO_KHOA_HOC,
        "name": "Sở Khoa học và Công nghệ tỉnh Quảng Trị",
        "short_name": "Sở KH&CN",
        "name_en": "Department of Science and Technology",
        "kind": "department",
        "parent": PROVINCE,
        "address": "Số 12 đường Nguyễn Văn Linh, phường Đồng Hới, tỉnh Quảng Trị",
        "phone": "0232 3822 418",
        "email": "skhcn@quangtri.gov.vn",
        "units": _department_units(
            ("QLKH", "Phòng Quản lý khoa học"),
            ("CDS", "Phòng Bưu chính, Viễn thông và Chuyển đổi số"),
        ),
    },
    {
        "code": CONG_AN_TINH,
        "name": "Công an tỉnh Quảng Trị",
        "short_name": "Công an tỉnh",
        "name_en": "Quang Tri Provincial Police",
        "kind": "other",
        "parent": PROVINCE,
        "address": "Số 01 đường Hữu Nghị, phường Đồng Hới, tỉnh Quảng Trị",
        "phone": "0232 3822 471",
        "email": "congan@quangtri.gov.vn",
        "units": [
            {"code": "MC", "name": "Bộ phận Một cửa Công an tỉnh", "is_one_stop": True},
            {"code": "PV06", "name": "Phòng Hồ sơ nghiệp vụ", "is_one_stop": False},
            {"code": "TM", "name": "Phòng Tham mưu", "is_one_stop": False},
        ],
    },
    {
        "code": PHUONG_DONG_HOI,
        "name": "Ủy ban nhân dân phường Đồng Hới",
        "short_name": "UBND phường Đồng Hới",
        "name_en": "Dong Hoi Ward People's Committee",
        "kind": "commune",
        "parent": PROVINCE,
        "address": "Số 36 đường Quách Xuân Kỳ, phường Đồng Hới, tỉnh Quảng Trị",
        "phone": "0232 3828 115",
        "email": "donghoi@quangtri.gov.vn",
        "units": _commune_units("phường Đồng Hới", ward=True),
    },
    {
        "code": PHUONG_DONG_HA,
        "name": "Ủy ban nhân dân phường Đông Hà",
        "short_name": "UBND phường Đông Hà",
        "name_en": "Dong Ha Ward People's Committee",
        "kind": "commune",
        "parent": PROVINCE,
        "address": "Số 36 đường Trần Hưng Đạo, phường Đông Hà, tỉnh Quảng Trị",
        "phone": "0233 3852 234",
        "email": "dongha@quangtri.gov.vn",
        "units": _commune_units("phường Đông Hà", ward=True),
    },
    {
        "code": PHUONG_QUANG_TRI,
        "name": "Ủy ban nhân dân phường Quảng Trị",
        "short_name": "UBND phường Quảng Trị",
        "name_en": "Quang Tri Ward People's Committee",
        "kind": "commune",
        "parent": PROVINCE,
        "address": "Số 05 đường Trần Hưng Đạo, phường Quảng Trị, tỉnh Quảng Trị",
        "phone": "0233 3861 212",
        "email": "phuongquangtri@quangtri.gov.vn",
        "units": _commune_units("phường Quảng Trị", ward=True),
    },
    {
        "code": PHUONG_BA_DON,
        "name": "Ủy ban nhân dân phường Ba Đồn",
        "short_name": "UBND phường Ba Đồn",
        "name_en": "Ba Don Ward People's Committee",
        "kind": "commune",
        "parent": PROVINCE,
        "address": "Số 283 đường Hùng Vương, phường Ba Đồn, tỉnh Quảng Trị",
        "phone": "0232 3512 068",
        "email": "badon@quangtri.gov.vn",
        "units": _commune_units("phường Ba Đồn", ward=True),
    },
    {
        "code": XA_VINH_LINH,
        "name": "Ủy ban nhân dân xã Vĩnh Linh",
        "short_name": "UBND xã Vĩnh Linh",
        "name_en": "Vinh Linh Commune People's Committee",
        "kind": "commune",
        "parent": PROVINCE,
        "address": "Khu phố 3, xã Vĩnh Linh, tỉnh Quảng Trị",
        "phone": "0233 3823 145",
        "email": "vinhlinh@quangtri.gov.vn",
        "units": _commune_units("xã Vĩnh Linh", ward=False),
    },
    {
        "code": XA_LE_THUY,
        "name": "Ủy ban nhân dân xã Lệ Thủy",
        "short_name": "UBND xã Lệ Thủy",
        "name_en": "Le Thuy Commune People's Committee",
        "kind": "commune",
        "parent": PROVINCE,
        "address": "Tổ dân phố 5, xã Lệ Thủy, tỉnh Quảng Trị",
        "phone": "0232 3882 326",
        "email": "lethuy@quangtri.gov.vn",
        "units": _commune_units("xã Lệ Thủy", ward=False),
    },
]

# Reception counters of the provincial service center and the departments whose dossiers they take.
COUNTERS: list[dict[str, Any]] = [
    {
        "agency": SERVICE_CENTER,
        "number": 1,
        "name": "Tư pháp - Lý lịch tư pháp (Công an tỉnh)",
        "serves": [SO_TU_PHAP, CONG_AN_TINH],
    },
    {"agency": SERVICE_CENTER, "number": 2, "name": "Xây dựng", "serves": [SO_XAY_DUNG]},
    {
        "agency": SERVICE_CENTER,
        "number": 3,
        "name": "Tài chính - Đăng ký kinh doanh",
        "serves": [SO_TAI_CHINH],
    },
    {
        "agency": SERVICE_CENTER,
        "number": 4,
        "name": "Nông nghiệp và Môi trường - Đất đai",
        "serves": [SO_NONG_NGHIEP_MOI_TRUONG],
    },
    {
        "agency": SERVICE_CENTER,
        "number": 5,
        "name": "Y tế - Công Thương",
        "serves": [SO_Y_TE, SO_CONG_THUONG],
    },
    {
        "agency": SERVICE_CENTER,
        "number": 6,
        "name": "Nội vụ - Giáo dục - Văn hóa - Khoa học",
        "serves": [SO_NOI_VU, SO_GIAO_DUC, SO_VAN_HOA, SO_KHOA_HOC],
    },
]
