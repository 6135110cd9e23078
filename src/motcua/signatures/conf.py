"""Signature settings, read from Django settings (which read them from the environment).

| Setting (environment variable)          | Meaning                                                          |
|-----------------------------------------|------------------------------------------------------------------|
| MOTCUA_SIGNATURE_TSA_URL                | RFC 3161 timestamp authority used for every signature (B-T+)     |
| MOTCUA_SIGNATURE_TRUST_DIR              | extra trusted roots/intermediates (*.pem, *.cer, *.crt, *.der)   |
| MOTCUA_SIGNATURE_KEY_DIR                | where imported PKCS#12 files are kept (outside the database)     |
| MOTCUA_PKCS11_MODULE                    | default PKCS#11 library (e.g. /usr/lib/softhsm/libsofthsm2.so)   |
| MOTCUA_PKCS11_PIN_ENV                   | default name of the variable holding the token PIN               |
| MOTCUA_SIGNATURE_RESULT_LEVEL           | PAdES level of signed results: B-T (default) or B-LTA            |
| MOTCUA_SIGNATURE_EXPIRY_WARNING_DAYS    | "expiring soon" horizon of the certificate register (30)         |
| MOTCUA_SIGNATURE_MAX_VERIFY_BYTES       | largest file the verification service accepts (20 MB)            |
| MOTCUA_SIGNATURE_FETCH_REVOCATION       | fetch OCSP/CRL online when verifying (1)                         |
| MOTCUA_SIGNATURE_FETCH_ALLOW            | URL prefixes or hosts fetched besides our certificates' URLs     |
| MOTCUA_SIGNATURE_FETCH_PRIVATE          | allow fetching from private and loopback addresses (0)           |
| MOTCUA_SIGNATURE_FETCH_TIMEOUT          | seconds per OCSP/CRL/certificate request (8)                     |
| MOTCUA_SIGNATURE_FETCH_DEADLINE         | seconds for all the fetches of one verification or signing (20)  |
| MOTCUA_SIGNATURE_FETCH_MAX_REQUESTS     | requests per verification or signing (20)                        |
| MOTCUA_SIGNATURE_VERIFY_TIMEOUT         | seconds an uploaded file may take to verify (30; 0: in-process)  |
| MOTCUA_SIGNATURE_REVOCATION_CACHE       | keep OCSP responses and CRLs until their nextUpdate (1)          |
| MOTCUA_SIGNATURE_WORKERS                | verification/signing worker processes (0: one per core)          |
| MOTCUA_SIGNATURE_SIGN_TIMEOUT           | seconds a PKCS#12 signing may take in a worker (120; 0: here)   |
| MOTCUA_SIGNATURE_VERIFY_CONCURRENCY     | verifications at once per web process; more wait, then 503       |
| MOTCUA_SIGNATURE_VERIFY_PER_CLIENT      | verifications at once per client address; more get 429 (2)      |
| MOTCUA_SIGNATURE_FONT / _BOLD           | TrueType fonts for the appearance (Noto Serif by default)        |

Passphrases and PINs are never settings: a certificate record names the environment variable
that holds its secret, and only the process environment has the value.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings

from motcua.core.overrides import RuntimeOverrides

LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")

# Overrides set at run time by the demo PKI (motcua demo) and by tests; they win over settings.
_overrides = RuntimeOverrides()
overrides_kept = _overrides.kept
# override(name=value), None to clear: e.g. override(tsa_url="http://127.0.0.1:9000/tsa")
override = _overrides.set


# The overrides a child process needs to sign as this one does, by the variable that carries each.
_CHILD_ENVIRONMENT = {
    "tsa_url": "MOTCUA_SIGNATURE_TSA_URL",
    "trust_dir": "MOTCUA_SIGNATURE_TRUST_DIR",
    "key_dir": "MOTCUA_SIGNATURE_KEY_DIR",
    "pkcs11_module": "MOTCUA_PKCS11_MODULE",
    "pkcs11_pin_env": "MOTCUA_PKCS11_PIN_ENV",
    "result_level": "MOTCUA_SIGNATURE_RESULT_LEVEL",
    "fetch_allow": "MOTCUA_SIGNATURE_FETCH_ALLOW",
    "fetch_private": "MOTCUA_SIGNATURE_FETCH_PRIVATE",
}


def overrides_as_environment() -> dict[str, str]:
    """The run-time overrides as environment variables, for a process started from this one.

    `motcua demo` sets up its PKI at run time; its task worker, which signs batch approvals, only
    sees what it inherits through the environment.
    """
    return {
        _CHILD_ENVIRONMENT[k]: _as_environment(v) for k, v in _overrides.items() if k in _CHILD_ENVIRONMENT
    }


def _as_environment(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def _get(key: str, setting: str, default: object) -> object:
    if key in _overrides:
        return _overrides[key]
    if not settings.configured:  # the pure signing functions also run outside Django
        return os.environ.get(setting, default)
    return getattr(settings, setting, default)


def tsa_url() -> str:
    return str(_get("tsa_url", "MOTCUA_SIGNATURE_TSA_URL", "") or "")


def trust_dir() -> Path | None:
    value = _get("trust_dir", "MOTCUA_SIGNATURE_TRUST_DIR", "")
    return Path(str(value)) if value else None


def key_dir() -> Path:
    value = _get("key_dir", "MOTCUA_SIGNATURE_KEY_DIR", "")
    return Path(str(value)) if value else Path(settings.DATA_DIR) / "keys"


def pkcs11_module() -> str:
    return str(_get("pkcs11_module", "MOTCUA_PKCS11_MODULE", "") or "")


def pkcs11_pin_env() -> str:
    return str(_get("pkcs11_pin_env", "MOTCUA_PKCS11_PIN_ENV", "MOTCUA_PKCS11_PIN"))


def result_level() -> str:
    level = str(_get("result_level", "MOTCUA_SIGNATURE_RESULT_LEVEL", "B-T")).upper()
    return level if level in LEVELS else "B-T"


def expiry_warning_days() -> int:
    return int(str(_get("expiry_warning_days", "MOTCUA_SIGNATURE_EXPIRY_WARNING_DAYS", 30)))


def max_verify_bytes() -> int:
    return int(str(_get("max_verify_bytes", "MOTCUA_SIGNATURE_MAX_VERIFY_BYTES", 20 * 1024 * 1024)))


def verify_timeout() -> float:
    """Seconds an uploaded file may take to verify (in a worker process); 0 verifies in-process."""
    return float(str(_get("verify_timeout", "MOTCUA_SIGNATURE_VERIFY_TIMEOUT", 30)))


def fetch_revocation() -> bool:
    return bool(_get("fetch_revocation", "MOTCUA_SIGNATURE_FETCH_REVOCATION", True))


def fetch_allow() -> tuple[str, ...]:
    """URL prefixes ("https://ca.example/crl/") and hosts ("ocsp.example") that validation may fetch
    from, besides the addresses named by the certificates of the trust store and the register."""
    value = _get("fetch_allow", "MOTCUA_SIGNATURE_FETCH_ALLOW", "")
    items = value if isinstance(value, list | tuple) else str(value or "").split(",")
    return tuple(str(item).strip() for item in items if str(item).strip())


def fetch_private() -> bool:
    """Whether fetching may reach private and loopback addresses (the test and demo PKIs do)."""
    value = _get("fetch_private", "MOTCUA_SIGNATURE_FETCH_PRIVATE", False)
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


def fetch_timeout() -> float:
    return float(str(_get("fetch_timeout", "MOTCUA_SIGNATURE_FETCH_TIMEOUT", 8)))


def fetch_deadline() -> float:
    return float(str(_get("fetch_deadline", "MOTCUA_SIGNATURE_FETCH_DEADLINE", 20)))


def fetch_max_requests() -> int:
    return int(str(_get("fetch_max_requests", "MOTCUA_SIGNATURE_FETCH_MAX_REQUESTS", 20)))


def revocation_cache() -> bool:
    """Whether OCSP responses and CRLs are kept between verifications until their nextUpdate."""
    value = _get("revocation_cache", "MOTCUA_SIGNATURE_REVOCATION_CACHE", True)
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


def workers() -> int:
    """Worker processes for verification and signing; 0 (default): one per usable core."""
    return int(str(_get("workers", "MOTCUA_SIGNATURE_WORKERS", 0)))


def sign_timeout() -> float:
    """Seconds a signing with a PKCS#12 key may take in a worker process; 0 signs in-process."""
    return float(str(_get("sign_timeout", "MOTCUA_SIGNATURE_SIGN_TIMEOUT", 120)))


def verify_concurrency() -> int:
    """Verifications running or waiting at once in one web process; 0: twice the workers."""
    return int(str(_get("verify_concurrency", "MOTCUA_SIGNATURE_VERIFY_CONCURRENCY", 0)))


def verify_per_client() -> int:
    """Verifications one client address may have running at once (across web processes)."""
    return int(str(_get("verify_per_client", "MOTCUA_SIGNATURE_VERIFY_PER_CLIENT", 2)))


def font_paths() -> tuple[str, str]:
    regular = str(_get("font", "MOTCUA_SIGNATURE_FONT", "") or "")
    bold = str(_get("font_bold", "MOTCUA_SIGNATURE_FONT_BOLD", "") or "")
    return regular, bold


def secret_from_env(variable: str) -> str:
    """The value of the environment variable a certificate record names (passphrase, PIN)."""
    if not variable:
        return ""
    return os.environ.get(variable, "")
