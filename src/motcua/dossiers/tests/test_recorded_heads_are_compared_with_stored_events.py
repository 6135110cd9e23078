"""`check_heads`: a recorded (dossier, version, hash) against the stored event at that version."""

from __future__ import annotations

import pytest

from motcua.dossiers import services
from motcua.dossiers.events import HeadMismatch, check_heads
from motcua.dossiers.models import DossierEvent

from .factories import APPLICANT, FORM_DATA

pytestmark = pytest.mark.django_db


def test_matching_missing_and_changed_heads(world):
    dossiers = [
        services.register_at_counter(
            officer=world.intake,
            procedure_code=world.code,
            papers=services.originals_on_paper(world.code),
            applicant=APPLICANT,
            form_data=FORM_DATA,
        )
        for _ in range(3)
    ]
    first = DossierEvent.objects.get(dossier=dossiers[0], seq=1)
    heads = [
        (dossiers[0].pk, 1, first.hash),  # as stored
        (dossiers[1].pk, dossiers[1].version, dossiers[1].last_event_hash),  # as stored
        (dossiers[1].pk, dossiers[1].version + 1, "a" * 64),  # a version the chain does not have
        (dossiers[2].pk, 1, "b" * 64),  # another hash than the stored one
        (dossiers[2].pk, 0, "0" * 64),  # no events recorded: nothing to compare
    ]
    stored = DossierEvent.objects.get(dossier=dossiers[2], seq=1).hash

    for chunk in (1, 2, 1000):
        assert check_heads(heads, chunk=chunk) == [
            HeadMismatch(dossiers[1].pk, dossiers[1].version + 1, "a" * 64, None),
            HeadMismatch(dossiers[2].pk, 1, "b" * 64, stored),
        ]


def test_one_query_per_chunk(world, django_assert_num_queries):
    dossier = services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        papers=services.originals_on_paper(world.code),
        applicant=APPLICANT,
        form_data=FORM_DATA,
    )
    heads = [(dossier.pk, seq, "c" * 64) for seq in range(1, 6)]

    with django_assert_num_queries(3):
        check_heads(heads, chunk=2)
