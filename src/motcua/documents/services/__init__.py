"""Every write of the clerk's work: one function per business action."""

from .incoming import (
    assign_incoming,
    complete_incoming,
    decide_handling,
    present_incoming,
    record_progress,
    register_incoming,
)
from .outgoing import (
    duplicate_warnings,
    outgoing_register,
    recall_outgoing,
    record_archive_use,
    record_post,
    register_outgoing,
    take_number,
)
from .results import issue_result, result_for_signing

__all__ = [
    "assign_incoming",
    "complete_incoming",
    "decide_handling",
    "duplicate_warnings",
    "issue_result",
    "outgoing_register",
    "present_incoming",
    "recall_outgoing",
    "record_archive_use",
    "record_post",
    "record_progress",
    "register_incoming",
    "register_outgoing",
    "result_for_signing",
    "take_number",
]
