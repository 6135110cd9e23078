"""What every transport raises: a failure worth retrying, or one that retrying cannot cure."""

from __future__ import annotations


class DeliveryError(Exception):
    """The message did not reach the other side this time (network, timeout, 5xx): retry later."""

    permanent = False


class PermanentDeliveryError(DeliveryError):
    """The other side refused the message itself (4xx): retrying the same bytes will not help."""

    permanent = True


def classify_http(status: int, body: bytes) -> DeliveryError | None:
    """None when the HTTP answer means delivered; else the failure it stands for."""
    if 200 <= status < 300:
        return None
    text = body[:500].decode("utf-8", "replace")
    if status in (408, 425, 429) or status >= 500:
        return DeliveryError(f"HTTP {status}: {text}")
    return PermanentDeliveryError(f"HTTP {status}: {text}")
