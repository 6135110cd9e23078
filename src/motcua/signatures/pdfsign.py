"""PAdES signing with pyHanko: pure functions on bytes, no database.

Levels: B-B (no timestamp), B-T (signature timestamp from the TSA), B-LT (plus the validation
data: certificates, OCSP responses and CRLs in the document security store) and B-LTA (plus a
document timestamp over everything, so the signature can be validated after the PKI is gone).
"""

from __future__ import annotations

import asyncio
import io
import threading
from collections.abc import AsyncIterator, Coroutine, Iterable
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any, TypeVar

import aiohttp
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner, PdfTimeStamper
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.fetchers.api import OwnedFetcherBackend
from pyhanko_certvalidator.policy_decl import REQUIRE_REVINFO, CertRevTrustPolicy

from . import speedups
from .appearance import FieldPlacement
from .errors import NotAPdf, SignatureError, TimestampUnavailable
from .fetching import REFUSAL_MESSAGES, FetchPolicy, GuardedFetcherBackend, policy_from_settings, tls_context

T = TypeVar("T")

speedups.install()  # pyHanko's hex-string reader, without a Python step per byte

LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")
# Room for the CMS container, in hex digits: an RSA-2048 signature with a three-certificate chain and
# a timestamp token is about 8 kB (16 k digits). A fixed size spares pyHanko's sizing dry run (a third
# of the signing time); a larger container falls back to that dry run.
RESERVED_HEX_DIGITS = 20480
MAX_SIGN_BYTES = 50 * 1024 * 1024  # pyHanko corrupted files over 100 MB in 2023 (#336): stay well below


