"""The colour family of each dossier state, the same on the portal and in the back office."""

from __future__ import annotations

from motcua.dossiers.states import State

STATE_TONE: dict[str, str] = {
    State.SUBMITTED: "blue",
    State.RECEIVED: "blue",
    State.PROCESSING: "blue",
    State.SUPPLEMENT_REQUESTED: "amber",
    State.FINANCIAL_OBLIGATION: "amber",
    State.WITHDRAWAL_REQUESTED: "amber",
    State.RESOLVED: "green",
    State.RETURNED: "green",
    State.REFUSED: "red",
    State.STOPPED: "red",
}
