"""Every agency that has held a dossier, so that an agency keeps reading what it handed on.

The back-fill takes, for each existing dossier, its receiving agency (since submission), the agencies
named in its transfer events (since the first transfer to them) and its current agency. Going back
drops the table; the back-fill itself has nothing to undo.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import django.db.models.deletion
from django.db import migrations, models

BATCH = 2000


def _hold(since: dict[tuple[int, int], datetime], dossier_id: int, agency_id: Any, at: datetime) -> None:
    """Note that the agency held the dossier at `at`; the earliest moment found is kept."""
    if not isinstance(agency_id, int):
        return  # an event without the agency (or a malformed payload) proves nothing
    key = (dossier_id, agency_id)
    if key not in since or at < since[key]:
        since[key] = at


def backfill_holders(apps: Any, schema_editor: Any) -> None:
    """Record the holders of every dossier, a batch of dossiers at a time; rows already there stay."""
    Dossier = apps.get_model("dossiers", "Dossier")
    DossierEvent = apps.get_model("dossiers", "DossierEvent")
    DossierHolder = apps.get_model("dossiers", "DossierHolder")
    last = 0
    while True:
        dossiers = list(
            Dossier.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "receiving_agency_id", "current_agency_id", "submitted_at")[:BATCH]
        )
        if not dossiers:
            return
        first, last = dossiers[0][0], dossiers[-1][0]
        since: dict[tuple[int, int], datetime] = {}
        for pk, receiving, _current, submitted_at in dossiers:
            _hold(since, pk, receiving, submitted_at)
        transfers = DossierEvent.objects.filter(
            dossier_id__gte=first, dossier_id__lte=last, kind="transferred"
        ).values_list("dossier_id", "at", "payload")
        for dossier_id, at, payload in transfers.iterator(chunk_size=BATCH):
            payload = payload if isinstance(payload, dict) else {}
            # The giving agency held it before this moment: its own earlier event, if any, wins.
            _hold(since, dossier_id, payload.get("from_agency_id"), at)
            _hold(since, dossier_id, payload.get("to_agency_id"), at)
        for pk, _receiving, current, submitted_at in dossiers:
            # Always a holder, even where no event says when it got the dossier.
            since.setdefault((pk, current), submitted_at)
        DossierHolder.objects.bulk_create(
            [DossierHolder(dossier_id=d, agency_id=a, since=at) for (d, a), at in since.items()],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0001_initial"),
        ("dossiers", "0003_worklist_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="DossierHolder",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("since", models.DateTimeField(verbose_name="nhận hồ sơ từ")),
                (
                    "agency",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="agencies.agency",
                    ),
                ),
                (
                    "dossier",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="holders",
                        to="dossiers.dossier",
                    ),
                ),
            ],
            options={
                "verbose_name": "cơ quan đã xử lý hồ sơ",
                "verbose_name_plural": "cơ quan đã xử lý hồ sơ",
                "indexes": [models.Index(fields=["agency", "dossier"], name="dossier_holder_agency")],
                "constraints": [
                    models.UniqueConstraint(fields=("dossier", "agency"), name="dossier_holder_unique")
                ],
            },
        ),
        migrations.RunPython(backfill_holders, migrations.RunPython.noop, elidable=True),
    ]
