"""Issue 9 item 8: every back-office page fits a 390-pixel phone with no sideways scrolling.

The counter was 908 px wide on a phone. Each page is opened in Chromium at 390 px as the officer who
uses it, with dossiers in the lists, and the document may be no wider than the screen: tables scroll
inside their own box, forms and action bars stack.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from motcua.dossiers import services
from motcua.dossiers.tests.factories import vn
from motcua.signatures.approval import start_batch_approval

from .support import at_counter, online, staff_login

pytestmark = pytest.mark.django_db(transaction=True)

# What is wider than the screen, to say in the failure which element pushes the page out.
WIDEST = """() => {
  const w = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > w + 1 && e.offsetParent !== null)
    .filter(e => ![...e.querySelectorAll('*')].some(c => c.getBoundingClientRect().right > w + 1))
    .slice(0, 8)
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.')
         + ' ' + Math.round(e.getBoundingClientRect().right));
}"""


def _as(page: Any, base: str, user: Any) -> None:
    """Log `user` in by handing the browser a verified staff session (the login pages have their tests)."""
    client = staff_login(Client(), user)
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}])


def _overflow(page: Any, url: str, name: str, shoot: Any) -> list[str]:
    """Nothing when the page fits; else how wide it is and what sticks out."""
    response = page.goto(url)
    assert response.status == 200, (name, response.status)
    shoot(page, f"backoffice-phone-{name}")
    width = page.evaluate("document.documentElement.scrollWidth")
    return [] if width <= 390 else [f"{name}: {width} px, {page.evaluate(WIDEST)}"]


def test_every_back_office_page_fits_a_390_pixel_phone(live_server, world, clock, phone_page, shoot):
    base = live_server.url
    clock.set(2025, 3, 3, 8, 0)
    online(world, vn(2025, 3, 3, 8, 0), name="Nguyễn Thị Phương Thảo")
    held = at_counter(world, vn(2025, 3, 3, 8, 30), name="Trần Văn Bình")
    waiting = at_counter(world, vn(2025, 3, 3, 8, 40), name="Lê Thị Hồng")
    services.request_supplement(
        dossier_id=waiting.pk, actor=world.intake, missing=["Bản sao CCCD"], at=vn(2025, 3, 3, 9, 0)
    )
    services.forward_dossier(dossier_id=held.pk, actor=world.intake, at=vn(2025, 3, 3, 9, 10))
    clock.set(2025, 3, 14, 10, 0)  # late by now: the lists show their overdue marks

    too_wide = _overflow(phone_page, base + "/can-bo/dang-nhap/", "login", shoot)
    _as(phone_page, base, world.intake)
    pages = {
        "counter": "/can-bo/tiep-nhan/",
        "register-dossier": f"/can-bo/tiep-nhan/dang-ky/{world.code}/",
        "to-receive": "/can-bo/danh-sach/cho-tiep-nhan/",
        "to-process": "/can-bo/danh-sach/can-xu-ly/",
        "waiting": "/can-bo/danh-sach/cho-cong-dan/",
        "to-return": "/can-bo/danh-sach/tra-ket-qua/",
        "dossier": f"/can-bo/ho-so/{waiting.code}/",
        "control": f"/can-bo/ho-so/{held.code}/phieu-kiem-soat/",
        "register": "/can-bo/so-theo-doi/",
        "notices": "/can-bo/thong-bao/",
        "tokens": "/can-bo/ma-truy-cap/",
    }
    too_wide += [
        line for name, path in pages.items() for line in _overflow(phone_page, base + path, name, shoot)
    ]

    _as(phone_page, base, world.specialist)
    too_wide += _overflow(phone_page, base + f"/can-bo/ho-so/{held.code}/", "dossier-specialist", shoot)

    batch = start_batch_approval(leader=world.leader, selection=[(held.code, None), ("KHONG-CO", 1)])
    _as(phone_page, base, world.leader)
    for name, path in {
        "to-approve": "/can-bo/danh-sach/cho-phe-duyet/",
        "agency": "/can-bo/danh-sach/toan-co-quan/",
        "leader": "/can-bo/dieu-hanh/",
        "batch-approval": f"/can-bo/phe-duyet-nhieu-ho-so/{batch.pk}/",
    }.items():
        too_wide += _overflow(phone_page, base + path, name, shoot)
    assert not too_wide, "\n".join(too_wide)
