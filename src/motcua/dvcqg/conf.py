"""DVCQG sync settings, from Django settings or else the environment (production sets env vars).

- MOTCUA_DVCQG_URL: the adapter's base URL (the national portal's, or the sandbox's on loopback).
  Empty: rows are written to the outbox and wait; nothing is sent.
- MOTCUA_DVCQG_SYNC_PATH, _PROGRESS_PATH, _AUTH_PATH: the endpoints under that URL
  (/DongBoHoSoMC, /CapNhatTienDoHoSoMC, /login).
- MOTCUA_DVCQG_USERNAME, _PASSWORD: the province's account at the adapter (session login);
  MOTCUA_DVCQG_AGENCY_CODE: `madonvi`, the province's code there; MOTCUA_DVCQG_DSTCODE: the
  `dstcode` header some adapters ask for.
- MOTCUA_DVCQG_DATE_FORMAT, _PROGRESS_DATE_FORMAT: the date layout of each endpoint, one of
  yyyyMMddHHmmss (default), "dd/MM/yyyy HH:mm:ss", "yyyy-MM-dd HH:mm:ss".
- MOTCUA_DVCQG_TASKS: 1 (default) enqueue a delivery task after each queued event's commit; 0 where
  a dedicated `motcua dvcqg run` worker delivers (saves one task row per event under heavy load).
- MOTCUA_DVCQG_TIMEOUT: seconds to wait for an answer (15).
- MOTCUA_DVCQG_BATCH: bodies per call (50); a refused batch is sent again one body at a time.
- MOTCUA_DVCQG_MAX_ATTEMPTS: failures before a row is marked failed (50).
- MOTCUA_DVCQG_LEASE: seconds a worker holds the rows it claimed; a worker killed mid-send leaves
  them pending, to be sent again after that (120).
- MOTCUA_DVCQG_BACKOFF_BASE, _CAP: seconds of the first retry delay and the longest (10, 3600).
- MOTCUA_DVCQG_FILE_BASE_URL: public base of the links to files (DuongDanTaiTepTin, result link).
- MOTCUA_DVCQG_RESULTLESS_PROCEDURES: comma-separated procedure codes whose outcome is no paper
  (every other procedure yields a paper result, which must have an electronic copy when returned).
"""

from __future__ import annotations

import os
from datetime import timedelta

from django.conf import settings

from .fields import DATE_PATTERNS


def _get(name: str, default: str = "") -> str:
    value = getattr(settings, name, None)
    return str(value) if value is not None else os.environ.get(name, default)


def url() -> str:
    return _get("MOTCUA_DVCQG_URL").rstrip("/")


def use_tasks() -> bool:
    return _get("MOTCUA_DVCQG_TASKS", "1").strip().lower() not in ("0", "false", "no", "")


def sync_path() -> str:
    return _get("MOTCUA_DVCQG_SYNC_PATH", "/DongBoHoSoMC")


def progress_path() -> str:
    return _get("MOTCUA_DVCQG_PROGRESS_PATH", "/CapNhatTienDoHoSoMC")


def auth_path() -> str:
    return _get("MOTCUA_DVCQG_AUTH_PATH", "/login")


def credentials() -> tuple[str, str]:
    return _get("MOTCUA_DVCQG_USERNAME"), _get("MOTCUA_DVCQG_PASSWORD")


def agency_code() -> str:
    return _get("MOTCUA_DVCQG_AGENCY_CODE")


def dstcode() -> str:
    return _get("MOTCUA_DVCQG_DSTCODE")


def _format(name: str) -> str:
    value = _get(name, "yyyyMMddHHmmss")
    if value not in DATE_PATTERNS:
        raise ValueError(
            f"{name}: {value!r} không phải một định dạng ngày được hỗ trợ ({', '.join(DATE_PATTERNS)})."
        )
    return value


def date_format() -> str:
    return _format("MOTCUA_DVCQG_DATE_FORMAT")


def progress_date_format() -> str:
    return _format("MOTCUA_DVCQG_PROGRESS_DATE_FORMAT")


def timeout() -> float:
    return float(_get("MOTCUA_DVCQG_TIMEOUT", "15"))


def batch_size() -> int:
    """Bodies per DongBoHoSoMC call (the adapter takes a list in `data`)."""
    return max(1, int(_get("MOTCUA_DVCQG_BATCH", "50")))


def max_attempts() -> int:
    return int(_get("MOTCUA_DVCQG_MAX_ATTEMPTS", "50"))


def lease() -> timedelta:
    return timedelta(seconds=float(_get("MOTCUA_DVCQG_LEASE", "120")))


def backoff() -> tuple[float, float]:
    return float(_get("MOTCUA_DVCQG_BACKOFF_BASE", "10")), float(_get("MOTCUA_DVCQG_BACKOFF_CAP", "3600"))


def file_base_url() -> str:
    return _get("MOTCUA_DVCQG_FILE_BASE_URL", "").rstrip("/")


def resultless_procedures() -> frozenset[str]:
    return frozenset(c.strip() for c in _get("MOTCUA_DVCQG_RESULTLESS_PROCEDURES").split(",") if c.strip())
