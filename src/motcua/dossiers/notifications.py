"""E-mail and text message (SMS) to the applicant about changes they must know of, sent by the task
queue after commit. The text message is short, without diacritics (one GSM-7 message), and goes to
a mobile number when an SMS gateway is configured (accounts.sms)."""

from __future__ import annotations

import logging
import unicodedata

from django.conf import settings
from django.core.mail import send_mail

try:
    from django.tasks import task  # type: ignore[import-not-found]  # Django >= 6.0
except ImportError:
    from django_tasks import task

from motcua.accounts import sms
from motcua.core import phones
from motcua.core.tasks import enqueue_with_the_transaction
from motcua.core.time import local

from .models import Dossier, DossierEvent

Kind = DossierEvent.Kind
logger = logging.getLogger(__name__)

SUBJECTS = {
    Kind.SUBMITTED: "Đã nhận hồ sơ trực tuyến {code}",
    Kind.RECEIVED: "Hồ sơ {code} đã được tiếp nhận",
    Kind.REFUSED: "Hồ sơ {code} không được tiếp nhận",
    Kind.SUPPLEMENT_REQUESTED: "Hồ sơ {code} cần bổ sung giấy tờ",
    Kind.FINANCIAL_OBLIGATION_REQUESTED: "Hồ sơ {code}: đề nghị thực hiện nghĩa vụ tài chính",
    Kind.APOLOGISED: "Xin lỗi về việc chậm trả kết quả hồ sơ {code}",
    Kind.RESOLVED: "Hồ sơ {code} đã có kết quả",
    Kind.RETURNED: "Hồ sơ {code} đã trả kết quả",
    Kind.STOPPED: "Hồ sơ {code} đã dừng giải quyết",
    Kind.WITHDRAWAL_REJECTED: "Yêu cầu rút hồ sơ {code} không được chấp nhận",
}
RETURN_METHODS = {
    "counter": "trực tiếp tại Bộ phận Một cửa",
    "postal": "qua dịch vụ bưu chính công ích",
    "electronic": "trực tuyến: Ông/Bà tải văn bản kết quả trên Cổng Dịch vụ công",
}


def _when(moment) -> str:  # type: ignore[no-untyped-def]
    return f"{local(moment):%H giờ %M, ngày %d/%m/%Y}" if moment else "(chưa xác định)"


def message_for(dossier: Dossier, event: DossierEvent) -> tuple[str, str] | None:
    """Subject and body in Vietnamese, or None when the applicant need not be told."""
    subject = SUBJECTS.get(Kind(event.kind))
    if subject is None:
        return None
    lines = [
        f"Kính gửi Ông/Bà {dossier.applicant_name},",
        "",
        f"Hồ sơ: {dossier.code}",
        f"Thủ tục: {dossier.procedure_version.name}",
        f"Mã tra cứu: {dossier.lookup_secret}",
        "",
    ]
    if event.kind == Kind.RECEIVED:
        lines.append(f"Hồ sơ đã được tiếp nhận. Ngày hẹn trả kết quả: {_when(dossier.due_at)}.")
    elif event.kind == Kind.SUPPLEMENT_REQUESTED:
        lines.append("Đề nghị Ông/Bà bổ sung các giấy tờ sau:")
        lines += [f"  - {item}" for item in event.payload.get("missing", [])]
        if event.note:
            lines.append(f"Lý do: {event.note}")
    elif event.kind == Kind.APOLOGISED:
        lines.append(f"Cơ quan giải quyết xin lỗi vì chưa trả kết quả đúng hẹn. Lý do: {event.note}")
        lines.append(f"Ngày hẹn trả kết quả mới: {_when(dossier.appointment_at)}.")
    elif event.kind in (Kind.REFUSED, Kind.STOPPED):
        lines.append(f"Lý do: {event.note}")
    elif event.kind == Kind.FINANCIAL_OBLIGATION_REQUESTED:
        lines.append(
            f"Khoản phải nộp: {event.payload.get('description', '')}: "
            f"{int(event.payload.get('amount', 0)):,} đồng.".replace(",", ".")
        )
    elif event.kind == Kind.RESOLVED:
        lines.append("Hồ sơ đã được giải quyết xong. Mời Ông/Bà nhận kết quả theo hình thức đã đăng ký.")
    elif event.kind == Kind.RETURNED:
        method = RETURN_METHODS.get(event.payload.get("method", ""), "theo hình thức đã đăng ký")
        lines.append(f"Kết quả giải quyết hồ sơ đã được trả {method}.")
        lines.append("Mời Ông/Bà đánh giá mức độ hài lòng về việc giải quyết hồ sơ.")
    elif event.kind == Kind.WITHDRAWAL_REJECTED:
        lines.append("Cơ quan giải quyết không chấp nhận yêu cầu rút hồ sơ; hồ sơ tiếp tục được giải quyết.")
        if event.note:
            lines.append(f"Lý do: {event.note}")
    else:
        lines.append("Hệ thống đã nhận hồ sơ trực tuyến của Ông/Bà và sẽ kiểm tra trong thời gian sớm nhất.")
    tracking_url = getattr(settings, "MOTCUA_TRACKING_URL", "")
    if tracking_url:
        lines += ["", f"Tra cứu hồ sơ bằng mã hồ sơ và mã tra cứu tại: {tracking_url}"]
    lines += ["", "Thư này được gửi tự động từ hệ thống một cửa điện tử, vui lòng không trả lời."]
    return subject.format(code=dossier.code), "\n".join(lines)


def plain(text: str) -> str:
    """Vietnamese without diacritics ("Hồ sơ đã" → "Ho so da"), as text messages carry it."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def sms_text_for(dossier: Dossier, event: DossierEvent) -> str | None:
    """The text message for one event: what happened, the dossier code and the tracking secret."""
    subject = SUBJECTS.get(Kind(event.kind))
    if subject is None:
        return None
    text = subject.format(code=dossier.code)
    if event.kind == Kind.RECEIVED and dossier.due_at:
        text += f". Hen tra: {local(dossier.due_at):%d/%m/%Y}"
    return plain(f"{text}. Ma tra cuu: {dossier.lookup_secret}. Cong dich vu cong")[:300]


def _sms_number(dossier: Dossier) -> str:
    phone = dossier.applicant_phone
    return phone if phone and phones.is_mobile(phone) and sms.enabled() else ""


@task()
def notify_applicant(dossier_id: int, event_seq: int) -> bool:
    """Send the e-mail and the text message for one event; True when a message went out."""
    dossier = Dossier.objects.select_related("procedure_version").get(pk=dossier_id)
    event = DossierEvent.objects.get(dossier=dossier, seq=event_seq)
    message = message_for(dossier, event)
    if message is None:
        return False
    sent = False
    if dossier.applicant_email:
        send_mail(message[0], message[1], settings.DEFAULT_FROM_EMAIL, [dossier.applicant_email])
        sent = True
    number, text = _sms_number(dossier), sms_text_for(dossier, event)
    if number and text:
        try:
            sms.send(number, text)
            sent = True
        except sms.SmsError:  # the e-mail went out; retrying the task would send it twice
            logger.exception("dossier %s: the text message could not be sent", dossier.pk)
    return sent


def notify_on_commit(dossier: Dossier, event: DossierEvent) -> None:
    if event.kind == Kind.SUBMITTED and dossier.channel != "online":
        return  # at the counter the receipt is handed over in person
    if event.kind in SUBJECTS and (dossier.applicant_email or _sms_number(dossier)):
        dossier_id, seq = dossier.pk, event.seq
        enqueue_with_the_transaction(notify_applicant, dossier_id, seq)
