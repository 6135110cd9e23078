"""What the exchange tells the rest of motcua, after the transaction that stored it has committed.

`edoc_accepted(message=InboxDocument)`: an eDoc passed the checks and receipt 01 is queued; the
clerk's incoming register registers it (then calls `send_status(received, "03")`, and so on).
`edocs_accepted(messages=list[InboxDocument])`: the same, once for all the documents one commit
accepted (a batch from the direct inbox, or one document), sent before the `edoc_accepted` of each:
the incoming register takes them together, in one transaction.
`edoc_recalled(message=InboxDocument)`: the sender's recall was accepted (15) and our copy emptied.
`status_received(status=ReceivedStatus, created=bool)`: a status about a document we sent (or a
recall of one we hold) was recorded; sent *inside* the transaction that records it, so that a
receiver's own rows (a dossier's history) commit with it, and a receiver that raises makes the
sender try again. `created` is False for a copy of a status already recorded.
"""

from __future__ import annotations

from django.dispatch import Signal

edoc_accepted = Signal()
edocs_accepted = Signal()
edoc_recalled = Signal()
status_received = Signal()
