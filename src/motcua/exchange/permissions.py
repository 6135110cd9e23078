"""Who may put the agency's seal on an outgoing edXML message: the one rule every door derives from."""

from __future__ import annotations

from typing import Any

from motcua.signatures.models import SigningRule
from motcua.signatures.selectors import signing_rule_for
from motcua.signatures.services import SYSTEM


def may_seal_messages(actor: Any, agency_id: int) -> bool:
    """The system itself (automatic receipts, status feedback) or a holder of the agency's seal rule.

    The seal rule (`SigningRule.Kind.SEAL`) is the clerk's: in the paper world the clerk stamps.
    """
    if actor is SYSTEM:
        return True
    return signing_rule_for(actor, agency_id, SigningRule.Kind.SEAL) is not None
