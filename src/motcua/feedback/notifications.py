"""E-mail to the citizen when their feedback needs them or has its answer, sent by the task queue
after the commit (the dossiers' way). Vietnamese, plain text, no secrets: a link to the page."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail

try:
    from django.tasks import task  # type: ignore[import-not-found]  # Django >= 6.0
except ImportError:
    from django_tasks import task

from motcua.core.tasks import enqueue_with_the_transaction
from motcua.core.time import local

from .actions import Action
from .models import Feedback, FeedbackEvent

SUBJECTS = {
    Action.REFUSE: "Phản ánh {code} không được thụ lý",
    Action.ASK_INFO: "Phản ánh {code}: đề nghị bổ sung thông tin",
    Action.ANSWER: "Phản ánh {code} đã có trả lời",
    Action.PUBLISH: "Trả lời phản ánh {code} đã được công khai",
}


def message_for(feedback: Feedback, event: FeedbackEvent) -> tuple[str, str] | None:
    subject = SUBJECTS.get(event.action)  # type: ignore[call-overload]
    if subject is None:
        return None
    lines = [
        f"Kính gửi Ông/Bà {feedback.author.display_name},",
        "",
        f"Phản ánh, kiến nghị: {feedback.code} – {feedback.title}",
        f"Cơ quan xử lý: {feedback.agency.name}",
        f"Thời điểm: {local(event.at):%H giờ %M, ngày %d/%m/%Y}",
        "",
    ]
    if event.action == Action.REFUSE:
        lines += ["Cơ quan không thụ lý phản ánh với lý do:", event.note]
    elif event.action == Action.ASK_INFO:
        lines += ["Đề nghị Ông/Bà bổ sung thông tin sau trên Cổng Dịch vụ công:", event.note]
    elif event.action == Action.ANSWER:
        lines += ["Nội dung trả lời:", event.note, "", "Mời Ông/Bà đánh giá trả lời trên Cổng Dịch vụ công."]
    else:
        lines.append("Trả lời đã được công khai trên Cổng Dịch vụ công theo sự đồng ý của Ông/Bà.")
    portal = getattr(settings, "MOTCUA_PORTAL_URL", "")
    if portal:
        lines += ["", f"Xem phản ánh tại: {portal.rstrip('/')}/phan-anh-kien-nghi/{feedback.code}/"]
    lines += ["", "Thư này được gửi tự động từ Cổng Dịch vụ công, vui lòng không trả lời."]
    return subject.format(code=feedback.code), "\n".join(lines)


@task()
def notify_author(event_id: int) -> bool:
    """Send the e-mail for one event; True when a message went out."""
    event = FeedbackEvent.objects.select_related("feedback__author", "feedback__agency").get(pk=event_id)
    feedback = event.feedback
    message = message_for(feedback, event)
    if message is None or not feedback.author.email:
        return False
    send_mail(message[0], message[1], settings.DEFAULT_FROM_EMAIL, [feedback.author.email])
    return True


def notify_on_commit(event: FeedbackEvent) -> None:
    if event.action in SUBJECTS:
        event_id = event.pk
        enqueue_with_the_transaction(notify_author, event_id)
