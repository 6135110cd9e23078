"""What the dossier domain tells the rest of motcua.

`dossier_event_recorded(dossier=Dossier, event=DossierEvent, before=Snapshot, after=Snapshot)`: sent
by `services._base._record` inside the transaction that appends the event, once the snapshot is up
to date (`before` and `after` are the clock's snapshots, `clock.Snapshot`), so that a receiver's own
writes (the DVCQG sync outbox, the statistics' summary tables) commit or roll back with the event
itself. A receiver that raises rolls the action back; receivers only write rows, and anything that
talks to the outside waits for the commit.
"""

from __future__ import annotations

from django.dispatch import Signal

dossier_event_recorded = Signal()
