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


# Who follows the agency's exchange: the clerk who sends, the leaders who direct, the administrators.
FOLLOWING_ROLES = {"clerk", "leader", "admin"}


def agencies_following_exchange(actor: Any) -> set[int]:
    """The agencies whose sent documents and receivers' statuses `actor` may see."""
    from motcua.agencies.selectors import staff_agency_ids

    return staff_agency_ids(actor, FOLLOWING_ROLES)
