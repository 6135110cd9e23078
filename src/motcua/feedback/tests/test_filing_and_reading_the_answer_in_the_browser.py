"""In Chromium, on a desktop and a 390 px phone: a citizen files feedback on a procedure with a
file, the agency answers and its leader publishes, and anyone reads the published answer at
/phan-anh-kien-nghi/; the citizen rates it. Every page is audited by axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import expect

from motcua.dossiers.tests.factories import PDF_BYTES
from motcua.web.testing import DESKTOP, PHONE

from .. import services
from ..models import Feedback

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_file_feedback_then_read_the_published_answer(device, world, request, live_server, shoot, tmp_path):
    page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    client = Client()
    client.force_login(world.citizen)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])

    page.goto(f"{live_server.url}/phan-anh-kien-nghi/gui/?thu-tuc={world.version.procedure.code}")
    expect(page.get_by_role("heading", name="Gửi phản ánh, kiến nghị")).to_be_visible()
    page.get_by_label("Quy định, thủ tục hành chính").check()
    page.get_by_label("Tiêu đề").fill("Thời hạn cấp Phiếu lý lịch tư pháp <b>quá dài</b>")
    page.get_by_label("Nội dung phản ánh, kiến nghị").fill(
        "Tôi nộp hồ sơ đã 10 ngày. Đề nghị Sở rút ngắn thời hạn cấp Phiếu lý lịch tư pháp."
    )
    evidence = tmp_path / "giay-hen.pdf"
    evidence.write_bytes(PDF_BYTES)
    page.get_by_label("Tệp đính kèm (không bắt buộc)").set_input_files(str(evidence))
    page.get_by_label("Tôi đồng ý công khai").check()
    shoot(page, f"portal-feedback-form-{device}")
    page.get_by_role("button", name="Gửi phản ánh").click()
    expect(page.locator(".messages")).to_contain_text("Đã gửi phản ánh, kiến nghị PAKN-")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thời hạn cấp Phiếu lý lịch tư pháp <b>quá dài</b>"
    )
    expect(page.get_by_role("link", name="giay-hen.pdf")).to_be_visible()
    shoot(page, f"portal-feedback-filed-{device}")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]

    feedback = Feedback.objects.get()
    services.accept_feedback(feedback_id=feedback.pk, actor=world.specialist)
    services.answer_feedback(
        feedback_id=feedback.pk,
        actor=world.specialist,
        answer="Sở Tư pháp đã rà soát quy trình; từ tháng sau Phiếu được cấp trong 7 ngày làm việc.",
    )
    services.approve_publication(feedback_id=feedback.pk, actor=world.leader)

    # Someone else, not logged in, in a context of the auditing browser (axe runs there too).
    visitor = request.getfixturevalue("browser").new_context(**(DESKTOP if device == "desktop" else PHONE))
    reader = visitor.new_page()
    reader.goto(f"{live_server.url}/phan-anh-kien-nghi/")
    reader.get_by_role("link", name="Thời hạn cấp Phiếu lý lịch tư pháp <b>quá dài</b>").click()
    expect(reader.locator(".answer-card")).to_contain_text("cấp trong 7 ngày làm việc")
    assert world.citizen.full_name not in reader.content()
    expect(reader.get_by_role("link", name="giay-hen.pdf")).to_have_count(0)
    shoot(reader, f"portal-feedback-published-{device}")
    assert reader.evaluate("document.documentElement.scrollWidth") <= reader.viewport_size["width"]
    visitor.close()

    page.reload()
    page.get_by_label("Rất hài lòng").check()
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.locator(".messages")).to_contain_text("Cảm ơn bạn đã đánh giá trả lời.")
    assert Feedback.objects.get().rating == 3
