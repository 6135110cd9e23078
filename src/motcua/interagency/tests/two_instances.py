"""An inter-agency dossier between two motcua instances as separate processes (the exchange's harness).

`prepare` of `motcua.exchange.tests.two_instances` gives two instances with their own SQLite files,
seals, TLS certificates and declared peers; each runs `motcua exchange serve` and `exchange run`.
This module adds the dossier's part, run inside an instance (`python -m
motcua.interagency.tests.two_instances CMD`, the instance's environment says which): both catalogues
get the same procedure (its code), each with its own workflow (A: reception, then the stand-in of
B's agency; B: reception, examination, approval); A files a dossier and hands it over; B processes
it with its ordinary actions; A returns the result. Used by `bench/interagency_two_instances.py`
(too slow for CI: two migrated databases and four processes).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from motcua.exchange.tests.two_instances import A_ORGAN, B_ORGAN, Instance

PROCEDURE = "1.009999"


def run(instance: Instance, *args: str, timeout: float = 600) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "motcua.interagency.tests.two_instances", *args],
        env=instance.env,
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"{instance.name} {args}: {done.stderr.decode()[-3000:]}")
    return done.stdout.decode()


def count(instance: Instance, sql: str) -> int:
    """A count read straight from the instance's SQLite file, without starting Django."""
    import sqlite3

    with sqlite3.connect(
        f"file:{instance.directory / instance.name}.sqlite3?mode=ro", uri=True, timeout=30
    ) as db:
        return int(db.execute(sql).fetchone()[0])


# --- inside one instance -------------------------------------------------------------------------


def _procedure(agency: Any, steps: list[dict[str, Any]]) -> None:
    from motcua.catalog.services import publish_procedure_version, upsert_sector
    from motcua.dossiers.tests.factories import FORM_SCHEMA

    publish_procedure_version(
        code=PROCEDURE,
        sector=upsert_sector(code="XD", name="Xây dựng"),
        name="Cấp giấy phép xây dựng (liên thông)",
        competent_agency=agency,
        receiving_agencies=[agency],
        processing_time=10,
        processing_time_unit="day",
        form_schema=FORM_SCHEMA,
        required_documents=[{"name": "Đơn đề nghị", "copy_type": "original", "is_mandatory": True}],
        fees=[],
        workflow_steps=steps,
    )


def _user(agency: Any, role: str, unit: Any, username: str) -> Any:
    from motcua.accounts.models import User
    from motcua.agencies.models import StaffRole

    user = User.objects.create(username=username, full_name=username, is_staff=True)
    StaffRole.objects.create(user=user, agency=agency, unit=unit, role=role)
    return user


def _cmd_setup_a() -> None:
    from motcua.agencies.models import Agency, Role, Unit
    from motcua.exchange.models import RemoteOrgan

    agency = Agency.objects.get(code=A_ORGAN[0])
    one_stop = Unit.objects.create(agency=agency, code="VP", name="Văn phòng Sở (Một cửa)", is_one_stop=True)
    stand_in = Agency.objects.create(code="000.00.99.H48", name=f"{B_ORGAN[1]} (hệ thống B)")
    stand_in_unit = Unit.objects.create(agency=stand_in, code="LT", name="Tiếp nhận liên thông")
    RemoteOrgan.objects.filter(organ_id=B_ORGAN[0]).update(agency=stand_in)
    _procedure(
        agency,
        [
            {
                "name": "Tiếp nhận",
                "unit": one_stop,
                "role": Role.INTAKE_OFFICER,
                "allotted_time": 4,
                "allotted_unit": "hour",
            },
            {
                "name": "Sở Nội vụ thẩm định",
                "unit": stand_in_unit,
                "role": Role.SPECIALIST,
                "allotted_time": 5,
                "allotted_unit": "day",
            },
        ],
    )
    _user(agency, Role.INTAKE_OFFICER, one_stop, "motcua-a-intake")


