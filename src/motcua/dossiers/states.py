"""The one-stop dossier state machine (domain-vn.md section 12.3), as data."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    SUBMITTED = "submitted", _("Mới đăng ký")
    RECEIVED = "received", _("Được tiếp nhận")
    REFUSED = "refused", _("Không được tiếp nhận")
    PROCESSING = "processing", _("Đang xử lý")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung giấy tờ")
    FINANCIAL_OBLIGATION = "financial_obligation", _("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWAL_REQUESTED = "withdrawal_requested", _("Công dân yêu cầu rút hồ sơ")
    STOPPED = "stopped", _("Dừng xử lý")
    RESOLVED = "resolved", _("Đã xử lý xong")
    RETURNED = "returned", _("Đã trả kết quả")


# TrangThaiHoSo of the national portal (domain-vn.md section 6.3).
NATIONAL_CODE: dict[str, int] = {
    State.SUBMITTED: 1,
    State.RECEIVED: 2,
    State.REFUSED: 3,
    State.PROCESSING: 4,
    State.SUPPLEMENT_REQUESTED: 5,
    State.FINANCIAL_OBLIGATION: 6,
    State.WITHDRAWAL_REQUESTED: 7,
    State.STOPPED: 8,
    State.RESOLVED: 9,
    State.RETURNED: 10,
}

S = State
# Section 12.3, with one deliberate difference: a supplement asked for at intake (from SUBMITTED)
# sends the dossier back to SUBMITTED, so that an officer checks it again and *receives* it; going
# straight to RECEIVED would start the legal clock without anybody having looked at the papers.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.SUBMITTED: frozenset({S.RECEIVED, S.REFUSED, S.SUPPLEMENT_REQUESTED, S.WITHDRAWAL_REQUESTED}),
    S.RECEIVED: frozenset(
        {S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION, S.WITHDRAWAL_REQUESTED}
    ),
    S.PROCESSING: frozenset(
        {
            S.PROCESSING,
            S.SUPPLEMENT_REQUESTED,
            S.FINANCIAL_OBLIGATION,
            S.STOPPED,
            S.RESOLVED,
            S.WITHDRAWAL_REQUESTED,
        }
    ),
    S.SUPPLEMENT_REQUESTED: frozenset(
        {S.SUBMITTED, S.RECEIVED, S.PROCESSING, S.STOPPED, S.WITHDRAWAL_REQUESTED}
    ),
    S.FINANCIAL_OBLIGATION: frozenset({S.PROCESSING, S.RESOLVED, S.STOPPED, S.WITHDRAWAL_REQUESTED}),
    # Rejecting the request returns to the state it was made in (see WITHDRAWAL_RETURN_TARGETS).
    S.WITHDRAWAL_REQUESTED: frozenset(
        {S.STOPPED, S.SUBMITTED, S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION}
    ),
    S.RESOLVED: frozenset({S.RETURNED}),
    S.REFUSED: frozenset(),
    S.STOPPED: frozenset(),
    S.RETURNED: frozenset(),
}

# States a withdrawal request can be rejected back to (the state it was made in).
WITHDRAWAL_RETURN_TARGETS = TRANSITIONS[S.WITHDRAWAL_REQUESTED] - {S.STOPPED}

TERMINAL = frozenset({S.REFUSED, S.STOPPED, S.RETURNED})
# States in which the legal clock runs (or is paused) for the agency.
CLOCK_STARTED = frozenset(
    {S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION, S.WITHDRAWAL_REQUESTED}
)


def is_allowed(source: str, target: str) -> bool:
    return target in TRANSITIONS.get(source, frozenset())


def national_code(state: str) -> int:
    return NATIONAL_CODE[state]


def label(state: str) -> str:
    return str(State(state).label)
