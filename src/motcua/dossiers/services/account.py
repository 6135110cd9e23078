"""The applicant's account: taking over a dossier filed on paper."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from motcua.agencies.selectors import is_staff_account
from motcua.core.errors import Conflict, NotFound, PermissionDenied

from ..codes import secrets_match
from ..models import (
    Dossier,
)
from ._base import Kind, _record

# --- the applicant's account -------------------------------------------------------------------


NOT_VERIFIED = (
    "Chỉ gắn được hồ sơ mà số định danh của người nộp trùng với số định danh đã xác thực của tài khoản. "
    "Hãy đăng nhập bằng tài khoản định danh điện tử để xác thực số định danh."
)


def claim_refusal(user: Any, dossier: Dossier) -> str:
    """Why this account may not take over this dossier with its receipt; '' when it may.

    The receipt alone is not enough: the account's number, vouched for by the national identity
    service, must be the applicant's (a lookup secret can be read off a lost or shared receipt).
    """
    if not user.has_verified_national_id or dossier.applicant_id_number != user.national_id:
        return NOT_VERIFIED
    return ""


def citizen_account(user: Any) -> bool:
    """A logged-in account that may hold dossiers as their applicant: not staff, not an administrator.

    Staff are kept out because the counter that registered a dossier knows its lookup secret.
    """
    return bool(getattr(user, "is_authenticated", False) and not is_staff_account(user))


@transaction.atomic
def claim_dossier(*, code: str, secret: str, user: Any, at: datetime | None = None) -> Dossier:
    """Attach a dossier filed at the counter or by post to the citizen's account, with its lookup secret.

    One `owner_linked` event records who took it over and when. Claiming one's own dossier again
    returns it unchanged.
    """
    if not citizen_account(user):
        raise PermissionDenied(gettext("Chỉ tài khoản của người dân mới được gắn hồ sơ."))
    dossier = Dossier.objects.select_for_update().filter(code=code).first()
    # Same answer for an unknown code and a wrong secret, as in anonymous tracking.
    if dossier is None or not secrets_match(secret, dossier.lookup_secret):
        raise NotFound(gettext("Mã hồ sơ hoặc mã tra cứu không đúng."))
    if dossier.owner_id == user.pk:
        return dossier
    if dossier.owner_id is not None:
        raise Conflict(gettext("Hồ sơ này đã được gắn với một tài khoản khác."))
    refusal = claim_refusal(user, dossier)
    if refusal:
        raise PermissionDenied(refusal)
    dossier.owner = user
    _record(dossier, actor=user, kind=Kind.OWNER_LINKED, to_state=dossier.state, at=at, action="claim")
    return dossier
