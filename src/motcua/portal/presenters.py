"""How a dossier reads to its applicant: status, timeline, due date and what to do now.

Only presentation: which actions are possible comes from the state machine (`dossiers.states`)
and the selectors; this module words it for a citizen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from motcua.core.time import local
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.selectors import applicant_may_download_result, history
from motcua.dossiers.services import RATEABLE_STATES, RETURN_METHODS
from motcua.dossiers.states import State
from motcua.web.tones import STATE_TONE

Kind = DossierEvent.Kind


def tone(state: str) -> str:
    return STATE_TONE.get(state, "blue")


def _when(moment: datetime | None) -> str:
    return f"{local(moment):%H:%M} {_('ngày')} {local(moment):%d/%m/%Y}" if moment else "—"


def _money(amount: Any) -> str:
    return f"{int(amount or 0):,}".replace(",", ".") + " đ"


@dataclass
class TimelineEntry:
    at: datetime
    title: str
    details: list[str] = field(default_factory=list)
    tone: str = "blue"


def _details(event: DossierEvent) -> list[str]:
    payload = event.payload or {}
    if event.kind == Kind.SUPPLEMENT_REQUESTED:
        lines = [_("Cần bổ sung: %(item)s") % {"item": item} for item in payload.get("missing", [])]
        return lines + ([_("Lý do: %(reason)s") % {"reason": event.note}] if event.note else [])
    if event.kind == Kind.SUPPLEMENTED:
        return [_("Tệp đã gửi: %(name)s") % {"name": name} for name in payload.get("files", [])]
    if event.kind == Kind.APOLOGISED:
        new = payload.get("new_appointment")
        lines = [_("Lý do: %(reason)s") % {"reason": event.note}] if event.note else []
        if new:
            lines.append(_("Ngày hẹn mới: %(when)s") % {"when": _when(datetime.fromisoformat(new))})
        return lines
    if event.kind == Kind.FINANCIAL_OBLIGATION_REQUESTED:
        return [f"{payload.get('description', '')}: {_money(payload.get('amount'))}"]
    if event.kind == Kind.FEE_PAID:
        return [
            _("Số tiền: %(amount)s") % {"amount": _money(payload.get("amount"))},
            _("Biên lai điện tử số %(number)s") % {"number": payload.get("receipt_number", "")},
        ]
    if event.kind == Kind.RETURNED:
        method = RETURN_METHODS.get(payload.get("method", ""), "")
        return [_("Hình thức: %(method)s") % {"method": method}] if method else []
    if event.kind == Kind.EXEMPTION_CONFIRMED:
        return [str(payload.get("exemption", ""))] if payload.get("exemption") else []
    if event.kind in (
        Kind.REFUSED,
        Kind.STOPPED,
        Kind.WITHDRAWAL_REQUESTED,
        Kind.WITHDRAWAL_REJECTED,
        Kind.EXEMPTION_REJECTED,
    ):
        return [_("Lý do: %(reason)s") % {"reason": event.note}] if event.note else []
    return []


def _title(kind: str) -> str:
    # A few event names are the agency's words; the applicant reads these instead.
    titles: dict[str, str] = {
        Kind.SUBMITTED: _("Đã nộp hồ sơ"),
        Kind.RECEIVED: _("Hồ sơ được tiếp nhận"),
        Kind.SUPPLEMENTED: _("Đã bổ sung hồ sơ"),
        Kind.RESOLVED: _("Hồ sơ đã có kết quả"),
        Kind.RETURNED: _("Đã trả kết quả"),
        Kind.APOLOGISED: _("Cơ quan xin lỗi và hẹn lại ngày trả kết quả"),
        # No account name: the tracking page shows this timeline to whoever holds the receipt.
        Kind.OWNER_LINKED: _("Hồ sơ được gắn với tài khoản trên Cổng Dịch vụ công"),
        Kind.FEE_PAID: _("Đã nộp phí, lệ phí"),
    }
    return str(titles.get(kind) or Kind(kind).label)


def timeline(dossier: Dossier) -> list[TimelineEntry]:
    """What happened, as the applicant should see it (no internal hand-overs), newest first."""
    entries = [
        TimelineEntry(at=e.at, title=_title(e.kind), details=_details(e), tone=tone(e.to_state))
        for e in history(dossier, applicant_view=True)
    ]
    return list(reversed(entries))


@dataclass
class NextStep:
    title: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    action_needed: bool = False


def _latest(dossier: Dossier, kind: str) -> DossierEvent | None:
    return DossierEvent.objects.filter(dossier=dossier, kind=kind).order_by("-seq").first()


def next_step(dossier: Dossier) -> NextStep:
    """What the citizen must do now, in their words."""
    state = dossier.state
    if state == State.SUPPLEMENT_REQUESTED:
        event = _latest(dossier, Kind.SUPPLEMENT_REQUESTED)
        payload = event.payload if event else {}
        return NextStep(
            title=_("Bạn cần bổ sung giấy tờ"),
            text=(_("Lý do: %(reason)s") % {"reason": event.note}) if event and event.note else "",
            items=list(payload.get("missing", [])),
            action_needed=True,
        )
    if state == State.FINANCIAL_OBLIGATION:
        event = _latest(dossier, Kind.FINANCIAL_OBLIGATION_REQUESTED)
        payload = event.payload if event else {}
        return NextStep(
            title=_("Bạn cần thực hiện nghĩa vụ tài chính"),
            text=_("Nộp tại nơi tiếp nhận hồ sơ hoặc theo hướng dẫn của cơ quan giải quyết."),
            items=[f"{payload.get('description', '')}: {_money(payload.get('amount'))}"] if payload else [],
            action_needed=True,
        )
    if state == State.SUBMITTED:
        return NextStep(
            title=_("Chờ tiếp nhận"),
            text=_("Cán bộ đang kiểm tra hồ sơ. Bạn sẽ nhận thư điện tử khi hồ sơ được tiếp nhận."),
        )
    if state in (State.RECEIVED, State.PROCESSING):
        return NextStep(
            title=_("Hồ sơ đang được giải quyết"),
            text=_("Bạn chưa cần làm gì thêm. Hạn trả kết quả: %(when)s.")
            % {"when": _when(due_moment(dossier))},
        )
    if state == State.WITHDRAWAL_REQUESTED:
        return NextStep(
            title=_("Đang xem xét yêu cầu rút hồ sơ"),
            text=_("Cơ quan giải quyết sẽ trả lời yêu cầu rút hồ sơ của bạn."),
        )
    if state == State.RESOLVED:
        return NextStep(
            title=_("Hồ sơ đã có kết quả"),
            text=_(
                "Kết quả sẽ được trả theo hình thức bạn đã đăng ký. Bạn sẽ nhận thư điện tử khi trả kết quả."
            ),
        )
    if state == State.RETURNED:
        return NextStep(
            title=_("Đã trả kết quả"),
            text=_("Bạn có thể tải văn bản kết quả (nếu có bản điện tử) và đánh giá mức độ hài lòng."),
        )
    if state == State.REFUSED:
        event = _latest(dossier, Kind.REFUSED)
        return NextStep(
            title=_("Hồ sơ không được tiếp nhận"),
            text=(_("Lý do: %(reason)s") % {"reason": event.note}) if event and event.note else "",
        )
    event = _latest(dossier, Kind.STOPPED)
    return NextStep(
        title=_("Hồ sơ đã dừng giải quyết"),
        text=(_("Lý do: %(reason)s") % {"reason": event.note}) if event and event.note else "",
    )


def due_moment(dossier: Dossier) -> datetime | None:
    """The appointment the applicant holds: the new one after an apology, else the legal due date."""
    return dossier.appointment_at or dossier.due_at


def may_rate(dossier: Dossier) -> bool:
    return dossier.state in RATEABLE_STATES


def may_download(dossier: Dossier) -> bool:
    return applicant_may_download_result(dossier)
