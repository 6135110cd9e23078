"""A demo PKI for `motcua demo`, so that demo results are really signed and verify as valid.

`ensure_demo_pki(data_dir)` builds (once) a root, an issuing CA, OCSP, CRL and a TSA under
`data_dir/demo-pki`, one seal certificate per agency that has a leader and one personal
certificate per leader (keys in encrypted PKCS#12 files there, passphrase in a file next to
them and exported to the process environment), registers them with their appearance images and
signing rules (the leaders sign, the clerks seal), trusts the demo root, starts the PKI's HTTP
services on loopback, points the timestamp setting at its TSA and lets validation fetch from
loopback addresses (only those on the allow-list: the addresses its certificates name).
Repeated calls reuse everything already made.

Demo only: this CA is not a real one (certomancer, a runtime dependency for the demo's sake,
builds it; production never starts it).
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import textwrap
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from motcua.agencies.models import Agency, Role, StaffRole

from . import conf, images, services
from .localpki import Party, Pki, free_port
from .models import Certificate, SigningRule

logger = logging.getLogger(__name__)

PASSPHRASE_ENV = "MOTCUA_DEMO_P12_PASSPHRASE"


@dataclass
class DemoPki:
    pki: Pki
    started: bool

    @property
    def tsa_url(self) -> str:
        return self.pki.tsa_url

    def stop(self) -> None:
        self.pki.stop()
        conf.override(tsa_url=None, key_dir=None, fetch_private=None)


def titles(agency: Agency) -> tuple[str, str]:
    """(superior title, deputy title) for the 'KT.' signature of a leader of this agency."""
    if agency.kind in (Agency.Kind.PROVINCE, Agency.Kind.DISTRICT, Agency.Kind.COMMUNE):
        return "CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    return "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"


def _seal_text(agency: Agency) -> tuple[str, list[str]]:
    if agency.name.startswith("Công an"):
        ring = "Bộ Công an"  # the provincial police belong to the ministry, not to the province
    else:
        ring = agency.parent.name if agency.parent_id and agency.parent else settings.MOTCUA_PROVINCE_NAME
    centre = agency.short_name or agency.name
    for suffix in (" tỉnh ", " huyện ", " thành phố "):
        if suffix in centre:
            centre = centre.split(suffix)[0]
    return ring, textwrap.wrap(centre, 14)[:3] or [centre]


def _state(directory: Path, port: int) -> dict[str, Any]:
    """The PKI's epoch and port are fixed at creation, so the same certificates come out every time."""
    path = directory / "state.json"
    if path.exists():
        return json.loads(path.read_text())
    state = {"epoch": datetime.now(UTC).isoformat(), "port": port}
    directory.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(state))
    return state


def _passphrase(directory: Path) -> str:
    path = directory / "passphrase"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(24))
    return path.read_text().strip()


def ensure_demo_pki(data_dir: Path | str, *, port: int | None = None, start: bool = True) -> DemoPki:
    directory = Path(data_dir) / "demo-pki"
    # A free port when the PKI is first made, so that a second demo on the machine does not collide;
    # then always the same one (its certificates name it).
    chosen = port or int(os.environ.get("MOTCUA_DEMO_PKI_PORT", "0")) or free_port()
    state = _state(directory, chosen)
    leaders = list(
        StaffRole.objects.filter(role=Role.LEADER, user__is_active=True)
        .select_related("user", "agency", "agency__parent")
        .order_by("agency__code", "user_id")
    )
    agencies = {r.agency_id: r.agency for r in leaders}
    users = {r.user_id: r.user for r in leaders}
    parties = [
        Party(f"seal-{a.pk}", a.name, organization=a.name, valid_to_days=3 * 365) for a in agencies.values()
    ] + [
        Party(
            f"official-{u.pk}",
            u.display_name,
            organization=settings.MOTCUA_PROVINCE_NAME,
            valid_to_days=3 * 365,
        )
        for u in users.values()
    ]
    pki = Pki(
        directory=directory,
        port=int(state["port"]),
        parties=tuple(parties),
        now=datetime.fromisoformat(state["epoch"]),
    ).build()
    passphrase = _passphrase(directory)
    os.environ[PASSPHRASE_ENV] = passphrase
    conf.override(key_dir=str(directory / "p12"))

    with transaction.atomic():
        services.add_trust_anchors(actor=services.SYSTEM, data=pki.cert_pem("root"), note="PKI trình diễn")
        for agency in agencies.values():
            ring, centre = _seal_text(agency)
            _ensure_certificate(
                pki,
                f"seal-{agency.pk}",
                passphrase,
                kind=Certificate.Kind.AGENCY_SEAL,
                agency_id=agency.pk,
                image=images.seal_png(ring, centre),
            )
        for role in leaders:
            user = role.user
            _ensure_certificate(
                pki,
                f"official-{user.pk}",
                passphrase,
                kind=Certificate.Kind.PERSONAL,
                user_id=user.pk,
                image=images.signature_png(user.display_name),
            )
            if not SigningRule.objects.filter(
                agency=role.agency, user=user, kind=SigningRule.Kind.PERSONAL
            ).exists():
                superior, deputy = titles(role.agency)
                services.grant_signing_rule(
                    actor=services.SYSTEM,
                    agency_id=role.agency_id,
                    user_id=user.pk,
                    kind=SigningRule.Kind.PERSONAL,
                    staff_role=Role.LEADER,
                    authority=SigningRule.Authority.KT,
                    superior_title=superior,
                    title=deputy,
                )
        # The clerk keeps the seal: numbering and sealing come after the leader's signature.
        for clerk in StaffRole.objects.filter(role=Role.CLERK, user__is_active=True, agency_id__in=agencies):
            if not SigningRule.objects.filter(
                agency_id=clerk.agency_id, user_id=clerk.user_id, kind=SigningRule.Kind.SEAL
            ).exists():
                services.grant_signing_rule(
                    actor=services.SYSTEM,
                    agency_id=clerk.agency_id,
                    user_id=clerk.user_id,
                    kind=SigningRule.Kind.SEAL,
                    staff_role=Role.CLERK,
                    title="Văn thư",
                )
    started = False
    if start:
        try:
            pki.start()
            started = True
            # Its OCSP and CRL addresses are in the register (so on the allow-list), but on loopback.
            conf.override(tsa_url=pki.tsa_url, fetch_private=True)
        except OSError as exc:
            logger.warning(
                "demo PKI could not listen on port %s: %s; results will not be signed", pki.port, exc
            )
    return DemoPki(pki=pki, started=started)


def _ensure_certificate(pki: Pki, label: str, passphrase: str, *, image: bytes, **kwargs: Any) -> None:
    if _has_fingerprint(pki.cert(label).dump()):
        return
    path = pki.pkcs12(label, passphrase.encode())
    services.import_certificate(
        actor=services.SYSTEM,
        data=path.read_bytes(),
        passphrase_env=PASSPHRASE_ENV,
        appearance_image=image,
        **kwargs,
    )


def _has_fingerprint(der: bytes) -> bool:
    import hashlib

    return Certificate.objects.filter(fingerprint_sha256=hashlib.sha256(der).hexdigest()).exists()
