"""Helpers shared by the portal's views: who may see a dossier, error lists for templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest

from motcua.core.errors import NotFound
from motcua.dossiers.models import Dossier
from motcua.dossiers.permissions import is_owner
from motcua.dossiers.selectors import dossier_by_secret, dossier_for

TRACKED = "portal_tracked"  # session: {dossier code: lookup secret} the visitor has proved
TRACKED_MAX = 10


@dataclass(frozen=True)
class Access:
    dossier: Dossier
    owner: bool  # logged in as the applicant
    secret: str  # the lookup secret this visitor proved ('' for the owner)


def grant(request: HttpRequest, dossier: Dossier) -> None:
    """Remember in the session that this visitor knows the dossier's lookup secret."""
    tracked = dict(request.session.get(TRACKED, {}))
    tracked.pop(dossier.code, None)
    tracked[dossier.code] = dossier.lookup_secret
    request.session[TRACKED] = dict(list(tracked.items())[-TRACKED_MAX:])


def owner_access(request: HttpRequest, code: str) -> Access:
    """The logged-in applicant's own dossier; 404 for anything else (never a hint that it exists)."""
    try:
        dossier = dossier_for(request.user, code)
    except NotFound as exc:
        raise Http404 from exc
    if not is_owner(request.user, dossier):
        raise Http404
    return Access(dossier=dossier, owner=True, secret="")


def any_access(request: HttpRequest, code: str) -> Access:
    """The applicant's own dossier, or one whose lookup secret this visitor has proved."""
    if request.user.is_authenticated:
        try:
            return owner_access(request, code)
        except Http404:
            pass
    secret = request.session.get(TRACKED, {}).get(code)
    if secret:
        try:
            return Access(dossier=dossier_by_secret(code, secret), owner=False, secret=secret)
        except NotFound:
            pass
    raise Http404


def error_list(errors: dict[str, str], anchors: dict[str, str]) -> list[dict[str, Any]]:
    """[{'anchor': 'form-ngay_sinh', 'message': ...}] for the error summary, in the given order."""
    return [{"anchor": anchors.get(key, ""), "message": message} for key, message in errors.items()]
