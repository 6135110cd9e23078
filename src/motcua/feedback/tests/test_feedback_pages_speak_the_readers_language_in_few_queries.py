"""The feedback pages are Vietnamese first and English on request, with nothing left in the other
language; the lists read a fixed number of queries however many rows they show."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from motcua.agencies.models import Agency
from motcua.backoffice.tests.support import staff_login
from motcua.web.testing import ENGLISH_UI_WORDS

from .. import services
from .factories import file, vn

pytestmark = pytest.mark.django_db
VIETNAMESE = re.compile(
    r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE
)


def _main(html: str) -> str:
    main = html[html.index("<main") : html.index("</main>")]
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", main, flags=re.S)
    return re.sub(r"<[^>]+>", " ", text)


def _publish(world, at):  # type: ignore[no-untyped-def]
    feedback = file(world, at=at, title="Tieu de khong dau", content="Noi dung khong dau")
    services.accept_feedback(feedback_id=feedback.pk, actor=world.specialist, at=at)
    services.answer_feedback(feedback_id=feedback.pk, actor=world.specialist, answer="Tra loi", at=at)
    return services.approve_publication(feedback_id=feedback.pk, actor=world.leader, at=at)


def test_english_pages_have_no_vietnamese_left(world):
    feedback = _publish(world, vn(2025, 3, 3, 9, 0))
    citizen = Client()
    citizen.force_login(world.citizen)
    citizen.cookies["django_language"] = "en"
    officer = staff_login(Client(), world.specialist)
    officer.cookies["django_language"] = "en"
    pages = {
        "form": citizen.get("/phan-anh-kien-nghi/gui/"),
        "published": citizen.get("/phan-anh-kien-nghi/"),
        "mine": citizen.get("/phan-anh-kien-nghi/cua-toi/"),
        "detail": citizen.get(f"/phan-anh-kien-nghi/{feedback.code}/"),
        "officer list": officer.get("/can-bo/phan-anh-kien-nghi/?trang-thai=all"),
        "officer detail": officer.get(f"/can-bo/phan-anh-kien-nghi/{feedback.code}/"),
    }
    assert "To process" in pages["officer list"].content.decode()
    assert "Send feedback" in pages["form"].content.decode()
    for name, response in pages.items():
        text = _main(response.content.decode())
        # What the demo world itself is called (agency, procedure, people) is data, not interface.
        data = [*Agency.objects.values_list("name", flat=True), world.version.name]
        data += [world.citizen.full_name, world.specialist.full_name, world.leader.full_name]
        for value in data:
            text = text.replace(value, " ")
        assert not VIETNAMESE.findall(text), (name, [w for w in text.split() if VIETNAMESE.search(w)])


def test_vietnamese_pages_have_no_english_words(world):
    feedback = _publish(world, vn(2025, 3, 3, 9, 0))
    citizen = Client()
    citizen.force_login(world.citizen)
    officer = staff_login(Client(), world.specialist)
    for response in (
        citizen.get("/phan-anh-kien-nghi/gui/"),
        citizen.get(f"/phan-anh-kien-nghi/{feedback.code}/"),
        officer.get(f"/can-bo/phan-anh-kien-nghi/{feedback.code}/"),
    ):
        words = set(re.findall(r"[a-z]+(?: [a-z]+)?", _main(response.content.decode()).lower()))
        assert not words & set(ENGLISH_UI_WORDS)


def _list_queries(world):  # type: ignore[no-untyped-def]
    officer = staff_login(Client(), world.specialist)
    officer.get("/can-bo/phan-anh-kien-nghi/")  # the session's tab counts are cached after this
    with CaptureQueriesContext(connection) as officer_queries:
        assert officer.get("/can-bo/phan-anh-kien-nghi/?trang-thai=all").status_code == 200
    with CaptureQueriesContext(connection) as public_queries:
        assert Client().get("/phan-anh-kien-nghi/").status_code == 200
    return len(officer_queries), len(public_queries)


def test_lists_read_a_fixed_number_of_queries(world, settings):
    settings.MOTCUA_FEEDBACK_PER_ACCOUNT_DAY = 0
    _publish(world, vn(2025, 3, 3, 9, 0))
    one = _list_queries(world)
    for minute in range(1, 12):
        _publish(world, vn(2025, 3, 3, 9, minute))
    assert _list_queries(world) == one
