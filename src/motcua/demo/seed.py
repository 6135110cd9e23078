"""Demo accounts and a few hundred dossiers in every state, made through the real services."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction

from motcua.accounts.backends import DEMO_PASSWORD
from motcua.accounts.models import User
from motcua.agencies.models import Agency, Role, StaffRole, Unit
from motcua.catalog.models import Procedure, ProcedureVersion, WorkflowStep
from motcua.core import phones
from motcua.core.errors import DomainError
from motcua.core.time import local, now
from motcua.dossiers import services
from motcua.dossiers.models import Channel, Dossier
from motcua.dossiers.selectors import next_step_target
from motcua.dossiers.states import State
from motcua.workcalendar.selectors import calendar_for

# (username, full name, role, agency codes); the citizen has no role. Each officer sits where the
# procedures they work on pass: the provincial service center receives for the departments and for
# Công an tỉnh, which issues judicial records since 1 March 2025; Phường Đồng Hới (H50.30.01)
# receives and handles the commune-level procedures.
DEMO_ACCOUNTS: list[tuple[str, str, str | None, tuple[str, ...]]] = [
    ("congdan", "Lê Thị Thu Hà", None, ()),
    ("tiepnhan", "Nguyễn Thị Minh Châu", Role.INTAKE_OFFICER, ("H50.20", "H50.30.01")),
    ("chuyenvien", "Trần Văn Hùng", Role.SPECIALIST, ("H50.11", "H50.30.01")),
    ("truongphong", "Lê Thị Hồng Nhung", Role.LEADER, ("H50.11",)),
    ("lanhdao", "Hoàng Đức Thắng", Role.LEADER, ("H50.11", "H50.30.01")),
    ("vanthu", "Phan Thị Lan", Role.CLERK, ("H50.20", "H50.11", "H50.30.01")),
    ("quantri", "Võ Quốc Bảo", Role.ADMINISTRATOR, ("H50",)),
]
# The unit each demo officer works in, where it is not the agency's one-stop unit (intake, clerk) or
# the agency as a whole (the leader who signs: the director; a commune's officers).
# The judicial record goes Trung tâm Phục vụ HCC → Phòng Hồ sơ nghiệp vụ of Công an tỉnh (chuyenvien,
# then its head truongphong) → the deputy director of Công an tỉnh (lanhdao), who signs.
DEMO_UNITS: dict[tuple[str, str], str | None] = {
    ("chuyenvien", "H50.11"): "PV06",
    ("truongphong", "H50.11"): "PV06",
    ("lanhdao", "H50.11"): None,
    ("lanhdao", "H50.30.01"): None,
}
STAFF_NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Hoàng Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Đặng Thị Giang",
    "Bùi Quang Huy",
    "Đỗ Thị Khánh",
    "Hồ Văn Long",
    "Ngô Thị Mai",
    "Dương Văn Nam",
    "Lý Thị Oanh",
]
APPLICANT_NAMES = [
    "Nguyễn Thị Hằng",
    "Trần Văn Phúc",
    "Lê Thị Ngọc Ánh",
    "Phạm Minh Tuấn",
    "Hoàng Thị Yến",
    "Võ Văn Tài",
    "Đặng Quốc Việt",
    "Bùi Thị Thảo",
    "Đỗ Văn Sơn",
    "Hồ Thị Lệ",
    "Ngô Đức Trí",
    "Dương Thị Hạnh",
    "Lý Văn Quang",
    "Mai Thị Hương",
    "Trương Công Định",
    "Phan Thị Kim Oanh",
    "Đinh Văn Lộc",
    "Cao Thị Nhung",
]
STREETS = ["Lý Thường Kiệt", "Hùng Vương", "Lê Duẩn", "Trần Hưng Đạo", "Quang Trung", "Nguyễn Huệ"]


def ensure_demo_accounts() -> dict[str, User]:
    """The demo logins, all with the demo password. Only ever called in demo mode."""
    if not settings.DEMO_MODE:
        raise RuntimeError("Demo accounts exist only in demo mode (MOTCUA_DEMO=1).")
    users = {}
    for username, full_name, role, agency_codes in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(
            username=username, defaults={"full_name": full_name, "email": f"{username}@demo.motcua.vn"}
        )
        user.set_password(DEMO_PASSWORD)
        if username == "quantri":
            user.is_staff = user.is_superuser = True
        if username == "congdan":
            user.phone, user.national_id = "0912000111", "045190012345"
        user.save()
        for code in agency_codes:
            agency = Agency.objects.get(code=code)
            unit = None
            if (username, code) in DEMO_UNITS:
                unit_code = DEMO_UNITS[(username, code)]
                unit = Unit.objects.get(agency=agency, code=unit_code) if unit_code else None
            elif role == Role.SPECIALIST or role == Role.LEADER:
                # A commune's officers serve the commune as a whole: its procedures' steps name no unit.
                unit = None
            elif role in (Role.INTAKE_OFFICER, Role.CLERK):
                unit = Unit.objects.filter(agency=agency, is_one_stop=True).first()
            assert role is not None
            StaffRole.objects.get_or_create(user=user, agency=agency, unit=unit, role=role)
        users[username] = user
    return users


def ensure_agency_staff() -> dict[tuple[int, str], User]:
    """One officer per role at each agency, without a usable password, to act in generated history."""
    staff: dict[tuple[int, str], User] = {}
    names = iter(STAFF_NAMES * 50)
    for agency in Agency.objects.order_by("code"):
        for role in (Role.INTAKE_OFFICER, Role.SPECIALIST, Role.LEADER, Role.CLERK):
            username = f"cb.{agency.code.lower()}.{role}"
            user, created = User.objects.get_or_create(username=username, defaults={"full_name": next(names)})
            if created:
                user.set_unusable_password()
                user.save()
            StaffRole.objects.get_or_create(user=user, agency=agency, unit=None, role=role)
            staff[(agency.pk, role)] = user
    return staff


@dataclass
class _Ctx:
    rng: random.Random
    staff: dict[tuple[int, str], User]
    citizen: User
    clock_at: datetime
    limit: datetime
    calendar: Any
    signatures_left: int = 0

    def later(self, low_minutes: int = 20, high_minutes: int = 60 * 20) -> datetime:
        """A moment a little after the previous action, never in the future."""
        step = timedelta(minutes=self.rng.randint(low_minutes, high_minutes))
        # Officers act in office hours: move the moment into the next working window.
        self.clock_at = min(self.calendar.add(self.clock_at + step, 0, "hour"), self.limit)
        return self.clock_at

    def officer(self, dossier: Dossier, role: str) -> User:
        return self.staff[(dossier.current_agency_id, role)]


TARGETS = [
    State.SUBMITTED,
    State.RECEIVED,
    State.REFUSED,
    State.PROCESSING,
    State.SUPPLEMENT_REQUESTED,
    State.FINANCIAL_OBLIGATION,
    State.WITHDRAWAL_REQUESTED,
    State.STOPPED,
    State.RESOLVED,
    State.RETURNED,
    State.PROCESSING,
    State.RETURNED,
    State.RETURNED,
    State.RESOLVED,
]


def _applicant(rng: random.Random, version: ProcedureVersion) -> dict[str, Any]:
    name = rng.choice(APPLICANT_NAMES)
    kind = (
        "organisation"
        if "doanh nghiệp" in version.applicant_kinds.lower() and rng.random() < 0.3
        else "citizen"
    )
    data = {
        "kind": kind,
        "name": name,
        "id_number": f"0451{rng.randint(10_000_000, 99_999_999)}",
        "phone": f"09{rng.randint(10_000_000, 99_999_999)}",
        "email": "",
        "address": f"Số {rng.randint(1, 300)} đường {rng.choice(STREETS)}, tỉnh Quảng Trị",
    }
    if kind == "organisation":
        data["organisation_name"] = f"Công ty TNHH {rng.choice(['Thành Đạt', 'Hải Vân', 'Trường Sơn'])}"
        data["organisation_tax_code"] = f"3200{rng.randint(100_000, 999_999)}"
    return data


def sample_form_data(rng: random.Random, schema: dict[str, Any], applicant: dict[str, Any]) -> dict[str, Any]:
    """Values that satisfy the procedure's form schema."""
    data: dict[str, Any] = {}
    for key, spec in schema.get("properties", {}).items():
        kind = spec.get("type")
        if "enum" in spec:
            data[key] = rng.choice(spec["enum"])
        elif kind == "integer":
            data[key] = max(spec.get("minimum", 1), min(spec.get("maximum", 5), rng.randint(1, 3)))
        elif kind == "number":
            data[key] = float(max(spec.get("minimum", 1), rng.randint(50, 300)))
        elif kind == "boolean":
            data[key] = True
        elif spec.get("format") == "date":
            data[key] = f"19{rng.randint(60, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        elif spec.get("format") == "email":
            data[key] = "nguoinop@example.vn"
        elif spec.get("format") == phones.SCHEMA_FORMAT:
            data[key] = applicant["phone"]
        elif "pattern" in spec and "\\d{12}" in spec["pattern"]:
            data[key] = applicant["id_number"]
        elif "pattern" in spec and "\\d{10}" in spec["pattern"]:
            data[key] = f"32{rng.randint(10_000_000, 99_999_999)}"
        elif "pattern" in spec and "0\\d{9}" in spec["pattern"]:
            data[key] = applicant["phone"]
        else:
            data[key] = applicant["name"] if "ten" in key else spec.get("title", key)
    return data


