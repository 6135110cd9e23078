"""Payment gateway settings, from the environment; the sandbox overrides them at run time.

| Environment variable              | Meaning                                                               |
|-----------------------------------|-----------------------------------------------------------------------|
| MOTCUA_PAYMENT_GATEWAY_URL        | the gateway's base URL (the payer page is `<url>/thanh-toan`)         |
| MOTCUA_PAYMENT_PARTNER_CODE       | our partner code at the gateway (`partnerCode`, `MaDoiTac`)           |
| MOTCUA_PAYMENT_SECRET             | the shared key of the checksums (HMAC-SHA256); never in the database  |
| MOTCUA_PAYMENT_PUBLIC_URL         | our own base URL, for the gateway's return and callback URLs          |
| MOTCUA_PAYMENT_CALLBACKS_PER_MIN  | machine calls (callback, bill look-up) per client address (60)        |
| MOTCUA_PAYMENT_MAX_BODY_BYTES     | largest machine request body accepted (16 KB)                         |

Without a gateway URL and a secret, online payment is off: fees are shown and paid at the counter.
"""

from __future__ import annotations

import os

from motcua.core.overrides import RuntimeOverrides

_overrides = RuntimeOverrides()
overrides_kept = _overrides.kept
# override(name=value), None to clear: gateway_url, partner_code, secret, public_url
override = _overrides.set


def _get(key: str, env: str, default: str = "") -> str:
    if key in _overrides:
        return str(_overrides[key])
    return os.environ.get(env, default)


def gateway_url() -> str:
    return _get("gateway_url", "MOTCUA_PAYMENT_GATEWAY_URL").rstrip("/")


def gateway_origin() -> str:
    """scheme://host[:port] of the gateway: the pages with a "pay" form let it be a form target (CSP)."""
    from urllib.parse import urlsplit

    parts = urlsplit(gateway_url())
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def partner_code() -> str:
    return _get("partner_code", "MOTCUA_PAYMENT_PARTNER_CODE", "MOTCUA")


def secret() -> str:
    return _get("secret", "MOTCUA_PAYMENT_SECRET")


def public_url() -> str:
    return _get("public_url", "MOTCUA_PAYMENT_PUBLIC_URL").rstrip("/")


def online_enabled() -> bool:
    return bool(gateway_url() and secret())


def machine_rate() -> str:
    return f"{int(_get('rate', 'MOTCUA_PAYMENT_CALLBACKS_PER_MIN', '60'))}/min"


def max_body_bytes() -> int:
    return int(_get("max_body", "MOTCUA_PAYMENT_MAX_BODY_BYTES", str(16 * 1024)))


def as_environment() -> dict[str, str]:
    """The overrides as environment variables, for a worker process started by the demo."""
    names = {
        "gateway_url": "MOTCUA_PAYMENT_GATEWAY_URL",
        "partner_code": "MOTCUA_PAYMENT_PARTNER_CODE",
        "secret": "MOTCUA_PAYMENT_SECRET",
        "public_url": "MOTCUA_PAYMENT_PUBLIC_URL",
    }
    return {names[key]: str(value) for key, value in _overrides.items() if key in names}
