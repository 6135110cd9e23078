"""The feedback part of the demo: a few answered and pending feedback (phản ánh, kiến nghị) of the
demo citizen, made through the real services, so that /phan-anh-kien-nghi/ has published answers
and the officers' list at /can-bo/phan-anh-kien-nghi/ has work, one of it overdue."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.catalog.models import Procedure
from motcua.core.time import now
from motcua.workcalendar.selectors import calendar_for

CITIZEN = "congdan"
OFFICER = "chuyenvien"
LEADER = "lanhdao"
JUDICIAL_RECORD = "3.000333"  # Công an tỉnh (H50.11), where chuyenvien and lanhdao work
BIRTH = "1.001193"  # Phường Đồng Hới (H50.30.01), where they work too


def _working_days_ago(agency_id: int, days: int, at: datetime) -> datetime:
    """A moment inside working hours about `days` working days before `at`."""
    cal = calendar_for(agency_id)
    moment = at
    for _ in range(days):
        moment -= timedelta(days=1)
        while not cal.is_working_day(moment.date()):
            moment -= timedelta(days=1)
    return moment.replace(hour=2, minute=30, second=0, microsecond=0)  # 09:30 in Vietnam (UTC+7)


@transaction.atomic
def seed_feedback(*, at: datetime | None = None) -> int:
    """Six feedback in every interesting state; nothing when there is already feedback."""
    from motcua.feedback import services
    from motcua.feedback.models import Feedback

    users = {u.username: u for u in User.objects.filter(username__in=[CITIZEN, OFFICER, LEADER])}
    procedures = {p.code: p for p in Procedure.objects.filter(code__in=[JUDICIAL_RECORD, BIRTH])}
    if Feedback.objects.exists() or len(users) < 3 or len(procedures) < 2:
        return 0
    citizen, officer, leader = users[CITIZEN], users[OFFICER], users[LEADER]
    at = at or now()
    police = procedures[JUDICIAL_RECORD].current_version.competent_agency_id  # type: ignore[union-attr]
    ward = procedures[BIRTH].current_version.competent_agency_id  # type: ignore[union-attr]

    def ago(agency_id: int, days: int, minutes: int = 0) -> datetime:
        return _working_days_ago(agency_id, days, at) + timedelta(minutes=minutes)

    published = services.file_feedback(
        author=citizen,
        subject="procedure",
        procedure_code=JUDICIAL_RECORD,
        title="Đề nghị cho nhận Phiếu lý lịch tư pháp qua bưu điện",
        content=(
            "Tôi làm việc ở xa, đề nghị cho phép nhận Phiếu lý lịch tư pháp qua dịch vụ bưu chính công ích."
        ),
        consent_to_publish=True,
        at=ago(police, 12),
    )
    services.accept_feedback(feedback_id=published.pk, actor=officer, at=ago(police, 11))
    services.answer_feedback(
        feedback_id=published.pk,
        actor=officer,
        answer=(
            "Công an tỉnh đã trả Phiếu lý lịch tư pháp qua bưu chính công ích từ ngày 01/3/2025. "
            "Khi nộp hồ sơ, công dân chọn hình thức nhận kết quả qua bưu điện và nộp phí chuyển phát."
        ),
        at=ago(police, 6),
    )
    services.approve_publication(feedback_id=published.pk, actor=leader, at=ago(police, 5))
    services.rate_answer(feedback_id=published.pk, actor=citizen, score=3, at=ago(police, 4))

    private = services.file_feedback(
        author=citizen,
        subject="procedure",
        procedure_code=BIRTH,
        title="Hướng dẫn đăng ký khai sinh cho con sinh ở nước ngoài",
        content=(
            "Con tôi sinh ở nước ngoài, đã về nước. Tôi cần chuẩn bị những giấy tờ gì để đăng ký khai sinh?"
        ),
        at=ago(ward, 8),
    )
    services.accept_feedback(feedback_id=private.pk, actor=officer, at=ago(ward, 8, 60))
    services.answer_feedback(
        feedback_id=private.pk,
        actor=officer,
        answer=(
            "Ông/bà chuẩn bị tờ khai, giấy chứng sinh do cơ sở y tế nước ngoài cấp đã hợp pháp hóa lãnh sự."
        ),
        at=ago(ward, 3),
    )

    repeat = services.file_feedback(
        author=citizen,
        subject="procedure",
        procedure_code=JUDICIAL_RECORD,
        title="Nhận Phiếu lý lịch tư pháp qua bưu điện được không?",
        content="Đề nghị cho nhận Phiếu lý lịch tư pháp qua bưu điện vì tôi ở xa.",
        consent_to_publish=True,
        at=ago(police, 1),
    )
    services.link_repeat(feedback_id=repeat.pk, actor=officer, target=published.code, at=ago(police, 1, 30))

    services.file_feedback(  # overdue: nobody accepted or refused it within 2 working days
        author=citizen,
        subject="procedure",
        procedure_code=BIRTH,
        title="Cổng không nhận tệp ảnh chụp giấy chứng sinh",
        content="Tôi tải ảnh chụp giấy chứng sinh lên nhưng hệ thống báo lỗi. Đề nghị kiểm tra.",
        consent_to_publish=True,
        at=ago(ward, 4),
    )
    conduct = services.file_feedback(
        author=citizen,
        subject="conduct",
        agency_id=str(Agency.objects.get(pk=police).pk),
        officer_name="Cán bộ tiếp nhận quầy số 3",
        title="Cán bộ hẹn trả kết quả không đúng ngày",
        content="Cán bộ hẹn tôi đến nhận kết quả nhưng đến nơi thì chưa có kết quả.",
        at=ago(police, 2),
    )
    services.accept_feedback(feedback_id=conduct.pk, actor=officer, at=ago(police, 2, 60))
    services.ask_for_information(
        feedback_id=conduct.pk,
        actor=officer,
        question="Đề nghị ông/bà cho biết mã hồ sơ và ngày được hẹn trả kết quả.",
        at=ago(police, 1),
    )
    services.file_feedback(
        author=citizen,
        subject="procedure",
        procedure_code=JUDICIAL_RECORD,
        title="Phí cấp Phiếu lý lịch tư pháp cho sinh viên",
        content="Đề nghị miễn phí cấp Phiếu lý lịch tư pháp cho sinh viên mới ra trường.",
        consent_to_publish=True,
        at=at,
    )
    return Feedback.objects.count()
