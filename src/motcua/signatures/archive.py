"""Archived results (PAdES B-LTA): find those whose last document timestamp ages out, renew them.

A B-LTA result stays verifiable only while its last document timestamp can be validated. Before
the timestamp authority's certificate expires, `renew_archive_timestamp` embeds the validation
data of that timestamp and adds a new one over the whole file (the "LTA chain"), verifies the
result and stores it as a new version of the result: the previous version is never changed.
`motcua renew_timestamps` runs it for every result due (monthly, from cron).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from asn1crypto import x509 as asn1_x509
from django.db.models import Max
from django.utils.translation import gettext_lazy
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.signers.pdf_signer import PdfTimeStamper
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError

from motcua.core.errors import ValidationFailed
from motcua.core.time import now as current_time

from . import pdfsign, services
from .errors import SignatureError, TimestampUnavailable
from .fetching import FetchPolicy
from .selectors import fetch_policy, trust_roots


class NotAnArchive(ValidationFailed):
    code = "not_an_archive"
    default_message: Any = gettext_lazy("Kết quả không có dấu thời gian lưu trữ (không ký ở mức B-LTA).")


def archive_timestamp_expiry(pdf: bytes) -> datetime | None:
    """When the TSA certificate of the PDF's last document timestamp expires; None without one."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        timestamps = reader.embedded_timestamp_signatures
    except (PdfError, ValueError, KeyError, TypeError):
        return None
    if not timestamps:
        return None
    not_after: datetime = timestamps[-1].signer_cert["tbs_certificate"]["validity"]["not_after"].native
    return not_after


def _read(result: Any) -> bytes:
    with result.file.open("rb") as handle:
        return bytes(handle.read())


def results_due_for_renewal(*, within: timedelta, now: datetime | None = None) -> list[Any]:
    """The latest result of each dossier, when signed, whose archive timestamp expires before now + within.

    Reads every latest signed result file: fine for now; storing the expiry in a column (filled when
    a result is stored) would turn this into one query. Results without a document timestamp (B-T)
    are not archives and never due. A dossier whose latest result is unsigned is skipped.
    """
    from motcua.dossiers.models import ResultDocument

    limit = (now or current_time()) + within
    latest_ids = (
        ResultDocument.objects.values("dossier_id")
        .annotate(latest=Max("id"))
        .values_list("latest", flat=True)
    )
    due = []
    for result in (
        ResultDocument.objects.filter(pk__in=list(latest_ids), is_signed=True)
        .select_related("dossier")
        .order_by("dossier_id")
    ):
        expiry = archive_timestamp_expiry(_read(result))
        if expiry is not None and expiry < limit:
            due.append(result)
    return due


async def async_renew_document_timestamp(
    data: bytes,
    *,
    tsa: TimeStamper,
    trust_roots: Iterable[asn1_x509.Certificate],
    fetch_policy: FetchPolicy | None = None,
) -> bytes:
    """Embed the validation data of the last document timestamp, then add a new one (pure, no database)."""
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    if not reader.embedded_timestamp_signatures:
        raise NotAnArchive()
    out = io.BytesIO()
    validation_context = pdfsign.signing_validation_context(trust_roots, fetch_policy=fetch_policy)
    try:
        await PdfTimeStamper(tsa).async_update_archival_timestamp_chain(
            reader, validation_context, in_place=False, output=out
        )
    except TimestampRequestError as exc:
        raise TimestampUnavailable() from exc
    except (PdfError, ValueError, KeyError) as exc:
        raise SignatureError(f"Không gia hạn được dấu thời gian lưu trữ: {exc}") from exc
    finally:
        await validation_context.aclose()
    return out.getvalue()


def renew_archive_timestamp(*, result_id: int, at: datetime | None = None) -> Any:
    """Add a new document timestamp to a B-LTA result and store it as the result's new version.

    The renewed file is verified first; one that does not verify is not stored
    (SignedDocumentRejected). Returns the new ResultDocument.
    """
    from motcua.dossiers import services as dossier_services
    from motcua.dossiers.models import ResultDocument

    source = ResultDocument.objects.get(pk=result_id)
    content = _read(source)
    if not source.is_signed or archive_timestamp_expiry(content) is None:
        raise NotAnArchive()
    tsa = services._tsa()
    if tsa is None:
        raise TimestampUnavailable("Chưa cấu hình máy chủ cấp dấu thời gian (MOTCUA_SIGNATURE_TSA_URL).")
    renewing = async_renew_document_timestamp(
        content, tsa=tsa, trust_roots=trust_roots(), fetch_policy=fetch_policy()
    )
    renewed = pdfsign.run_sync(renewing)
    services._check_signed(renewed)
    return dossier_services.add_renewed_result(
        source_id=source.pk, content=renewed, note="Gia hạn dấu thời gian lưu trữ", at=at
    )
