"""Every write on feedback: one function per business action, the permission check inside, one
transaction, one history row per action."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext

from motcua.accounts import throttling
from motcua.agencies.models import Agency
from motcua.agencies.selectors import is_staff_account
from motcua.catalog.models import Procedure
from motcua.core import time as core_time
from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed
from motcua.core.net import limit_key
from motcua.core.text import fold
from motcua.core.time import local
from motcua.dossiers.models import Dossier
from motcua.dossiers.uploads import CheckedFile
from motcua.workcalendar.selectors import calendar_for

from . import deadlines
from .actions import ACTIONS, Action
from .errors import FeedbackLimitReached, IllegalState
from .models import MAX_TEXT, MAX_TITLE, Feedback, FeedbackAttachment, FeedbackEvent, Rating
from .notifications import notify_on_commit
from .permissions import authorize
from .states import State, Subject
from .uploads import check_files

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def _now(at: datetime | None) -> datetime:
    return at or core_time.now()  # looked up on each call, so that tests can move the clock


def _text(value: Any, *, field: str, label: str, max_length: int = MAX_TEXT, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationFailed(
            gettext("Vui lòng nhập %(label)s.") % {"label": label},
            fields={field: gettext("Không được để trống.")},
        )
    if len(text) > max_length:
        message = gettext("%(label)s dài quá %(count)s ký tự.") % {
            "label": label.capitalize(),
            "count": max_length,
        }
        raise ValidationFailed(message, fields={field: message})
    return text


def _event(
    feedback: Feedback, action: str, actor: Any, at: datetime, note: str = "", on_time: bool | None = None
) -> None:
    event = FeedbackEvent.objects.create(
        feedback=feedback, action=action, actor=actor, at=at, note=note, on_time=on_time
    )
    notify_on_commit(event)  # the citizen is told after the commit, by the task queue


def _attach(feedback: Feedback, files: Sequence[CheckedFile], at: datetime) -> None:
    for item in files:
        attachment = FeedbackAttachment(
            feedback=feedback,
            original_name=item.name,
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
            uploaded_at=at,
        )
        attachment.file.save(item.name, item.upload, save=False)
        attachment.save()


def _limits(author: Any, address: str) -> list[tuple[str, throttling.Rate]]:
    per_day = int(getattr(settings, "MOTCUA_FEEDBACK_PER_ACCOUNT_DAY", 5))
    per_hour = int(getattr(settings, "MOTCUA_FEEDBACK_PER_ADDRESS_HOUR", 20))
    return [
        (f"feedback:user:d:{author.pk}", throttling.Rate(per_day, DAY)),
        (f"feedback:addr:h:{limit_key(address)}", throttling.Rate(per_hour, HOUR)),
    ]


def _responsible_agency(
    *, author: Any, subject: str, procedure_code: str, dossier_code: str, agency_id: Any
) -> tuple[Agency, Procedure | None, Dossier | None]:
    """Where the feedback goes: the procedure's competent agency, the dossier's receiving agency,
    or, for an officer's conduct, the agency the citizen names (or the dossier's, if one is named)."""
    procedure = dossier = None
    if dossier_code:
        dossier = Dossier.objects.select_related("receiving_agency").filter(code=dossier_code.strip()).first()
        if dossier is None or dossier.owner_id != author.pk:
            message = gettext("Không tìm thấy hồ sơ có mã này trong các hồ sơ của bạn.")
            raise ValidationFailed(message, fields={"dossier": message})
    if subject == Subject.PROCEDURE:
        procedure = (
            Procedure.objects.select_related("current_version__competent_agency")
            .filter(code=(procedure_code or "").strip(), is_active=True, current_version__isnull=False)
            .first()
        )
        if procedure is None:
            message = gettext("Vui lòng chọn thủ tục hành chính được phản ánh.")
            raise ValidationFailed(message, fields={"procedure": message})
        return procedure.current_version.competent_agency, procedure, dossier  # type: ignore[union-attr]
    if subject == Subject.DOSSIER:
        if dossier is None:
            message = gettext("Vui lòng nhập mã hồ sơ của bạn.")
            raise ValidationFailed(message, fields={"dossier": message})
        return dossier.receiving_agency, None, dossier
    if subject == Subject.CONDUCT:
        if dossier is not None:
            return dossier.receiving_agency, None, dossier
        agency = (
            Agency.objects.filter(pk=agency_id, is_active=True).first() if str(agency_id).isdigit() else None
        )
        if agency is None:
            message = gettext("Vui lòng chọn cơ quan của cán bộ được phản ánh.")
            raise ValidationFailed(message, fields={"agency": message})
        return agency, None, None
    message = gettext("Vui lòng chọn nội dung phản ánh.")
    raise ValidationFailed(message, fields={"subject": message})


@transaction.atomic
def file_feedback(
    *,
    author: Any,
    subject: str,
    title: str,
    content: str,
    procedure_code: str = "",
    dossier_code: str = "",
    agency_id: Any = None,
    officer_name: str = "",
    consent_to_publish: bool = False,
    files: Sequence[UploadedFile] = (),
    address: str = "",
    at: datetime | None = None,
) -> Feedback:
    """A logged-in citizen files feedback; it goes to the responsible agency and its clocks start."""
    at = _now(at)
    if author is None or not author.is_authenticated:
        raise PermissionDenied(gettext("Vui lòng đăng nhập tài khoản công dân để gửi phản ánh, kiến nghị."))
    if is_staff_account(author):
        raise PermissionDenied(gettext("Tài khoản cán bộ không gửi phản ánh, kiến nghị trên Cổng."))
    title = _text(title, field="title", label=gettext("tiêu đề"), max_length=MAX_TITLE)
    content = _text(content, field="content", label=gettext("nội dung phản ánh"))
    officer_name = _text(
        officer_name, field="officer_name", label=gettext("tên cán bộ"), max_length=200, required=False
    )
    agency, procedure, dossier = _responsible_agency(
        author=author,
        subject=subject,
        procedure_code=procedure_code,
        dossier_code=dossier_code,
        agency_id=agency_id,
    )
    checked = check_files(files)
    try:
        throttling.take(_limits(author, address), at=at)
    except throttling.RateExceeded as exc:
        raise FeedbackLimitReached(exc.retry_at, at=at) from exc
    due = deadlines.on_receipt(calendar_for(agency.pk), at)
    feedback = Feedback.objects.create(
        code=f"tmp-{uuid.uuid4().hex[:16]}",
        author=author,
        subject=subject,
        procedure=procedure,
        dossier=dossier,
        agency=agency,
        officer_name=officer_name,
        title=title,
        content=content,
        folded=fold(f"{title} {content}"),
        consent_to_publish=bool(consent_to_publish),
        state=State.RECEIVED,
        received_at=at,
        decide_due_at=due.decide_due,
        info_due_at=due.info_due,
        handle_due_at=due.handle_due,
    )
    feedback.code = f"PAKN-{local(at):%Y}-{feedback.pk:06d}"
    feedback.save(update_fields=["code"])
    _attach(feedback, checked, at)
    _event(feedback, "file", author, at)
    return feedback


def _locked(feedback_id: int) -> Feedback:
    try:
        return Feedback.objects.select_for_update().get(pk=feedback_id)
    except Feedback.DoesNotExist as exc:
        raise NotFound() from exc


@transaction.atomic
def accept_feedback(*, feedback_id: int, actor: Any, at: datetime | None = None) -> Feedback:
    """The agency takes the feedback up (within 2 working days of receipt)."""
    at = _now(at)
    feedback = _locked(feedback_id)
    authorize(actor, Action.ACCEPT, feedback)
    feedback.state, feedback.decided_at = State.ACCEPTED, at
    feedback.save(update_fields=["state", "decided_at"])
    _event(feedback, Action.ACCEPT, actor, at, on_time=deadlines.on_time(at, feedback.decide_due_at))
    return feedback


@transaction.atomic
def refuse_feedback(*, feedback_id: int, actor: Any, reason: str, at: datetime | None = None) -> Feedback:
    """The agency does not take the feedback up, and says why (within 2 working days)."""
    at = _now(at)
    feedback = _locked(feedback_id)
    authorize(actor, Action.REFUSE, feedback)
    feedback.refusal_reason = _text(reason, field="reason", label=gettext("lý do không thụ lý"))
    feedback.state, feedback.decided_at = State.REFUSED, at
    feedback.save(update_fields=["state", "decided_at", "refusal_reason"])
    _event(
        feedback,
        Action.REFUSE,
        actor,
        at,
        feedback.refusal_reason,
        deadlines.on_time(at, feedback.decide_due_at),
    )
    return feedback


@transaction.atomic
def ask_for_information(
    *, feedback_id: int, actor: Any, question: str, at: datetime | None = None
) -> Feedback:
    """Ask the citizen for more information (within 5 working days); the handling clock stops."""
    at = _now(at)
    feedback = _locked(feedback_id)
    authorize(actor, Action.ASK_INFO, feedback)
    feedback.info_question = _text(question, field="question", label=gettext("thông tin cần bổ sung"))
    feedback.state, feedback.info_asked_at = State.AWAITING_INFO, at
    feedback.save(update_fields=["state", "info_asked_at", "info_question"])
    _event(
        feedback,
        Action.ASK_INFO,
        actor,
        at,
        feedback.info_question,
        deadlines.on_time(at, feedback.info_due_at),
    )
    return feedback


@transaction.atomic
def reply_with_information(
    *,
    feedback_id: int,
    actor: Any,
    reply: str,
    files: Sequence[UploadedFile] = (),
    at: datetime | None = None,
) -> Feedback:
    """The citizen answers the request; the handling clock runs again with the time it had left."""
    at = _now(at)
    feedback = _locked(feedback_id)
    authorize(actor, Action.REPLY_INFO, feedback)
    feedback.info_reply = _text(reply, field="reply", label=gettext("thông tin bổ sung"))
    checked = check_files(files)
    cal = calendar_for(feedback.agency_id)
    assert feedback.info_asked_at is not None
    feedback.handle_due_at = deadlines.resume_after_info(
        cal, handle_due=feedback.handle_due_at, asked_at=feedback.info_asked_at, replied_at=at
    )
    feedback.state = State.ACCEPTED
    feedback.save(update_fields=["state", "info_reply", "handle_due_at"])
    _attach(feedback, checked, at)
    _event(feedback, Action.REPLY_INFO, actor, at, feedback.info_reply)
    return feedback


@transaction.atomic
def answer_feedback(*, feedback_id: int, actor: Any, answer: str, at: datetime | None = None) -> Feedback:
    """The agency's answer (within 15 working days, not counting the wait for information)."""
    at = _now(at)
    feedback = _locked(feedback_id)
    authorize(actor, Action.ANSWER, feedback)
    feedback.answer = _text(answer, field="answer", label=gettext("nội dung trả lời"))
    feedback.state, feedback.answered_at, feedback.answered_by = State.ANSWERED, at, actor
    if feedback.consent_to_publish:
        feedback.publish_due_at = deadlines.publish_due(calendar_for(feedback.agency_id), at)
    feedback.save(update_fields=["state", "answer", "answered_at", "answered_by", "publish_due_at"])
    _event(feedback, Action.ANSWER, actor, at, feedback.answer, deadlines.on_time(at, feedback.handle_due_at))
    return feedback


