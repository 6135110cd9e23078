"""Work waiting for each demo officer: judicial-record dossiers stopped at every step of their workflow.

The generated history (`seed.seed_dossiers`) is acted out by the agencies' background staff; these
dossiers are acted on by the demo officers themselves, so that whoever logs in to the demo finds
dossiers in their own lists: tiepnhan dossiers to receive, chuyenvien to look up and draft,
truongphong to review, lanhdao to approve and sign, vanthu results to hand over. The judicial
record (Phiếu lý lịch tư pháp) is issued by Công an tỉnh since 1 March 2025.
"""

from __future__ import annotations

import io
import random
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import current_version
from motcua.dossiers import services
from motcua.dossiers.models import Channel, Dossier

from .seed import sample_form_data

JUDICIAL_RECORD = "3.000333"  # Cấp Phiếu lý lịch tư pháp (Công an tỉnh since 1 March 2025)

APPLICANTS: list[dict[str, str]] = [
    {
        "name": "Lê Văn Tám",
        "id_number": "045190077777",
        "phone": "0912345678",
        "address": "Số 12 đường Hùng Vương, phường Đồng Hới, tỉnh Quảng Trị",
    },
    {
        "name": "Nguyễn Thị Thanh Xuân",
        "id_number": "045195001234",
        "phone": "0905123456",
        "address": "Số 45 đường Lê Duẩn, phường Đông Hà, tỉnh Quảng Trị",
    },
    {
        "name": "Trần Quốc Bảo",
        "id_number": "045088004321",
        "phone": "0934567890",
        "address": "Thôn Tây, xã Lệ Thủy, tỉnh Quảng Trị",
    },
    {
        "name": "Phạm Thị Mỹ Linh",
        "id_number": "045301009876",
        "phone": "0987654321",
        "address": "Số 8 đường Quang Trung, phường Ba Đồn, tỉnh Quảng Trị",
    },
    {
        "name": "Hoàng Văn Nghĩa",
        "id_number": "045079005555",
        "phone": "0916888999",
        "address": "Khu phố 3, phường Quảng Trị, tỉnh Quảng Trị",
    },
    {
        "name": "Võ Thị Kim Chi",
        "id_number": "045199002468",
        "phone": "0945111222",
        "address": "Thôn Hiền Lương, xã Vĩnh Linh, tỉnh Quảng Trị",
    },
]


@lru_cache(maxsize=1)
def _blank_page() -> bytes:
    """One empty A4 page: what a scanned paper is in the demo (a PDF any reader opens)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scan(name: str = "giay-to.pdf") -> SimpleUploadedFile:
    """A scanned paper for a demo dossier."""
    return SimpleUploadedFile(name, _blank_page(), content_type="application/pdf")


@dataclass(frozen=True)
class WorkPlan:
    """How many dossiers wait at each officer's step."""

    to_receive: int = 3  # tiepnhan: submitted online, to check and receive
    received: int = 2  # tiepnhan: received at the counter, to send on
    to_look_up: int = 3  # chuyenvien: at Phòng Hồ sơ nghiệp vụ, to look up and draft
    supplement: int = 1  # chuyenvien: waiting on the applicant's missing paper
    to_review: int = 2  # truongphong: drafted, for the head of the unit to review
    to_approve: int = 8  # lanhdao: at the signing step, with the drafted result
    to_return: int = 3  # vanthu: signed, to hand over


def _documents(version: ProcedureVersion) -> list[tuple[int | None, Any]]:
    """A scan of every paper the procedure requires."""
    return [(doc.pk, scan()) for doc in version.required_documents.all() if doc.is_mandatory]


def _new(users: Mapping[str, Any], i: int, *, online: bool) -> Dossier:
    applicant = APPLICANTS[i % len(APPLICANTS)]
    version = current_version(JUDICIAL_RECORD)
    # A seeded generator: the same form data on every run (not a secret).
    form_data = sample_form_data(random.Random(i), version.form_schema, applicant)  # noqa: S311
    if online:
        return services.submit_dossier(
            procedure_code=JUDICIAL_RECORD,
            applicant=applicant,
            form_data=form_data,
            documents=_documents(version),
            owner=users.get("congdan") if i % 3 == 0 else None,
            channel=Channel.ONLINE,
        )
    return services.register_at_counter(
        officer=users["tiepnhan"],
        procedure_code=JUDICIAL_RECORD,
        applicant=applicant,
        form_data=form_data,
        documents=_documents(version),
        papers=services.originals_on_paper(JUDICIAL_RECORD),
    )


