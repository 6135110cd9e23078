"""The printable forms of Circular 03/2025/TT-VPCP (Appendix I), as PDF.

| form | title |
|---|---|
| 01 | Giấy tiếp nhận hồ sơ và hẹn trả kết quả |
| 02 | Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ |
| 03 | Phiếu từ chối tiếp nhận giải quyết hồ sơ |
| 04 | Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết |
| 05 | Thông báo dừng giải quyết hồ sơ |
| 06 | Phiếu kiểm soát quá trình giải quyết hồ sơ |
| 07 | Sổ theo dõi hồ sơ |

Every form carries the Decree 30/2020 header: the issuing body on the left, the national motto on
the right, place and date in italics below the motto.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings

from motcua.agencies.models import Agency, Unit
from motcua.core.errors import NotFound
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.selectors import latest_event, received_documents
from motcua.dossiers.services import RETURN_METHODS
from motcua.printing.render import qr_data_uri, render_pdf

Kind = DossierEvent.Kind


@dataclass(frozen=True)
class FormSpec:
    number: str
    title: str
    template: str
    page_size: str = "A4"


FORMS: dict[str, FormSpec] = {
    "01": FormSpec("01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "printing/forms/form01.html"),
    "02": FormSpec("02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "printing/forms/form02.html"),
    "03": FormSpec("03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "printing/forms/form03.html"),
    "04": FormSpec(
        "04", "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết", "printing/forms/form04.html"
    ),
    "05": FormSpec("05", "Thông báo dừng giải quyết hồ sơ", "printing/forms/form05.html"),
    "06": FormSpec("06", "Phiếu kiểm soát quá trình giải quyết hồ sơ", "printing/forms/form06.html"),
    "07": FormSpec("07", "Sổ theo dõi hồ sơ", "printing/forms/form07.html", "A4 landscape"),
}
# The event a form records; None: the form exists for every received dossier.
FORM_EVENT: dict[str, tuple[str, ...] | None] = {
    "01": (Kind.RECEIVED,),
    "02": (Kind.SUPPLEMENT_REQUESTED,),
    "03": (Kind.REFUSED,),
    "04": (Kind.APOLOGISED,),
    "05": (Kind.STOPPED,),
    "06": None,
}


def place_name() -> str:
    """The place on forms (Decree 30/2020): the province, without its 'Tỉnh'."""
    name = settings.MOTCUA_PROVINCE_NAME
    for prefix in ("Tỉnh ", "tỉnh ", "Thành phố ", "thành phố "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def issuing_body(agency: Agency) -> tuple[str, str]:
    """The two lines of the issuing body: the governing body above (if any) and the agency."""
    parent = agency.parent.name if agency.parent_id and agency.parent else ""
    return parent.upper(), agency.name.upper()


# Fields of procedure forms that hold the applicant's address, for dossiers whose applicant left the
# address blank because the form asked for it ("Nơi thường trú" of the judicial record, ...).
ADDRESS_FIELDS = ("dia_chi", "noi_thuong_tru", "noi_cu_tru", "dia_chi_tru_so", "dia_chi_lien_he")


def applicant_address(dossier: Dossier) -> str:
    """The applicant's address as given, or else the address the procedure's form recorded."""
    if dossier.applicant_address.strip():
        return dossier.applicant_address.strip()
    data = dossier.form_data or {}
    return next((str(data[k]).strip() for k in ADDRESS_FIELDS if str(data.get(k) or "").strip()), "")


def one_stop_name(agency: Agency) -> str:
    unit = Unit.objects.filter(agency=agency, is_one_stop=True).order_by("code").first()
    return unit.name if unit else "Bộ phận tiếp nhận và trả kết quả"


def available_forms(dossier: Dossier, events: list[DossierEvent] | None = None) -> list[FormSpec]:
    """The forms that exist for this dossier, from its events (one query, none when the caller
    passes the history it read)."""
    if events is None:
        kinds = set(DossierEvent.objects.filter(dossier=dossier).values_list("kind", flat=True))
    else:
        kinds = {event.kind for event in events}
    found = []
    for number, needs in FORM_EVENT.items():
        if needs is None:
            if Kind.RECEIVED in kinds:
                found.append(FORMS[number])
        elif kinds & set(needs):
            found.append(FORMS[number])
    return found


def tracking_url(request: Any, dossier: Dossier) -> str:
    return request.build_absolute_uri(f"/tra-cuu/?ma={dossier.code}")


def form_context(
    number: str, dossier: Dossier, request: Any, *, control_rows: list[Any] | None = None
) -> dict[str, Any]:
    """Everything a form's template needs; NotFound when the dossier has no such form.

    Form 06 prints `control_rows`, the hand-overs the back office reads for it.
    """
    spec = FORMS.get(number)
    needs = FORM_EVENT.get(number, ())
    if spec is None or number == "07":
        raise NotFound("Không có biểu mẫu này.")
    event = latest_event(dossier, *(needs or (Kind.RECEIVED,)))
    if event is None:
        raise NotFound(f"Hồ sơ chưa có {spec.title.lower()}.")
    agency = dossier.receiving_agency
    top, name = issuing_body(agency)
    context: dict[str, Any] = {
        "spec": spec,
        "dossier": dossier,
        "event": event,
        "agency": agency,
        "body_top": top,
        "body_name": name,
        "one_stop": one_stop_name(agency),
        "place": place_name(),
        "issued_at": event.at,
        "procedure": dossier.procedure_version,
    }
    if number == "01":
        context["documents"] = received_documents(dossier)
        context["address"] = applicant_address(dossier)
        context["tracking_url"] = tracking_url(request, dossier)
        context["qr"] = qr_data_uri(context["tracking_url"], scale=4)
        context["return_method"] = dossier.form_data.get("hinh_thuc_nhan_ket_qua", "")
    elif number == "02":
        context["missing"] = event.payload.get("missing", [])
    elif number == "04":
        context["new_appointment"] = datetime.fromisoformat(event.payload["new_appointment"])
        context["original_due"] = datetime.fromisoformat(event.payload["original_due_at"])
        context["handling_agency"] = dossier.current_agency
        top, name = issuing_body(dossier.current_agency)
        context.update(body_top=top, body_name=name)
    elif number == "05":
        context["withdrawn"] = event.payload.get("reason") == "withdrawn"
        context["reason"] = event.note or event.payload.get("reason", "")
    elif number == "06":
        context["rows"] = control_rows or []
        context["issued_at"] = dossier.received_at
        returned = latest_event(dossier, Kind.RETURNED)
        context["return_method"] = (
            RETURN_METHODS.get(returned.payload.get("method", ""), "") if returned else ""
        )
    return context


def form_pdf(number: str, dossier: Dossier, request: Any, *, control_rows: list[Any] | None = None) -> bytes:
    context = form_context(number, dossier, request, control_rows=control_rows)
    return render_pdf(context["spec"].template, context, base_url=request.build_absolute_uri("/"))


def register_context(agency: Agency, start: datetime, end: datetime, rows: list[Dossier]) -> dict[str, Any]:
    top, name = issuing_body(agency)
    return {
        "spec": FORMS["07"],
        "agency": agency,
        "body_top": top,
        "body_name": name,
        "one_stop": one_stop_name(agency),
        "place": place_name(),
        "start": start,
        "end": end,
        "rows": rows,
    }


def require_form(number: str) -> FormSpec:
    spec = FORMS.get(number)
    if spec is None:
        raise NotFound("Không có biểu mẫu này.")
    return spec
