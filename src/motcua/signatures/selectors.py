"""Reads of the signature domain: the register, the trust store, signing rights, verdicts."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext

from motcua.agencies.models import StaffRole
from motcua.core.errors import NotFound
from motcua.core.health import STALLED_AFTER
from motcua.core.time import now

from . import conf, truststore
from .certs import load_certificates
from .fetching import FetchPolicy, policy_from_settings, urls_named_by
from .models import (
    BatchApproval,
    BatchApprovalItem,
    Certificate,
    CertificateStatus,
    SignatureRecord,
    SigningRule,
    VerificationRecord,
)
from .verification import Report

logger = logging.getLogger(__name__)

SERVER_KEYS = (Certificate.KeyStorage.PKCS12, Certificate.KeyStorage.PKCS11)
VERDICT_CACHE_SECONDS = 300
FETCH_URLS_CACHE_KEY = "motcua:signature-fetch-urls"
# Changes are forgotten at once in the process that makes them; other processes (each with its
# own local-memory cache) and the files of MOTCUA_SIGNATURE_TRUST_DIR catch up within this time.
FETCH_URLS_CACHE_SECONDS = 300


def certificate_status(certificate: Certificate, at: datetime | None = None) -> CertificateStatus:
    return certificate.status_at(at or now(), conf.expiry_warning_days())


def register(*, kind: str | None = None, agency_id: int | None = None) -> QuerySet[Certificate]:
    """The register as the administrator's list shows it."""
    qs = Certificate.objects.select_related("agency", "user").order_by("kind", "display_name", "-not_after")
    if kind:
        qs = qs.filter(kind=kind)
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    return qs


def expiring_certificates(days: int | None = None, *, at: datetime | None = None) -> list[Certificate]:
    """Active certificates that expire within `days` (default: the warning horizon), soonest first."""
    moment = at or now()
    horizon = moment + timedelta(days=conf.expiry_warning_days() if days is None else days)
    return list(
        Certificate.objects.filter(
            register_status=Certificate.RegisterStatus.ACTIVE,
            not_after__gt=moment,
            not_after__lte=horizon,
        )
        .select_related("agency", "user")
        .order_by("not_after")
    )


def _usable(qs: QuerySet[Certificate], at: datetime) -> Certificate | None:
    """The usable certificate that stays valid longest."""
    return (
        qs.filter(register_status=Certificate.RegisterStatus.ACTIVE, not_before__lte=at, not_after__gt=at)
        .order_by("-not_after")
        .first()
    )


def usable_personal_certificate(
    user: Any, *, at: datetime | None = None, server_key: bool = True
) -> Certificate | None:
    """The official's certificate that can sign now (with the key on the server, or on their token)."""
    qs = Certificate.objects.filter(kind=Certificate.Kind.PERSONAL, user=user)
    if server_key:
        qs = qs.filter(key_storage__in=SERVER_KEYS)
    else:
        qs = qs.filter(key_storage=Certificate.KeyStorage.CLIENT_TOKEN)
    return _usable(qs, at or now())


def usable_seal_certificate(agency_id: int, *, at: datetime | None = None) -> Certificate | None:
    qs = Certificate.objects.filter(
        kind=Certificate.Kind.AGENCY_SEAL, agency_id=agency_id, key_storage__in=SERVER_KEYS
    )
    return _usable(qs.select_related("agency"), at or now())