def _run(coro: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run` without its Ctrl-C handler.

    In the main thread `asyncio.run` swaps the SIGINT handler in and out around every call, and
    `signal.signal` builds the repr of the running task (the coroutine and its arguments) on the
    way: 6 % of a signed result's CPU in a signature worker, twice per result. Nothing here needs
    Ctrl-C to cancel the task gently; the rest is `asyncio.run`'s own sequence: a new loop, the
    tasks left over cancelled, async generators and the default executor shut down, loop closed.
    """
    loop = asyncio.new_event_loop()
    try:
        asyncio.set_event_loop(loop)
        return loop.run_until_complete(coro)
    finally:
        try:
            left = [task for task in asyncio.all_tasks(loop) if not task.done()]
            for task in left:
                task.cancel()
            if left:
                loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            asyncio.set_event_loop(None)
            loop.close()


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine from synchronous code, also when the caller already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _run(coro)
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = _run(coro)
        except BaseException as exc:  # re-raised in the caller's thread
            result["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]


class _TimeStamper(HTTPTimeStamper):
    """pyHanko's HTTP timestamp client, with the process's TLS context: pyHanko's own session
    loads certifi's bundle again for every request (~40 ms of CPU per signature)."""

    @asynccontextmanager
    async def _acquire_session(self) -> AsyncIterator[aiohttp.ClientSession]:
        session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=tls_context()))
        try:
            yield session
        finally:
            await session.close()


@lru_cache(maxsize=8)
def timestamper(url: str, *, timeout: int = 10) -> TimeStamper:
    """One client per TSA: it caches the dummy token pyHanko uses to size signatures."""
    return _TimeStamper(url, timeout=timeout)


def signing_validation_context(
    trust_roots: Iterable[asn1_x509.Certificate],
    intermediates: Iterable[asn1_x509.Certificate] = (),
    *,
    fetch_policy: FetchPolicy | None = None,
    own: Iterable[asn1_x509.Certificate] = (),
    backend: GuardedFetcherBackend | None = None,
) -> ValidationContext:
    """What B-LT/B-LTA signing uses to fetch and embed revocation data for the signer's chain.

    It fetches only what `fetch_policy` allows (default: the settings' allow-list) plus the
    addresses named by the roots, the intermediates and `own`, our own certificates (the signer's
    and its chain): signing never fetches for anybody else. Closing the context closes the backend.
    """
    roots, others = list(trust_roots), list(intermediates)
    if backend is None:
        policy = (fetch_policy or policy_from_settings()).adding_certificates([*roots, *others, *own])
        backend = GuardedFetcherBackend(policy)
    return ValidationContext(
        trust_roots=roots,
        other_certs=others,
        allow_fetching=True,
        revinfo_policy=CertRevTrustPolicy(REQUIRE_REVINFO),
        fetcher_backend=OwnedFetcherBackend(backend),
    )


def _writer(data: bytes) -> IncrementalPdfFileWriter:
    if not data.startswith(b"%PDF-") or len(data) > MAX_SIGN_BYTES:
        raise NotAPdf()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise NotAPdf() from exc
    if writer.prev.encrypted:
        raise NotAPdf("Không ký được tệp PDF đã mã hóa.")
    return writer


def page_count(data: bytes) -> int:
    return int(_writer(data).root["/Pages"]["/Count"])


def page_size(data: bytes, page: int = 0) -> tuple[float, float]:
    writer = _writer(data)
    page_ref, _resources = writer.find_page_for_modification(page)
    page_obj = page_ref.get_object()
    box = page_obj.get("/CropBox") or page_obj["/MediaBox"]
    x1, y1, x2, y2 = (float(v) for v in box)
    return x2 - x1, y2 - y1


async def async_sign_pdf(
    data: bytes,
    *,
    signer: signers.Signer,
    field_name: str,
    level: str = "B-T",
    placement: FieldPlacement | None = None,
    tsa: TimeStamper | None = None,
    trust_roots: Iterable[asn1_x509.Certificate] | None = None,
    reason: str | None = None,
    location: str | None = None,
    signer_name: str | None = None,
    fetch_policy: FetchPolicy | None = None,
) -> bytes:
    """Add one PAdES signature as an incremental update and return the new file.

    B-LT and B-LTA fetch revocation data for the signer's own chain only (`signing_validation_context`)."""
    if level not in LEVELS:
        raise SignatureError(f"Mức chữ ký không hợp lệ: {level}.")
    if level != "B-B" and tsa is None:
        raise TimestampUnavailable("Chưa cấu hình máy chủ cấp dấu thời gian (MOTCUA_SIGNATURE_TSA_URL).")
    if level in ("B-LT", "B-LTA") and not trust_roots:
        raise SignatureError("Ký mức B-LT/B-LTA cần danh sách chứng thư gốc tin cậy.")
    validation_context = backend = None
    if level in ("B-LT", "B-LTA"):
        own = [getattr(signer, "signing_cert", None), *(getattr(signer, "cert_registry", None) or ())]
        roots = list(trust_roots or [])
        policy = (fetch_policy or policy_from_settings()).adding_certificates(
            [*roots, *(c for c in own if c is not None)]
        )
        backend = GuardedFetcherBackend(policy)
        validation_context = signing_validation_context(roots, backend=backend)
    writer = _writer(data)
    new_field = None
    if placement is not None:
        page = placement.page
        if page < 0:
            page = int(writer.root["/Pages"]["/Count"]) + page
        new_field = fields.SigFieldSpec(
            sig_field_name=placement.name,
            on_page=page,
            box=tuple(round(v, 2) for v in placement.box),  # type: ignore[arg-type]
        )
    meta = PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        embed_validation_info=level in ("B-LT", "B-LTA"),
        use_pades_lta=level == "B-LTA",
        validation_context=validation_context,
        reason=reason,
        location=location,
        name=signer_name,
    )
    pdf_signer = PdfSigner(
        meta,
        signer=signer,
        timestamper=tsa if level != "B-B" else None,
        stamp_style=placement.style if placement is not None else None,
        new_field_spec=new_field,
    )
    out = io.BytesIO()
    try:
        try:
            await pdf_signer.async_sign_pdf(writer, output=out, bytes_reserved=RESERVED_HEX_DIGITS)
        except SigningError as exc:
            if "larger than expected" not in str(exc):
                raise
            out = io.BytesIO()
            await pdf_signer.async_sign_pdf(_writer(data), output=out)  # let pyHanko size it
    except TimestampRequestError as exc:
        raise TimestampUnavailable() from exc
    except SigningError as exc:
        if backend is not None and backend.refusals:  # the revocation data to embed was not fetched
            why = REFUSAL_MESSAGES[backend.refusals[0].refusal]
            raise SignatureError(
                f"Không ký được văn bản ở mức {level}: không lấy được thông tin thu hồi (OCSP/CRL) "
                f"để nhúng vào chữ ký vì {why}."
            ) from exc
        raise SignatureError(f"Không ký được văn bản: {exc}") from exc
    finally:
        if validation_context is not None:
            await validation_context.aclose()
    return out.getvalue()


def sign_pdf(data: bytes, **kwargs: Any) -> bytes:
    """Synchronous `async_sign_pdf`."""
    return run_sync(async_sign_pdf(data, **kwargs))


async def async_add_document_timestamp(
    data: bytes,
    *,
    tsa: TimeStamper,
    trust_roots: Iterable[asn1_x509.Certificate],
    fetch_policy: FetchPolicy | None = None,
) -> bytes:
    """Add a document timestamp (with the validation data of the TSA's chain): renews B-LTA."""
    writer = _writer(data)
    out = io.BytesIO()
    validation_context = signing_validation_context(trust_roots, fetch_policy=fetch_policy)
    try:
        await PdfTimeStamper(tsa).async_timestamp_pdf(
            writer, md_algorithm="sha256", validation_context=validation_context, output=out
        )
    except TimestampRequestError as exc:
        raise TimestampUnavailable() from exc
    finally:
        await validation_context.aclose()
    return out.getvalue()


# Signing in a worker process ----------------------------------------------------------------------
_worker_signers: dict[tuple[str, bytes, str], signers.Signer] = {}


def sign_pdf_with_pkcs12(
    data: bytes,
    *,
    key_path: str,
    passphrase: str,
    certificate: bytes,
    chain: list[bytes],
    tsa_url: str | None,
    trust_roots: list[bytes] | None = None,
    **kwargs: Any,
) -> bytes:
    """`sign_pdf` with a PKCS#12 key, from picklable arguments: what a signature worker runs
    (`isolation`). The opened key is kept in the worker for its file, certificate and passphrase."""
    import hashlib
    from pathlib import Path

    from .errors import KeyUnavailable
    from .keys import pkcs12_signer

    kept = (key_path, certificate, hashlib.sha256(passphrase.encode()).hexdigest())
    signer = _worker_signers.get(kept)
    if signer is None:
        opened = pkcs12_signer(
            Path(key_path), passphrase, chain=[asn1_x509.Certificate.load(der) for der in chain]
        )
        if opened.signing_cert is None or opened.signing_cert.dump() != certificate:
            raise KeyUnavailable("Tệp PKCS#12 không chứa đúng chứng thư số đã đăng ký.")
        if len(_worker_signers) >= 16:
            _worker_signers.clear()
        _worker_signers[kept] = signer = opened
    return sign_pdf(
        data,
        signer=signer,
        tsa=timestamper(tsa_url) if tsa_url else None,
        trust_roots=[asn1_x509.Certificate.load(der) for der in trust_roots or []],
        **kwargs,
    )


def sign_pdf_with_pkcs12_task(data: bytes, options: dict[str, Any]) -> bytes:
    """`sign_pdf_with_pkcs12(data, **options)`: the worker pool passes positional arguments."""
    return sign_pdf_with_pkcs12(data, **options)