# Stories that end at the first processing step.
EARLY_STOP = (
    State.SUPPLEMENT_REQUESTED,
    State.FINANCIAL_OBLIGATION,
    State.WITHDRAWAL_REQUESTED,
    State.STOPPED,
)


def _holder(ctx: _Ctx, dossier: Dossier) -> User:
    """The officer who acts where the dossier is: the agency's officer with the current step's role."""
    steps = WorkflowStep.objects.filter(version_id=dossier.procedure_version_id)
    step = steps.filter(position=dossier.current_step).first() if dossier.current_step is not None else None
    if step is not None:
        role = step.role
    elif dossier.current_unit is not None and not dossier.current_unit.is_one_stop:
        role = Role.SPECIALIST
    else:
        role = Role.INTAKE_OFFICER
    return ctx.officer(dossier, role)


def _walk(ctx: _Ctx, dossier: Dossier, *, until_signing: bool, stop_early: bool, result: bytes) -> Dossier:
    """Hand the dossier from step to step, each time by the officer holding it.

    `until_signing`: on to the signing step, the result drafted before it reaches a leader's step.
    `stop_early`: stop at the first processing step (to ask for papers, fees, ...); otherwise a
    dossier still in processing stops at a random step.
    """
    signing = (
        WorkflowStep.objects.filter(version_id=dossier.procedure_version_id, signs_result=True)
        .values_list("position", flat=True)
        .first()
    )
    while dossier.current_step is None or dossier.current_step != signing:
        target = next_step_target(dossier)
        if target is None:
            break
        at_processing = dossier.state == State.PROCESSING
        if at_processing and (stop_early or (not until_signing and ctx.rng.random() < 0.4)):
            break
        holder = _holder(ctx, dossier)
        if until_signing and target.role == Role.LEADER and not dossier.results.exists():
            services.attach_result(
                dossier_id=dossier.pk,
                actor=holder,
                content=result,
                name=f"du-thao-ket-qua-{dossier.code}.pdf",
                at=ctx.later(),
            )
        dossier = services.forward_dossier(dossier_id=dossier.pk, actor=holder, at=ctx.later())
    return dossier


