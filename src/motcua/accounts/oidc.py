"""Login through an OpenID Connect provider (the national identity service works this way).

Off unless `OIDC_RP_CLIENT_ID` is set (from MOTCUA_OIDC_CLIENT_ID). The provider's subject is
linked to one account for good (`ExternalIdentity`). On the first login, when no account holds
the provider's national id or e-mail address, an account is created. When one does, the citizen
must first prove it is theirs by logging in with its password: the national id and e-mail of a
portal account are typed in by whoever registered it, so linking on them alone would let someone
who registered with another person's data take over that person's identity logins. Staff
accounts are never linked this way: an identity provider for citizens must not open the back
office.
"""

from __future__ import annotations

import logging
import time
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from motcua.agencies.selectors import is_staff_account
from motcua.core.phones import clean_phone

from .identifiers import new_username
from .models import ExternalIdentity

logger = logging.getLogger(__name__)

# The session key of an identity login waiting for the password of the account it matched.
PENDING_LINK = "oidc_pending_link"
PENDING_LINK_SECONDS = 30 * 60


def oidc_enabled() -> bool:
    return bool(
        getattr(settings, "OIDC_RP_CLIENT_ID", "") and getattr(settings, "OIDC_OP_TOKEN_ENDPOINT", "")
    )


def _issuer() -> str:
    return settings.MOTCUA_OIDC_ISSUER or settings.OIDC_OP_TOKEN_ENDPOINT


def _address(claims: dict[str, Any]) -> str:
    value = claims.get("address")
    if isinstance(value, dict):
        value = value.get("formatted", "")
    return str(value or "").strip()[:300]


def _birth_date(claims: dict[str, Any]) -> str:
    """The `birthdate` claim as YYYY-MM-DD, or "" (OpenID Connect also allows a bare year: not a date)."""
    value = str(claims.get("birthdate") or "").strip()
    try:
        return date.fromisoformat(value).isoformat() if len(value) == 10 else ""
    except ValueError:
        return ""


# What the identity vouches for besides the number: recorded on every login in `vneid_particulars`
# once the account's national id is the identity's (the citizen never retypes them; docs/vneid-sms.md).
PARTICULARS = ("full_name", "birth_date", "address")


def profile_from_claims(claims: dict[str, Any]) -> dict[str, str]:
    """The profile fields a provider's claims can fill in (empty when the claim is absent or invalid)."""
    phone = clean_phone(str(claims.get("phone_number") or "")) or ""
    national_id = str(claims.get(settings.MOTCUA_OIDC_NATIONAL_ID_CLAIM) or "").strip()
    name = (
        str(claims.get("name") or "").strip()
        or " ".join(
            str(claims.get(k) or "").strip() for k in ("family_name", "middle_name", "given_name")
        ).strip()
    )
    email = str(claims.get("email") or "").strip()
    if claims.get("email_verified") is False:
        email = ""
    return {
        "full_name": name[:200],
        "email": email[:254],
        "phone": phone,
        "national_id": national_id if national_id.isdigit() and len(national_id) in (9, 12) else "",
        "address": _address(claims),
        "birth_date": _birth_date(claims),
    }


class CitizenOIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.enabled = oidc_enabled()
        if self.enabled:
            super().__init__(*args, **kwargs)
        else:  # always listed in AUTHENTICATION_BACKENDS; harmless until configured
            self.UserModel = get_user_model()

    def authenticate(self, request: Any, **kwargs: Any):  # type: ignore[no-untyped-def]
        if not self.enabled:
            return None
        return super().authenticate(request, **kwargs)

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        profile = profile_from_claims(claims)
        return bool(claims.get("sub")) and bool(profile["email"] or profile["national_id"])

    def filter_users_by_claims(self, claims: dict[str, Any]):  # type: ignore[no-untyped-def]
        User = self.UserModel
        linked = ExternalIdentity.objects.filter(issuer=_issuer(), subject=str(claims["sub"]))
        if linked.exists():
            return self._citizens_only(User.objects.filter(pk__in=linked.values("user_id")))
        profile = profile_from_claims(claims)
        holders = Q()
        if profile["national_id"]:
            holders |= Q(national_id=profile["national_id"])
        if profile["email"]:
            holders |= Q(email__iexact=profile["email"])
        matches = list(self._citizens_only(User.objects.filter(holders)).values_list("pk", flat=True)[:5])
        if matches:
            # Not linked yet: the account's owner must log in with its password first.
            self.request.session[PENDING_LINK] = {
                "issuer": _issuer(),
                "subject": str(claims["sub"]),
                "profile": profile,
                "user_ids": matches,
                "until": time.time() + PENDING_LINK_SECONDS,
            }
            raise PermissionDenied("an existing account must be proven by its password before linking")
        return User.objects.none()

    def _citizens_only(self, users):  # type: ignore[no-untyped-def]
        for user in users[:2]:
            if is_staff_account(user):
                raise SuspiciousOperation("An identity provider login may not open a staff account.")
        return users

    @transaction.atomic
    def create_user(self, claims: dict[str, Any]):  # type: ignore[no-untyped-def]
        profile = profile_from_claims(claims)
        User = self.UserModel
        # Keep only what no other account uses already (all three are unique when given).
        for field in ("phone", "national_id"):
            if profile[field] and User.objects.filter(**{field: profile[field]}).exists():
                profile[field] = ""
        user = User(username=new_username(), **{k: v for k, v in profile.items() if v})
        if user.national_id:
            user.national_id_verified_at = timezone.now()
            user.vneid_particulars = {k: profile[k] for k in (*PARTICULARS, "national_id") if profile.get(k)}
        user.set_unusable_password()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError as exc:
            raise SuspiciousOperation("The identity provider's data clashes with another account.") from exc
        self._link(user, claims)
        logger.info("account %s created from an identity provider login", user.pk)
        return user

    @transaction.atomic
    def update_user(self, user, claims: dict[str, Any]):  # type: ignore[no-untyped-def]
        """Link the subject, and fill in the profile fields the citizen has left empty."""
        self._link(user, claims)
        fill_empty_profile_fields(user, profile_from_claims(claims))
        return user

    def _link(self, user: Any, claims: dict[str, Any]) -> None:
        ExternalIdentity.objects.get_or_create(
            issuer=_issuer(), subject=str(claims["sub"]), defaults={"user": user}
        )


def fill_empty_profile_fields(user: Any, profile: dict[str, str]) -> None:
    """Copy the provider's values into the fields the citizen left empty, unless another account uses them.

    The provider's national id marks the account's number verified when the two are the same.
    """
    User = get_user_model()
    changed = []
    for field, value in profile.items():
        if not value or getattr(user, field):
            continue
        if field in ("phone", "national_id", "email") and (
            User.objects.filter(**{f"{field}__iexact": value}).exclude(pk=user.pk).exists()
        ):
            continue
        setattr(user, field, value)
        changed.append(field)
    if profile.get("national_id") and user.national_id == profile["national_id"]:
        if user.national_id_verified_at is None:
            user.national_id_verified_at = timezone.now()
            changed.append("national_id_verified_at")
        # What the identity says, kept apart from the profile the citizen may edit: the application
        # form shows these read-only (portal.drafts.vouched_particulars).
        particulars = {k: profile[k] for k in (*PARTICULARS, "national_id") if profile.get(k)}
        if user.vneid_particulars != particulars:
            user.vneid_particulars = particulars
            changed.append("vneid_particulars")
    elif profile.get("national_id") and user.national_id:
        logger.warning("account %s: the identity provider names another national id", user.pk)
    if changed:
        user.save(update_fields=sorted(set(changed)))


def pending_link(session: Any) -> dict[str, Any] | None:
    """The identity login waiting for a password, if there is one and it has not expired."""
    pending = session.get(PENDING_LINK)
    if not pending or pending.get("until", 0) < time.time():
        return None
    return dict(pending)


@transaction.atomic
def complete_pending_link(session: Any, user: Any) -> bool:
    """After a password login: link the waiting identity if it matched this very account.

    The waiting identity is dropped either way, so it can never be linked to an account logged
    in later in the same browser.
    """
    pending = pending_link(session)
    session.pop(PENDING_LINK, None)
    if pending is None or user.pk not in pending["user_ids"] or is_staff_account(user):
        return False
    identity, created = ExternalIdentity.objects.get_or_create(
        issuer=pending["issuer"], subject=pending["subject"], defaults={"user": user}
    )
    if identity.user_id != user.pk:
        return False
    fill_empty_profile_fields(user, pending["profile"])
    logger.info("account %s linked to an identity provider login after its password", user.pk)
    return created
