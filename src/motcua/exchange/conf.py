"""Exchange settings, from Django settings or else the environment.

- MOTCUA_EXCHANGE_TLS_CERT, _KEY: our TLS certificate and key (PEM), for both client and server.
- MOTCUA_EXCHANGE_TLS_CA: the CA bundle peers' certificates are verified against.
- MOTCUA_EXCHANGE_CLIENT_CERT_HEADER: behind a reverse proxy that verifies client certificates, the
  header carrying the certificate it verified (e.g. X-SSL-Client-Cert). Empty: no header is trusted.
- MOTCUA_EXCHANGE_CLIENT_VERIFY_HEADER: the proxy's verdict header (X-SSL-Client-Verify: SUCCESS).
- MOTCUA_EXCHANGE_MAX_MESSAGE_BYTES: the largest message the inbox accepts (32 MiB).
- MOTCUA_EXCHANGE_MAX_BATCH_MESSAGES, _BATCH_BYTES: the most messages one batch request to the
  inbox may carry (50) and their total size (32 MiB); the sender splits its chunks by the same.
- MOTCUA_EXCHANGE_AXIS_TOKEN: our credential on the national axis.
- MOTCUA_EXCHANGE_MAX_ATTEMPTS: transient failures before a message is marked failed (200).
- MOTCUA_EXCHANGE_LEASE: seconds a worker holds the messages it claimed; a worker that dies
  mid-send leaves them to be sent again after that (300).
- MOTCUA_EXCHANGE_BACKOFF_BASE, _CAP: seconds of the first retry delay and the longest (5, 3600).
"""

from __future__ import annotations

import os
from datetime import timedelta

from django.conf import settings


def _get(name: str, default: str = "") -> str:
    value = getattr(settings, name, None)
    return str(value) if value is not None else os.environ.get(name, default)


def tls_files() -> tuple[str, str, str]:
    return (_get("MOTCUA_EXCHANGE_TLS_CERT"), _get("MOTCUA_EXCHANGE_TLS_KEY"), _get("MOTCUA_EXCHANGE_TLS_CA"))


def client_cert_header() -> str:
    return _get("MOTCUA_EXCHANGE_CLIENT_CERT_HEADER")


def client_verify_header() -> str:
    return _get("MOTCUA_EXCHANGE_CLIENT_VERIFY_HEADER", "X-SSL-Client-Verify")


def max_message_bytes() -> int:
    return int(_get("MOTCUA_EXCHANGE_MAX_MESSAGE_BYTES", str(32 * 1024 * 1024)))


def max_batch_messages() -> int:
    return int(_get("MOTCUA_EXCHANGE_MAX_BATCH_MESSAGES", "50"))


def max_batch_bytes() -> int:
    return int(_get("MOTCUA_EXCHANGE_MAX_BATCH_BYTES", str(32 * 1024 * 1024)))


def axis_token() -> str:
    return _get("MOTCUA_EXCHANGE_AXIS_TOKEN")


def max_attempts() -> int:
    return int(_get("MOTCUA_EXCHANGE_MAX_ATTEMPTS", "200"))


def lease() -> timedelta:
    return timedelta(seconds=float(_get("MOTCUA_EXCHANGE_LEASE", "300")))


def backoff() -> tuple[float, float]:
    return (
        float(_get("MOTCUA_EXCHANGE_BACKOFF_BASE", "5")),
        float(_get("MOTCUA_EXCHANGE_BACKOFF_CAP", "3600")),
    )
