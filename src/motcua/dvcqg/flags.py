"""The flags of the sync body, each derived from real data in one small function (pure where possible).

Index 766 scores read these flags (integration.md B2, C1): a wrong one costs the province points, so
each says where its truth comes from, and a flag whose source does not exist yet says "0" until it
does: the payment work extends `online_payment`, VNeID login extends `verified_with_vneid`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# KenhThucHien: 1 direct, 2 online, 3 public postal service (domain-vn.md §6.3).
CHANNEL = {"counter": "1", "online": "2", "postal": "3"}

# LoaiDoiTuong: OpenCPS sends 1 citizen / 2 enterprise; the national playground's own sample uses 1 for
# a citizen too (domain-vn.md §6.3 notes the conflict with its list 0/1/2).
APPLICANT_KIND = {"citizen": "1", "organisation": "2"}

# MaCSDL of the national population database (the value one implementation sends, integration.md C).
POPULATION_DB = "1"


def channel(dossier: Any) -> str:
    return CHANNEL[dossier.channel]


def applicant_kind(dossier: Any) -> str:
    return APPLICANT_KIND.get(dossier.applicant_kind, "1")


def submitted_where(dossier: Any) -> str:
    """NoiNopHoSo, whose meaning the reference leaves open: "2" for the portal (the value seen for
    portal dossiers), "1" for the counter and the post."""
    return "2" if dossier.channel == "online" else "1"


def id_kind(number: str) -> str:
    """LoaiDinhDanh: "2" for a 9-digit identity card, "1" for the 12-digit personal number."""
    return "2" if len(number) == 9 else "1"


def has_digitised_components(attachments: Iterable[Any]) -> str:
    """HoSoCoThanhPhanSoHoa: at least one required component came as a file (scanned or uploaded)."""
    return "1" if any(a.required_document_id is not None for a in attachments) else "0"


def reused(attachment: Any) -> str:
    """DuocTaiSuDung: 0, 1 re-used, 2 re-used with a replacement result code. motcua has no store of
    earlier results to pick from yet, so every file was given anew."""
    return "0"


def from_national_store(attachment: Any) -> str:
    """DuocLayTuKhoDMQG: the file was taken from the citizen's store on the national portal (not yet)."""
    return "0"


def population_data_used(dossier: Any) -> bool:
    """The applicant's particulars came from the national population database (recorded by the
    application in form_data["_population_data"] once that connection exists)."""
    return bool((dossier.form_data or {}).get("_population_data"))


def databases(dossier: Any) -> list[dict[str, str]]:
    """DSKetNoiCSDL: the national databases the dossier's data came from."""
    return [{"MaCSDL": POPULATION_DB}] if population_data_used(dossier) else []


def verified_with_vneid(dossier: Any) -> str:
    """TaiKhoanDuocXacThucVoiVNeID: "1" when the owner logged in with VNeID. Accounts record no login
    method yet (no VNeID login exists): an attribute `login_method == "vneid"` on the account, once
    it exists, turns this on."""
    owner = getattr(dossier, "owner", None)
    return "1" if owner is not None and getattr(owner, "login_method", "") == "vneid" else "0"


def online_payment(dossier: Any) -> str:
    """DuocThanhToanTrucTuyen: 0 nothing paid online, 1 paid through the national payment platform
    (the gateway motcua's payments adapter speaks to), 2 paid through a province's own gateway."""
    from motcua.payments.selectors import paid_online

    return "1" if paid_online(dossier) else "0"


def fee_kind(fee: Any) -> str:
    """LoaiPhiLePhi: "1" phí (fee), "2" lệ phí (charge), as the catalogue declares it."""
    from motcua.catalog.models import Fee

    return "2" if fee.kind == Fee.Kind.CHARGE else "1"


def return_by_post(method: str) -> str:
    """HinhThuc: 1 when the result goes by post (OpenCPS's reading; the meaning is unconfirmed)."""
    return "1" if method == "postal" else "0"
