"""What the tests do to dossiers: make some, act on them, and rewrite a history as an attacker would."""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS

from motcua.dossiers import services
from motcua.dossiers.events import event_hash
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, World


def register(world: World, count: int = 3) -> list[Dossier]:
    """Dossiers received at the counter: one event each."""
    return [
        services.register_at_counter(
            officer=world.intake,
            procedure_code=world.code,
            papers=services.originals_on_paper(world.code),
            applicant=APPLICANT,
            form_data=FORM_DATA,
        )
        for _ in range(count)
    ]


def move_on(world: World, dossier: Dossier) -> Dossier:
    """One more event on the dossier (a transfer to a processing unit)."""
    services.transfer_dossier(dossier_id=dossier.pk, actor=world.intake, to_unit_id=world.unit_a.pk)
    dossier.refresh_from_db()
    return dossier


def rewrite_history(
    dossier_id: int, seq: int, *, using: str = DEFAULT_DB_ALIAS, payload: dict[str, Any] | None = None
) -> None:
    """Edit event `seq` and re-hash the chain from there up to the dossier's head, as someone with
    write access to the database would: `verify_chain` passes afterwards."""
    events = list(DossierEvent.objects.using(using).filter(dossier_id=dossier_id).order_by("seq"))
    prev = events[seq - 2].hash if seq > 1 else ""
    for event in events[seq - 1 :]:
        if event.seq == seq:
            event.payload = payload or {"edited": True, "note": "sửa rồi băm lại"}
        event.prev_hash = prev
        event.hash = event_hash(event)
        DossierEvent.objects.using(using).filter(pk=event.pk).update(
            payload=event.payload, prev_hash=event.prev_hash, hash=event.hash
        )
        prev = event.hash
    Dossier.objects.using(using).filter(pk=dossier_id).update(last_event_hash=prev)


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run(command: str, *args: str) -> Run:
    """The command as an administrator runs it: its exit code and what it printed."""
    out, err = StringIO(), StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err)
    except CommandError as exc:
        err.write(str(exc))
        return Run(exc.returncode, out.getvalue(), err.getvalue())
    return Run(0, out.getvalue(), err.getvalue())