def _at_specialist(users: Mapping[str, Any], i: int) -> Dossier:
    dossier = _new(users, i, online=i % 2 == 0)
    if dossier.state == "submitted":
        services.receive_dossier(dossier_id=dossier.pk, actor=users["tiepnhan"])
    return services.forward_dossier(dossier_id=dossier.pk, actor=users["tiepnhan"])


def _drafted(users: Mapping[str, Any], i: int) -> Dossier:
    """At the head's step, the Phiếu drafted by the specialist."""
    from motcua.demo.results import demo_result_pdf

    dossier = _at_specialist(users, i)
    services.attach_result(
        dossier_id=dossier.pk,
        actor=users["chuyenvien"],
        content=demo_result_pdf(dossier, users["lanhdao"]),
        name="phieu-ly-lich-tu-phap.pdf",
    )
    return services.forward_dossier(dossier_id=dossier.pk, actor=users["chuyenvien"])


def waiting_for_approval(users: Mapping[str, Any], n: int, *, first: int = 0) -> list[Dossier]:
    """`n` judicial-record dossiers at the leader's signing step, each with an unsigned result.

    `users` are the demo accounts; for the demo (lanhdao's list), the tests and the approval benchmark.
    """
    dossiers = []
    for i in range(first, first + n):
        dossier = _drafted(users, i)
        # The head of Phòng Hồ sơ nghiệp vụ reviews it; then the director's step, who signs.
        services.forward_dossier(dossier_id=dossier.pk, actor=users["truongphong"])
        dossiers.append(Dossier.objects.get(pk=dossier.pk))
    return dossiers


def _approved(users: Mapping[str, Any], dossier: Dossier, *, signed: bool) -> Dossier:
    from motcua.signatures import conf
    from motcua.signatures.approval import approve

    summary = "Đồng ý cấp Phiếu lý lịch tư pháp số 1."
    if signed:
        return approve(dossier_id=dossier.pk, actor=users["lanhdao"], result_summary=summary)
    with conf.overrides_kept():
        # Without the demo PKI the result is approved unsigned, as before the province signed them.
        conf.override(tsa_url="")
        return services.resolve_dossier(dossier_id=dossier.pk, actor=users["lanhdao"], result_summary=summary)


def seed_worklists(users: Mapping[str, Any], plan: WorkPlan | None = None, *, signed: bool) -> dict[str, int]:
    """Put judicial-record dossiers at each demo officer's step; returns how many at each step.

    `signed`: the demo PKI runs, so the results handed to vanthu are signed.
    """
    plan = plan or WorkPlan()
    made: dict[str, int] = {}
    i = 100  # applicants and form data differ from the approval benchmark's (which starts at 0)
    for _ in range(plan.to_receive):
        _new(users, i, online=True)
        i += 1
    for _ in range(plan.received):
        _new(users, i, online=False)
        i += 1
    for _ in range(plan.to_look_up):
        _at_specialist(users, i)
        i += 1
    for _ in range(plan.supplement):
        dossier = _at_specialist(users, i)
        services.request_supplement(
            dossier_id=dossier.pk,
            actor=users["chuyenvien"],
            missing=["Văn bản ủy quyền có chứng thực"],
            reason="Người được ủy quyền không phải cha, mẹ, vợ, chồng, con của người yêu cầu.",
        )
        i += 1
    for _ in range(plan.to_review):
        _drafted(users, i)
        i += 1
    waiting = waiting_for_approval(users, plan.to_approve + plan.to_return, first=i)
    for dossier in waiting[plan.to_approve :]:
        _approved(users, dossier, signed=signed)
    made.update(
        to_receive=plan.to_receive,
        received=plan.received,
        to_look_up=plan.to_look_up,
        supplement=plan.supplement,
        to_review=plan.to_review,
        to_approve=plan.to_approve,
        to_return=plan.to_return,
    )
    return made
