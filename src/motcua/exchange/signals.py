"""What the exchange tells the rest of motcua, after the transaction that stored it has committed.

`edoc_accepted(message=InboxDocument)`: an eDoc passed the checks and receipt 01 is queued; the
clerk's incoming register registers it (then calls `send_status(received, "03")`, and so on).
`edoc_recalled(message=InboxDocument)`: the sender's recall was accepted (15) and our copy emptied.
"""

from __future__ import annotations

from django.dispatch import Signal

edoc_accepted = Signal()
edoc_recalled = Signal()
