"""The `DongBoHoSoMC` body of a dossier and its `CapNhatTienDoHoSoMC` progress rows.

`build(dossier)` reads the dossier and its history in a fixed number of queries and returns the body
with every key of `fields.DOSSIER` (and of each list's rows); `progress_rows(dossier)` gives one row
per hand-over. Both are what would be sent now: the sync builds them at sending time, so a dossier
that changed three times while the portal was down is sent once, as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse

from motcua.agencies.models import Role, StaffRole, Unit
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.states import national_code

from . import conf, flags
from .dates import fmt

Kind = DossierEvent.Kind

# The events that hand the dossier from one holder to the next (Form 06, plus the reception).
HANDOVERS = frozenset({Kind.RECEIVED, Kind.TRANSFERRED, Kind.RESOLVED, Kind.RETURNED})

RETURN_TEXT = {
    "counter": "Trả kết quả trực tiếp tại Bộ phận Một cửa",
    "postal": "Trả kết quả qua dịch vụ bưu chính công ích",
    "electronic": "Trả kết quả trực tuyến trên Cổng Dịch vụ công",
}
PAPER_FORMS = {"original": "Bản chính", "certified_copy": "Bản sao có chứng thực", "copy": "Bản sao"}


def load_many(dossier_ids: Iterable[int]) -> list[Dossier]:
    """The dossiers with everything the body reads: a fixed number of queries for the whole batch."""
    return list(
        Dossier.objects.filter(pk__in=list(dossier_ids))
        .select_related("procedure_version__procedure__sector", "current_agency", "receiving_agency", "owner")
        .prefetch_related(
            "attachments",
            "paper_documents__required_document",
            Prefetch("results", to_attr="result_list"),
            Prefetch("events", queryset=DossierEvent.objects.order_by("seq"), to_attr="event_list"),
            "procedure_version__fees",
        )
        .order_by("pk")
    )


def load(dossier_id: int) -> Dossier:
    """One dossier with everything the body reads."""
    found = load_many([dossier_id])
    if not found:
        raise Dossier.DoesNotExist(dossier_id)
    return found[0]


@dataclass(frozen=True)
class Directory:
    """Names of the units and titles of the officers that progress rows mention, read once per batch."""

    units: dict[int, str]
    titles: dict[int, str]


def directory_for(dossiers: Iterable[Dossier]) -> Directory:
    events = [e for d in dossiers for e in _events(d) if e.kind in HANDOVERS]
    unit_ids = {e.payload.get("from_unit_id") for e in events} - {None}
    actor_ids = {e.actor_id for e in events} - {None}
    titles: dict[int, str] = {}
    posts = StaffRole.objects.filter(user_id__in=actor_ids).order_by("pk").values_list("user_id", "role")
    for user_id, role in posts:
        titles.setdefault(user_id, str(Role(role).label))
    return Directory(dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name")), titles)


def _events(dossier: Dossier) -> list[DossierEvent]:
    cached = getattr(dossier, "event_list", None)
    return cached if cached is not None else list(dossier.events.order_by("seq"))


def _link(path: str) -> str:
    base = conf.file_base_url()
    return f"{base}{path}" if base else path


def result_link(dossier: Dossier) -> str:
    try:
        return _link(reverse("portal:result", kwargs={"code": dossier.code}))
    except NoReverseMatch:  # pragma: no cover  (a deployment without the portal)
        return _link(f"/ho-so/{dossier.code}/ket-qua/")


def _results(dossier: Dossier) -> list[dict[str, Any]]:
    results = getattr(dossier, "result_list", None)
    if results is None:
        results = list(dossier.results.all())
    if not results:
        return []
    latest = max(results, key=lambda r: r.pk)  # the version the applicant receives
    return [
        {
            "TenGiayTo": latest.name,
            "MaThanhPhanHoSo": "",
            "GiayToId": str(latest.pk),
            "DuongDanTepTinKetQua": result_link(dossier),
            "MaGiayToKetQua": latest.notation or latest.sha256[:32],
        }
    ]


def _supplements(dossier: Dossier, events: Sequence[DossierEvent], layout: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    open_row: dict[str, Any] | None = None
    for event in events:
        if event.kind == Kind.SUPPLEMENT_REQUESTED:
            missing = event.payload.get("missing") or []
            open_row = {
                "HoSoBoSungId": f"{dossier.code}-{event.seq}",
                "NguoiYeuCauBoSung": event.actor_name,
                "NoiDungBoSung": "; ".join(str(m) for m in missing) or event.note,
                "NgayBoSung": fmt(event.at, layout),
                "NguoiTiepNhanBoSung": "",
                "ThongTinTiepNhan": "",
                "NgayTiepNhanBoSung": "",
                "TrangThaiBoSung": "0",
                "DanhSachGiayToBoSung": "",
                "DanhSachLePhiBoSung": "",
                "NgayHenTraTruoc": fmt(event.payload.get("due_at_before") or "", layout),
                "NgayHenTraMoi": "",
            }
            rows.append(open_row)
        elif event.kind == Kind.SUPPLEMENTED and open_row is not None:
            open_row.update(
                NguoiTiepNhanBoSung=event.actor_name,
                ThongTinTiepNhan=event.note,
                NgayTiepNhanBoSung=fmt(event.at, layout),
                TrangThaiBoSung="1",
                DanhSachGiayToBoSung="; ".join(str(f) for f in event.payload.get("files") or []),
            )
            open_row = None
    return rows


def build(dossier: Dossier, *, date_format: str | None = None) -> dict[str, Any]:
    """The `DongBoHoSoMC` body of the dossier as it is now (every key of fields.DOSSIER)."""
    layout = date_format or conf.date_format()
    version = dossier.procedure_version
    procedure = version.procedure
    sector = procedure.sector
    events = _events(dossier)
    attachments = list(dossier.attachments.all())
    is_org = dossier.applicant_kind == "organisation"
    id_number = dossier.applicant_id_number
    refused = next((e for e in reversed(events) if e.kind == Kind.REFUSED), None)
    returned = next((e for e in reversed(events) if e.kind == Kind.RETURNED), None)
    last_note = next((e.note for e in reversed(events) if e.note), "")
    method = returned.payload.get("method", "") if returned else ""
    return {
        "MaHoSo": dossier.code,
        "MaTTHC": procedure.code,
        "TenTTHC": version.name,
        "MaLinhVuc": sector.code if sector else "",
        "TenLinhVuc": sector.name if sector else "",
        "KenhThucHien": flags.channel(dossier),
        "SoGiayToChuHoSo": (dossier.organisation_tax_code if is_org else id_number) or id_number,
        "ChuHoSo": (dossier.organisation_name if is_org else "") or dossier.applicant_name,
        "LoaiDoiTuong": flags.applicant_kind(dossier),
        "MaDoiTuong": (dossier.organisation_tax_code if is_org else id_number) or "",
        "ThongTinKhac": dossier.applicant_address,
        "Email": dossier.applicant_email,
        "Fax": "",
        "SoDienThoai": dossier.applicant_phone,
        "TrichYeuHoSo": f"{version.name} - {dossier.applicant_name}"[:1000],
        "NgayTiepNhan": fmt(dossier.received_at, layout),
        "NgayHenTra": fmt(dossier.appointment_at or dossier.due_at, layout),
        "TrangThaiHoSo": str(national_code(dossier.state)),
        "NgayTra": fmt(dossier.returned_at, layout),
        "ThongTinTra": RETURN_TEXT.get(method, ""),
        "HinhThuc": flags.return_by_post(method),
        "NgayKetThucXuLy": fmt(dossier.finished_at, layout),
        "DonViXuLy": dossier.current_agency.name,
        "GhiChu": last_note[:2000],
        "NoiNopHoSo": flags.submitted_where(dossier),
        "HoSoCoThanhPhanSoHoa": flags.has_digitised_components(attachments),
        "TaiKhoanDuocXacThucVoiVNeID": flags.verified_with_vneid(dossier),
        "DuocThanhToanTrucTuyen": flags.online_payment(dossier),
        "NgayTuChoi": fmt(refused.at if refused else None, layout),
        "DinhDanhCHS": (
            [{"LoaiDinhDanh": flags.id_kind(id_number), "SoDinhDanh": id_number}] if id_number else []
        ),
        "NgayNopHoSo": fmt(dossier.submitted_at, layout),
        "DSKetNoiCSDL": flags.databases(dossier),
        "TaiLieuNop": [
            {
                "TepDinhKemId": str(a.pk),
                "TenTepDinhKem": a.original_name,
                "IsDeleted": False,
                "MaThanhPhanHoSo": str(a.required_document_id or ""),
                "DuongDanTaiTepTin": _link("/" + a.file.name) if a.file else "",
                "DuocSoHoa": "1",
                "DuocTaiSuDung": flags.reused(a),
                "DuocLayTuKhoDMQG": flags.from_national_store(a),
                "MaKetQuaThayThe": "",
            }
            for a in attachments
        ],
        "DanhSachLePhi": [
            {
                "TenPhiLePhi": fee.name,
                "MaPhiLePhi": str(fee.pk),
                "HinhThucThu": "1",
                "Gia": int(fee.amount),
                "LoaiPhiLePhi": flags.fee_kind(fee),
            }
            for fee in version.fees.all()
        ],
        "DanhSachGiayToKetQua": _results(dossier),
        "DanhSachHoSoBoSung": _supplements(dossier, events, layout),
        "DanhSachTepDinhKemKhac": [
            {
                "TenGiayTo": paper.required_document.name,
                "SoLuong": int(paper.copies),
                "LoaiGiayTo": PAPER_FORMS.get(paper.form, paper.form),
            }
            for paper in dossier.paper_documents.all()
        ],
    }


def progress_rows(
    dossier: Dossier,
    *,
    seqs: set[int] | None = None,
    date_format: str | None = None,
    directory: Directory | None = None,
) -> list[dict[str, Any]]:
    """One `CapNhatTienDoHoSoMC` row per hand-over (of the events `seqs`, or all of them)."""
    layout = date_format or conf.progress_date_format()
    events = _events(dossier)
    handovers = [e for e in events if e.kind in HANDOVERS]
    if not any(seqs is None or e.seq in seqs for e in handovers):
        return []
    directory = directory or directory_for([dossier])
    units, titles = directory.units, directory.titles
    one_stop = "Bộ phận tiếp nhận và trả kết quả"
    rows = []
    started = dossier.submitted_at
    for event in handovers:
        p = event.payload
        if event.kind == Kind.TRANSFERRED:
            place = units.get(p.get("from_unit_id"), "") or dossier.current_agency.name
            deadline = p.get("from_step_due_at") or ""
        elif event.kind == Kind.RESOLVED:
            place, deadline = dossier.current_agency.name, dossier.due_at
        else:
            place, deadline = one_stop, None
        if seqs is None or event.seq in seqs:
            text = str(Kind(event.kind).label)
            rows.append(
                {
                    "MaHoSo": dossier.code,
                    "NguoiXuLy": event.actor_name,
                    "ChucDanh": titles.get(event.actor_id or 0, ""),
                    "ThoiDiemXuLy": fmt(event.at, layout),
                    "PhongBanXuLy": place,
                    "NoiDungXuLy": f"{text}: {event.note}"[:2000] if event.note else text,
                    "TrangThai": str(national_code(event.to_state)),
                    "NgayBatDau": fmt(started, layout),
                    "NgayKetThucTheoQuyDinh": fmt(deadline, layout),
                }
            )
        started = event.at
    return rows
