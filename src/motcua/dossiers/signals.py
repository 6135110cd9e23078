"""Signals the dossier services send; receivers run inside the service's transaction."""

from django.dispatch import Signal

# Sent by `services._base._record` after an event is appended and the snapshot updated, with
# `dossier`, `event`, `before` and `after` (clock.Snapshot). A receiver that raises rolls back the action.
dossier_event_recorded = Signal()
