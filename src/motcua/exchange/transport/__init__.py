"""Transports of the exchange: the national axis's verbs and motcua-to-motcua over HTTPS with mutual TLS.

A transport moves bytes; it never judges a message. The outbox worker (`services.delivery`) asks a
transport to `send` one message and learns `Delivered`, a transient failure (retry later) or a
permanent one (a human must look); polling transports (the axis) also list, fetch and acknowledge.
"""

from __future__ import annotations

from .base import DeliveryError, PermanentDeliveryError

__all__ = ["DeliveryError", "PermanentDeliveryError"]
