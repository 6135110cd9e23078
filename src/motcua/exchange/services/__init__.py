"""Every write-side action of the document exchange.

| module | what it does |
|---|---|
| `seal` | `sign_with_agency_seal`: the agency's seal from the certificate register |
| `sending` | `send_document`, `send_status`, `recall_document`: rows in the outbox |
| `receiving` | `receive_message`, `receive_batch`: judge, store and answer messages from any transport |
| `delivery` | `deliver_due`, `poll_axis`, `retry_failed`: the worker's loop |
"""

from __future__ import annotations

from .delivery import DeliveryReport, deliver_due, poll_axis, retry_failed
from .receiving import Outcome, Receipt, receive_batch, receive_message
from .seal import sign_with_agency_seal
from .sending import recall_document, send_document, send_status

__all__ = [
    "DeliveryReport",
    "Outcome",
    "Receipt",
    "deliver_due",
    "poll_axis",
    "recall_document",
    "receive_batch",
    "receive_message",
    "retry_failed",
    "send_document",
    "send_status",
    "sign_with_agency_seal",
]
