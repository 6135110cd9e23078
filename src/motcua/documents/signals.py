"""What happens to an incoming document, for the exchange to report back to its sender.

Each signal is sent inside the transaction that changed the document (so what a receiver writes
commits or rolls back with it), with `document` (the IncomingDocument) and
`exchange_document_id` ("" for a paper document). The exchange maps them to the edXML status codes:
registered 03, assigned 04, processing 05, completed 06.
"""

from __future__ import annotations

from django.dispatch import Signal

incoming_registered = Signal()
incoming_assigned = Signal()
incoming_processing = Signal()
incoming_completed = Signal()