def _play(ctx: _Ctx, version: ProcedureVersion, target: str) -> Dossier:
    rng = ctx.rng
    applicant = _applicant(rng, version)
    form_data = sample_form_data(rng, version.form_schema, applicant)
    online = version.online_level != ProcedureVersion.OnlineLevel.NONE and (
        target in (State.SUBMITTED, State.REFUSED) or rng.random() < 0.6
    )
    at = ctx.clock_at
    if online:
        dossier = services.submit_dossier(
            procedure_code=version.procedure.code,
            applicant=applicant,
            form_data=form_data,
            owner=ctx.citizen if rng.random() < 0.15 else None,
            channel=Channel.ONLINE,
            at=at,
            documents=[
                (doc.pk, _demo_pdf(doc.name)) for doc in version.required_documents.all() if doc.is_mandatory
            ],
        )
        if target == State.SUBMITTED:
            return dossier
        if target == State.REFUSED:
            return services.refuse_dossier(
                dossier_id=dossier.pk,
                actor=ctx.officer(dossier, Role.INTAKE_OFFICER),
                at=ctx.later(),
                reason="Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan.",
            )
        dossier = services.receive_dossier(
            dossier_id=dossier.pk, actor=ctx.officer(dossier, Role.INTAKE_OFFICER), at=ctx.later()
        )
    else:
        receiving = version.receiving_agencies.order_by("code").first() or version.competent_agency
        dossier = services.register_at_counter(
            officer=ctx.staff[(receiving.pk, Role.INTAKE_OFFICER)],
            procedure_code=version.procedure.code,
            papers=services.originals_on_paper(version.procedure.code),
            applicant=applicant,
            form_data=form_data,
            channel=rng.choice([Channel.COUNTER, Channel.POSTAL]),
            receiving_agency_code=receiving.code,
            at=at,
            # At the counter, too, every required paper is scanned (issue 9: none may be missing).
            documents=[
                (doc.pk, _demo_pdf(doc.name)) for doc in version.required_documents.all() if doc.is_mandatory
            ],
        )
        if target in (State.SUBMITTED, State.REFUSED):
            target = State.RECEIVED
    if target == State.RECEIVED:
        return dossier
    finishing = target in (State.RESOLVED, State.RETURNED)
    signed = finishing and ctx.signatures_left > 0
    dossier = _walk(
        ctx,
        dossier,
        until_signing=finishing,
        stop_early=target in EARLY_STOP,
        result=_result_pdf(dossier, ctx, signed),
    )
    actions: dict[str, Callable[[], Dossier]] = {
        State.SUPPLEMENT_REQUESTED: lambda: services.request_supplement(
            dossier_id=dossier.pk,
            actor=_holder(ctx, dossier),
            at=ctx.later(),
            missing=["Bản sao có chứng thực giấy tờ chứng minh nơi cư trú"],
            reason="Thiếu giấy tờ theo quy định.",
        ),
        State.FINANCIAL_OBLIGATION: lambda: services.request_financial_obligation(
            dossier_id=dossier.pk,
            actor=_holder(ctx, dossier),
            at=ctx.later(),
            amount=rng.choice([50_000, 100_000, 200_000, 500_000]),
            description="Lệ phí theo quy định",
        ),
        State.WITHDRAWAL_REQUESTED: lambda: services.request_withdrawal(
            dossier_id=dossier.pk,
            actor=dossier.owner or ctx.staff[(dossier.receiving_agency_id, Role.INTAKE_OFFICER)],
            reason="Người nộp không còn nhu cầu.",
            at=ctx.later(),
        ),
        State.STOPPED: lambda: services.stop_dossier(
            dossier_id=dossier.pk,
            actor=ctx.officer(dossier, Role.LEADER),
            at=ctx.later(),
            reason="Người nộp không bổ sung hồ sơ trong thời hạn quy định.",
        ),
    }
    if target in actions:
        return actions[target]()
    if target == State.PROCESSING:
        return dossier
    if rng.random() < 0.15 and dossier.due_at is not None:
        services.apologise_and_extend(
            dossier_id=dossier.pk,
            actor=ctx.officer(dossier, Role.LEADER),
            at=ctx.later(),
            new_appointment=calendar_for(dossier.receiving_agency_id).next_working_moment(
                max(ctx.clock_at, dossier.due_at) + timedelta(days=5)
            ),
            reason="Cần xác minh thêm thông tin với cơ quan liên quan.",
        )
    dossier = _approve(ctx, dossier, signed=signed)
    if target == State.RETURNED:
        from motcua.demo.documents import issue_approved

        issue_approved(dossier, ctx.staff[(dossier.current_agency_id, Role.CLERK)], ctx.later())
        dossier = services.return_result(
            dossier_id=dossier.pk,
            actor=ctx.staff[(dossier.receiving_agency_id, Role.CLERK)],
            at=ctx.later(),
            method=rng.choice(["counter", "postal", "electronic"]),
        )
    return dossier


