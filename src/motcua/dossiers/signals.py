"""What the dossier domain tells the rest of motcua.

`dossier_event_recorded(dossier=Dossier, event=DossierEvent)`: sent by `services._base._record`
inside the transaction that appends the event, so that a receiver's own writes (the DVCQG sync
outbox) commit or roll back with the event itself. Receivers must only write rows; anything that
talks to the outside waits for the commit.
"""

from __future__ import annotations

from django.dispatch import Signal

dossier_event_recorded = Signal()
