"""Every write to a dossier: one function per business action.

Each one locks the dossier row, checks permission and the state machine, writes exactly one
event and updates the cached snapshot in the same transaction, and leaves side effects to
`on_commit`."""

from __future__ import annotations

from ._base import (
    AFTER_THE_END,
    APPLICANT_FIELDS,
    APPLICANT_LIMITS,
    ID_NUMBER,
    MAX_RESULT_BYTES,
    SIDE_EVENTS,
    Documents,
    Kind,
    checked_text,
    lock_for,
)
from .account import NOT_VERIFIED, citizen_account, claim_dossier, claim_refusal
from .ending import apologise_and_extend, decide_withdrawal, request_withdrawal, stop_dossier
from .fees import lock_for_payment, record_exemption_decision, record_fee_paid
from .intake import receive_dossier, refuse_dossier, request_supplement, supplement_dossier
from .interagency import (
    receive_peer_result,
    record_peer_status,
    register_interagency_dossier,
    stop_recalled_dossier,
)
from .papers import MAX_COPIES, Paper, originals_on_paper
from .processing import (
    RETURN_METHODS,
    assign_dossier,
    confirm_financial_obligation,
    forward_dossier,
    request_financial_obligation,
    resolve_dossier,
    return_result,
    send_back_dossier,
    transfer_dossier,
)
from .results import (
    RATEABLE_STATES,
    add_renewed_result,
    attach_result,
    propose_result,
    rate_dossier,
    store_issued_result,
    store_signed_result,
)
from .submission import application_errors, claimed_exemption, register_at_counter, submit_dossier

__all__ = [
    "AFTER_THE_END",
    "APPLICANT_FIELDS",
    "APPLICANT_LIMITS",
    "ID_NUMBER",
    "MAX_COPIES",
    "MAX_RESULT_BYTES",
    "NOT_VERIFIED",
    "RATEABLE_STATES",
    "RETURN_METHODS",
    "SIDE_EVENTS",
    "Documents",
    "Kind",
    "Paper",
    "add_renewed_result",
    "apologise_and_extend",
    "application_errors",
    "assign_dossier",
    "attach_result",
    "checked_text",
    "citizen_account",
    "claim_dossier",
    "claim_refusal",
    "claimed_exemption",
    "confirm_financial_obligation",
    "decide_withdrawal",
    "forward_dossier",
    "lock_for",
    "lock_for_payment",
    "originals_on_paper",
    "propose_result",
    "rate_dossier",
    "receive_dossier",
    "receive_peer_result",
    "record_exemption_decision",
    "record_fee_paid",
    "record_peer_status",
    "refuse_dossier",
    "register_at_counter",
    "register_interagency_dossier",
    "request_financial_obligation",
    "request_supplement",
    "request_withdrawal",
    "resolve_dossier",
    "return_result",
    "send_back_dossier",
    "stop_dossier",
    "stop_recalled_dossier",
    "store_issued_result",
    "store_signed_result",
    "submit_dossier",
    "supplement_dossier",
    "transfer_dossier",
]