@transaction.atomic
def approve_publication(*, feedback_id: int, actor: Any, at: datetime | None = None) -> Feedback:
    """A leader publishes the answer on the portal: only with the citizen's consent, in 2 working days."""
    at = _now(at)
    feedback = _locked(feedback_id)
    authorize(actor, Action.PUBLISH, feedback)
    feedback.state, feedback.published_at, feedback.approved_by = State.PUBLISHED, at, actor
    feedback.save(update_fields=["state", "published_at", "approved_by"])
    _event(feedback, Action.PUBLISH, actor, at, on_time=deadlines.on_time(at, feedback.publish_due_at))
    return feedback


@transaction.atomic
def link_repeat(*, feedback_id: int, actor: Any, target: str, at: datetime | None = None) -> Feedback:
    """Mark the feedback as a repeat of an earlier one of its agency (linked to the first of the chain)."""
    at = _now(at)
    feedback = _locked(feedback_id)
    authorize(actor, Action.LINK, feedback)
    code = _text(target, field="target", label=gettext("mã phản ánh trước"), max_length=24)
    earlier = Feedback.objects.filter(code=code.upper(), agency_id=feedback.agency_id).first()
    if earlier is None or earlier.pk == feedback.pk:
        message = gettext("Không có phản ánh nào khác của cơ quan mang mã này.")
        raise ValidationFailed(message, fields={"target": message})
    seen = {feedback.pk}
    while earlier.repeat_of_id is not None:  # the first of the chain, never a cycle
        if earlier.pk in seen:
            break
        seen.add(earlier.pk)
        earlier = Feedback.objects.get(pk=earlier.repeat_of_id)
    if earlier.pk == feedback.pk:
        raise IllegalState(gettext("Không thể liên kết hai phản ánh vòng quanh nhau."))
    feedback.repeat_of = earlier
    feedback.save(update_fields=["repeat_of"])
    _event(feedback, Action.LINK, actor, at, earlier.code)
    return feedback