def _cmd_setup_b() -> None:
    from motcua.agencies.models import Agency, Role, Unit

    agency = Agency.objects.get(code=B_ORGAN[0])
    one_stop = Unit.objects.create(agency=agency, code="VP", name="Văn phòng Sở (Một cửa)", is_one_stop=True)
    unit = Unit.objects.create(agency=agency, code="CCVC", name="Phòng Công chức, viên chức")
    _procedure(
        agency,
        [
            {
                "name": "Tiếp nhận liên thông",
                "unit": one_stop,
                "role": Role.INTAKE_OFFICER,
                "allotted_time": 4,
                "allotted_unit": "hour",
            },
            {
                "name": "Thẩm định",
                "unit": unit,
                "role": Role.SPECIALIST,
                "allotted_time": 3,
                "allotted_unit": "day",
            },
            {
                "name": "Phê duyệt",
                "unit": unit,
                "role": Role.LEADER,
                "allotted_time": 4,
                "allotted_unit": "hour",
            },
        ],
    )
    _user(agency, Role.INTAKE_OFFICER, one_stop, "motcua-b-intake")
    _user(agency, Role.SPECIALIST, unit, "motcua-b-specialist")
    _user(agency, Role.LEADER, unit, "motcua-b-leader")
    _user(agency, Role.CLERK, one_stop, "motcua-b-clerk")


def _cmd_hand_over() -> None:
    from motcua.accounts.models import User
    from motcua.catalog.models import RequiredDocument
    from motcua.dossiers import services
    from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, pdf

    intake = User.objects.get(username="motcua-a-intake")
    required = RequiredDocument.objects.get(version__procedure__code=PROCEDURE)
    dossier = services.register_at_counter(
        officer=intake,
        procedure_code=PROCEDURE,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        documents=[(required.pk, pdf("don-de-nghi.pdf"))],
    )
    services.forward_dossier(dossier_id=dossier.pk, actor=intake, note="Đề nghị Sở Nội vụ thẩm định.")
    sys.stdout.write(dossier.code)


def _cmd_process() -> None:
    """B's officers, with their ordinary actions."""
    from motcua.accounts.models import User
    from motcua.documents.services import issue_result
    from motcua.dossiers import services
    from motcua.dossiers.tests.factories import PDF_BYTES
    from motcua.interagency.models import IncomingDossier

    by = {u.username: u for u in User.objects.filter(username__startswith="motcua-b-")}
    dossier_id = IncomingDossier.objects.get().dossier_id
    services.forward_dossier(dossier_id=dossier_id, actor=by["motcua-b-intake"])
    services.forward_dossier(dossier_id=dossier_id, actor=by["motcua-b-specialist"], note="Đủ điều kiện.")
    services.attach_result(
        dossier_id=dossier_id, actor=by["motcua-b-leader"], content=PDF_BYTES, name="quyet-dinh.pdf"
    )
    services.resolve_dossier(
        dossier_id=dossier_id, actor=by["motcua-b-leader"], result_summary="Đồng ý cấp phép"
    )
    issue_result(dossier_id=dossier_id, actor=by["motcua-b-clerk"])
    services.return_result(dossier_id=dossier_id, actor=by["motcua-b-intake"], method="electronic")


def _cmd_return(code: str) -> None:
    from motcua.accounts.models import User
    from motcua.dossiers import services
    from motcua.dossiers.models import Dossier

    dossier = Dossier.objects.get(code=code)
    services.return_result(dossier_id=dossier.pk, actor=User.objects.get(username="motcua-a-intake"))


def _cmd_report(code: str = "") -> None:
    from motcua.dossiers.models import Dossier, DossierEvent
    from motcua.exchange.models import OutboxMessage
    from motcua.interagency.models import IncomingDossier

    found: dict[str, Any] = {
        "outbox": list(OutboxMessage.objects.values_list("kind", "status_code", "state").order_by("id")),
        "errors": list(OutboxMessage.objects.exclude(last_error="").values_list("last_error", flat=True)[:3]),
    }
    if code:
        dossier = Dossier.objects.get(code=code)
        found["state"] = dossier.state
        found["peer_statuses"] = [
            e.payload["code"]
            for e in dossier.events.filter(kind=DossierEvent.Kind.PEER_STATUS).order_by("seq")
        ]
        found["result_notation"] = [r.notation for r in dossier.results.all()]
    incoming = IncomingDossier.objects.select_related("dossier").first()
    if incoming is not None:
        found["incoming"] = {
            "origin_code": incoming.origin_code,
            "code": incoming.dossier.code,
            "state": incoming.dossier.state,
            "due_at": incoming.dossier.due_at.isoformat() if incoming.dossier.due_at else None,
            "share_due_at": incoming.share_due_at.isoformat() if incoming.share_due_at else None,
            "files": incoming.dossier.attachments.count(),
            "results": [r.notation for r in incoming.dossier.results.all()],
        }
    sys.stdout.write(json.dumps(found, default=str))


if __name__ == "__main__":
    import django

    django.setup()
    command, *arguments = sys.argv[1:]
    globals()[f"_cmd_{command}"](*arguments)
    os._exit(0)
