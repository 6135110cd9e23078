"""What the clock needs from the database: a procedure version's time terms and the calendar.

The arithmetic itself is in `clock.py` (pure); this module reads its inputs.
"""

from __future__ import annotations

from motcua.catalog.models import ProcedureVersion

from . import clock
from .models import Dossier


def terms_for(version: ProcedureVersion) -> clock.Terms:
    """The procedure version's time limit, cut-off, pause rule and step allotments."""
    steps = tuple(
        clock.StepTerms(s.position, s.allotted_time, s.allotted_unit)
        # In position order (the model's ordering), prefetched or not: `current_version` prefetches them.
        for s in version.workflow_steps.all()
    )
    return clock.Terms(
        processing_time=version.processing_time,
        processing_time_unit=version.processing_time_unit,
        cut_off=version.cut_off_time,
        pause_on_financial_obligation=version.pause_clock_on_financial_obligation,
        steps=steps,
    )


def calendar_of(dossier: Dossier) -> clock.Calendar:
    """The working calendar deadlines are counted on: the receiving agency's."""
    from motcua.workcalendar.selectors import calendar_for

    return calendar_for(dossier.receiving_agency_id)
