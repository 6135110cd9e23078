"""Reads of dossiers for pages and the API, with visibility rules applied."""

from __future__ import annotations

from .documents import ReceivedDocument, received_documents
from .identity import logged_in_with_vneid, population_data_documents, used_population_data
from .reading import (
    APPLICANT_VISIBLE_EVENTS,
    NOT_FOUND,
    Kind,
    Reading,
    WholeDossier,
    applicant_events,
    applicant_may_download_result,
    attachment_rows,
    detail_events,
    dossier_by_secret,
    dossier_for,
    dossiers_for,
    history,
    kind_label,
    latest_event,
    latest_result,
    reading_for,
    replayed,
    results_newest_first,
    visible_dossiers,
    whole_dossier,
    whole_reading_for,
)
from .urgency import Urgency, day_bounds, urgency_of
from .workflow import StepTarget, next_step_target, officers_of, send_back_target

__all__ = [
    "APPLICANT_VISIBLE_EVENTS",
    "NOT_FOUND",
    "Kind",
    "Reading",
    "ReceivedDocument",
    "StepTarget",
    "Urgency",
    "WholeDossier",
    "applicant_events",
    "applicant_may_download_result",
    "attachment_rows",
    "day_bounds",
    "detail_events",
    "dossier_by_secret",
    "dossier_for",
    "dossiers_for",
    "history",
    "kind_label",
    "latest_event",
    "latest_result",
    "logged_in_with_vneid",
    "next_step_target",
    "officers_of",
    "population_data_documents",
    "reading_for",
    "received_documents",
    "replayed",
    "results_newest_first",
    "send_back_target",
    "urgency_of",
    "used_population_data",
    "visible_dossiers",
    "whole_dossier",
    "whole_reading_for",
]
