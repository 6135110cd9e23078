"""How urgent a dossier is: the rule lives with the dossiers (the portal reads it too)."""

from motcua.dossiers.selectors.urgency import Urgency, day_bounds, urgency_of

__all__ = ["Urgency", "day_bounds", "urgency_of"]