def _result_pdf(dossier: Dossier, ctx: _Ctx, signed: bool) -> bytes:
    """The drafted result: laid out from the procedure's template for the dossiers signed on the demo
    PKI; a one-page stand-in for the many of the history (laying out each would slow the demo's
    start by a minute)."""
    if not signed:
        from .stories import scan

        return bytes(scan("ket-qua.pdf").read())
    from motcua.demo.results import demo_result_pdf

    return demo_result_pdf(dossier, ctx.officer(dossier, Role.LEADER))


def _approve(ctx: _Ctx, dossier: Dossier, *, signed: bool) -> Dossier:
    """The leader at the signing step approves: signed on the demo PKI while the demo has signatures
    to spare, otherwise as history from before the province signed its results."""
    from motcua.signatures import conf
    from motcua.signatures.approval import approve

    leader = _holder(ctx, dossier)
    if signed:
        ctx.signatures_left -= 1
        return approve(
            dossier_id=dossier.pk,
            actor=leader,
            result_summary="Đồng ý giải quyết theo đề nghị.",
            at=ctx.later(),
        )
    with conf.overrides_kept():
        conf.override(tsa_url="")
        return services.resolve_dossier(
            dossier_id=dossier.pk,
            actor=leader,
            result_summary="Đồng ý giải quyết theo đề nghị.",
            at=ctx.later(),
        )


