"""Who a staff member is for the back office: their posts, read in one query."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from motcua.agencies.models import StaffRole
from motcua.core.prepared import Prepared


@dataclass(frozen=True)
class StaffPost:
    """One StaffRole row: a role at an agency, optionally limited to one of its units."""

    agency_id: int
    unit_id: int | None
    role: str


@dataclass(frozen=True)
class StaffScope:
    """Everything the worklists need to know about a staff member, read in one query."""

    user_id: int | None
    posts: tuple[StaffPost, ...]
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # per request

    @property
    def roles(self) -> set[str]:
        return {p.role for p in self.posts}

    def has(self, *roles: str) -> bool:
        return any(p.role in roles for p in self.posts)

    def agencies(self, *roles: str) -> set[int]:
        return {p.agency_id for p in self.posts if not roles or p.role in roles}

    def units_q(self, *roles: str) -> Q:
        """Dossiers held by the user's units for `roles`; an agency-wide post covers every unit."""
        condition = Q(pk__in=[])
        for post in self.posts:
            if post.role not in roles:
                continue
            if post.unit_id is None:
                condition |= Q(current_agency_id=post.agency_id)
            else:
                condition |= Q(current_unit_id=post.unit_id)
        return condition


# Read on every back-office request: prepared (`core.prepared`).
_POSTS: Prepared[tuple[int, int | None, str]] = Prepared(
    lambda user_id: StaffRole.objects.filter(user_id=user_id).values_list("agency_id", "unit_id", "role"),
    user_id=int,
)


def staff_scope(user: Any) -> StaffScope:
    if not getattr(user, "is_authenticated", False):
        return StaffScope(None, ())
    rows = _POSTS.all(user_id=user.pk)
    return StaffScope(user.pk, tuple(StaffPost(a, u, r) for a, u, r in rows))