@transaction.atomic
def rate_answer(
    *, feedback_id: int, actor: Any, score: Any, comment: str = "", at: datetime | None = None
) -> Feedback:
    """The citizen rates the answer, once."""
    at = _now(at)
    feedback = _locked(feedback_id)
    authorize(actor, Action.RATE, feedback)
    value = int(score) if str(score).isdigit() else 0
    if value not in Rating.values:
        message = gettext("Vui lòng chọn mức độ hài lòng.")
        raise ValidationFailed(message, fields={"score": message})
    feedback.rating, feedback.rated_at = value, at
    feedback.rating_comment = _text(
        comment, field="comment", label=gettext("góp ý"), max_length=2000, required=False
    )
    feedback.save(update_fields=["rating", "rated_at", "rating_comment"])
    _event(feedback, Action.RATE, actor, at, feedback.rating_comment)
    return feedback


# The one service behind each row of the table, for the pages' single action view (and any API).
SERVICES: dict[Action, Callable[..., Feedback]] = {
    Action.ACCEPT: accept_feedback,
    Action.REFUSE: refuse_feedback,
    Action.ASK_INFO: ask_for_information,
    Action.REPLY_INFO: reply_with_information,
    Action.ANSWER: answer_feedback,
    Action.PUBLISH: approve_publication,
    Action.LINK: link_repeat,
    Action.RATE: rate_answer,
}
assert set(SERVICES) == set(ACTIONS)


def perform(
    action: Action, *, feedback_id: int, actor: Any, inputs: dict[str, Any], at: datetime | None = None
) -> Feedback:
    """Run the action's service with the inputs its row declares (and files where it takes them)."""
    spec = ACTIONS[action]
    kwargs: dict[str, Any] = {f.name: inputs.get(f.name, "") for f in spec.fields}
    if action == Action.REPLY_INFO:
        kwargs["files"] = inputs.get("files", ())
    return SERVICES[action](feedback_id=feedback_id, actor=actor, at=at, **kwargs)