def signing_rule_for(
    user: Any, agency_id: int, kind: str, *, at: datetime | None = None
) -> SigningRule | None:
    """The active rule letting `user` sign for the agency, provided they still hold the rule's role there."""
    if not getattr(user, "is_authenticated", False):
        return None
    day = (at or now()).date()
    rule = (
        SigningRule.objects.filter(
            agency_id=agency_id, user=user, kind=kind, is_active=True, valid_from__lte=day
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .first()
    )
    if rule is None:
        return None
    if not StaffRole.objects.filter(user=user, agency_id=agency_id, role=rule.staff_role).exists():
        return None
    return rule


def _trust_dir_certificates() -> list[asn1_x509.Certificate]:
    directory = conf.trust_dir()
    if directory is None or not directory.is_dir():
        return []
    found: list[asn1_x509.Certificate] = []
    for path in sorted(Path(directory).iterdir()):
        if path.suffix.lower() not in (".pem", ".cer", ".crt", ".der"):
            continue
        try:
            found.extend(load_certificates(path.read_bytes()))
        except Exception:  # one bad file must not empty the trust store
            logger.warning("trust store: %s is not a certificate file", path)
    return found


def trust_dir_certificates() -> list[asn1_x509.Certificate]:
    """The certificates of MOTCUA_SIGNATURE_TRUST_DIR alone (all a restore onto an empty database has)."""
    return _trust_dir_certificates()


def trust_store() -> tuple[list[asn1_x509.Certificate], list[asn1_x509.Certificate]]:
    """(roots, intermediates): the trust store read once (see `trust_roots`, `known_intermediates`)."""
    roots, intermediates = truststore.anchors()
    files = _trust_dir_certificates()
    return (
        [*roots, *(c for c in files if c.self_signed != "no")],
        [*intermediates, *(c for c in files if c.self_signed == "no")],
    )


def trust_roots() -> list[asn1_x509.Certificate]:
    """Trust anchors: the active roots of the trust store, plus self-signed files in the trust dir."""
    roots, _intermediates = truststore.anchors()
    return [*roots, *(c for c in _trust_dir_certificates() if c.self_signed != "no")]


def known_intermediates() -> list[asn1_x509.Certificate]:
    """Intermediate CAs the administrator registered: used to build paths, not trusted by themselves."""
    _roots, intermediates = truststore.anchors()
    return [*intermediates, *(c for c in _trust_dir_certificates() if c.self_signed == "no")]


def register_fetch_urls() -> frozenset[str]:
    """The OCSP, CRL and issuer addresses named by the trust store's certificates and by every
    certificate of the register (with the chain imported with it): what validation may fetch."""
    cached = cache.get(FETCH_URLS_CACHE_KEY)
    if isinstance(cached, frozenset):
        return cached
    certs = trust_roots() + known_intermediates()
    chains: set[str] = set()
    for der, chain_pem in Certificate.objects.values_list("der", "chain_pem"):
        certs.append(asn1_x509.Certificate.load(bytes(der)))
        if chain_pem:
            chains.add(chain_pem)
    for chain_pem in chains:  # most certificates share their issuer's chain: read each once
        try:
            certs.extend(load_certificates(chain_pem.encode()))
        except Exception:
            logger.warning("a certificate chain of the register is not readable")
    urls = frozenset(url for cert in certs for url in urls_named_by(cert))
    cache.set(FETCH_URLS_CACHE_KEY, urls, FETCH_URLS_CACHE_SECONDS)
    return urls


def forget_fetch_urls(**_signal: Any) -> None:
    """The trust store or the register changed: compute the addresses again (now and after the commit,
    so a reader in between cannot keep what the transaction replaced)."""
    from django.db import transaction

    cache.delete(FETCH_URLS_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(FETCH_URLS_CACHE_KEY))


def fetch_policy() -> FetchPolicy:
    """What verification and signing may fetch: the register's addresses plus the settings."""
    return policy_from_settings(register_fetch_urls())


def signature_records(result: Any) -> QuerySet[SignatureRecord]:
    return (
        SignatureRecord.objects.filter(result=result).select_related("certificate", "signer").order_by("id")
    )


def verdict_for_result(result: Any) -> Report:
    """The verification verdict of a stored result PDF, for the portal page (cached per file content)."""
    from .verification import verify_pdf

    key = f"motcua:signature-verdict:{result.sha256}"
    cached = cache.get(key)
    if isinstance(cached, Report):
        return cached
    with result.file.open("rb") as handle:
        content = handle.read()
    report = verify_pdf(content, with_xml=False)
    cache.set(key, report, VERDICT_CACHE_SECONDS)
    return report


def batch_for(user: Any, batch_id: uuid.UUID) -> BatchApproval:
    """A batch approval, for the leader who started it only; to anyone else it does not exist."""
    batch = BatchApproval.objects.filter(pk=batch_id, leader_id=getattr(user, "pk", None)).first()
    if batch is None:
        raise NotFound(gettext("Không tìm thấy lượt phê duyệt."))
    return batch


@dataclass(frozen=True)
class BatchProgress:
    items: list[BatchApprovalItem]
    approved: int
    signed: int
    refused: int
    pending: int
    running: bool
    # Not started after the time in which a task worker always picks a task up: none is running.
    no_worker: bool

    @property
    def done(self) -> int:
        return self.approved + self.refused


def batch_progress(batch: BatchApproval, at: datetime | None = None) -> BatchProgress:
    """Each ticked dossier of the batch in order, with the counts the page leads with (one query)."""
    items = list(batch.items.order_by("position"))
    status = BatchApprovalItem.Status
    approved = [i for i in items if i.status == status.APPROVED]
    return BatchProgress(
        items=items,
        approved=len(approved),
        signed=sum(1 for i in approved if i.signed),
        refused=sum(1 for i in items if i.status == status.REFUSED),
        pending=sum(1 for i in items if i.status == status.PENDING),
        running=batch.finished_at is None,
        no_worker=batch.started_at is None and (at or now()) - batch.created_at > STALLED_AFTER,
    )


def unfinished_batches(user: Any) -> list[BatchApproval]:
    """The leader's batch approvals still running, newest first, each with `waiting` (one query)."""
    return list(
        BatchApproval.objects.filter(leader_id=getattr(user, "pk", None), finished_at__isnull=True)
        .annotate(waiting=Count("items", filter=Q(items__status=BatchApprovalItem.Status.PENDING)))
        .order_by("-created_at")[:3]
    )


def verification_report_xml(record_id: str) -> str | None:
    """The TS 119 102-2 XML of an earlier public verification; None if unknown or never made."""
    try:
        record = VerificationRecord.objects.only("xml").get(pk=record_id)
    except (VerificationRecord.DoesNotExist, ValueError, ValidationError):
        return None
    return record.xml or None