def _demo_pdf(name: str) -> Any:
    """A scanned paper of the demo (`name` is the document it stands for)."""
    from .stories import scan

    return scan("giay-to.pdf")


def _last_office_moment(cal: Any, before: datetime) -> datetime:
    """The latest moment not after `before` that falls in office hours."""
    day = local(before).date()
    while True:
        windows = [w for w in cal.windows_on(day) if w[0] < before]
        if windows:
            return min(windows[-1][1], before)
        day -= timedelta(days=1)


def seed_dossiers(count: int = 300, *, seed: int = 2026, signed_results: int = 0) -> int:
    """Generate `count` dossiers over the last two months; skipped when dossiers already exist."""
    if Dossier.objects.exists():
        return 0
    rng = random.Random(seed)  # noqa: S311 - demo data, not a secret
    staff = ensure_agency_staff()
    citizen = User.objects.get(username="congdan")
    versions = list(
        ProcedureVersion.objects.filter(pk__in=Procedure.objects.values("current_version"))
        .select_related("procedure", "competent_agency")
        .prefetch_related("required_documents")
    )
    cal = calendar_for(None)
    end = _last_office_moment(cal, now() - timedelta(hours=1))
    made = 0
    signatures_left = signed_results
    for index in range(count):
        target = TARGETS[index % len(TARGETS)]
        start = end - timedelta(days=rng.randint(1, 60), minutes=rng.randint(0, 600))
        start = cal.add(start, 0, "hour")  # move to office hours
        if start > end:
            start = end - timedelta(days=3)
        ctx = _Ctx(
            rng=rng,
            staff=staff,
            citizen=citizen,
            clock_at=start,
            limit=end,
            calendar=cal,
            signatures_left=signatures_left,
        )
        try:
            with transaction.atomic():
                _play(ctx, rng.choice(versions), target)
        except DomainError:
            continue  # e.g. the story ran past "now"; skip that dossier
        signatures_left = ctx.signatures_left
        made += 1
    return made
