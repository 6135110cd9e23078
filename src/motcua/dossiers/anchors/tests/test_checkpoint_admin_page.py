"""The administrator sees the checkpoints and the age of the last one, and can make one now; nobody
else sees anything."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from motcua.backoffice.tests.support import staff_login
from motcua.core.time import now
from motcua.dossiers.anchors.models import Checkpoint
from motcua.dossiers.anchors.services import make_checkpoint
from motcua.dossiers.tests.factories import UserFactory

from .support import register

pytestmark = pytest.mark.django_db
PAGE = "/admin/anchors/checkpoint/"
MAKE = "/admin/anchors/checkpoint/tao-ngay/"


@pytest.fixture
def admin_client(db):
    return staff_login(Client(), UserFactory(is_superuser=True, is_staff=True))


def test_no_checkpoint_yet_is_a_warning(admin_client, world, seal):
    page = admin_client.get(PAGE).content.decode()

    assert "Chưa có điểm neo nào" in page
    assert "Tạo điểm neo ngay" in page


def test_a_stale_checkpoint_is_a_warning(admin_client, world, seal):
    register(world, 1)
    make_checkpoint(at=now() - timedelta(hours=30))

    page = admin_client.get(PAGE).content.decode()

    assert "đã 30 giờ: quá 26 giờ" in page


def test_a_fresh_checkpoint_is_listed_without_warning(admin_client, world, seal):
    register(world, 2)
    make_checkpoint()

    page = admin_client.get(PAGE).content.decode()

    assert "quá 26 giờ" not in page
    assert "Sở Tư pháp tỉnh Quảng Trị" in page  # the signer


def test_make_one_now(admin_client, world, seal):
    register(world, 2)

    made = admin_client.post(MAKE, follow=True)
    again = admin_client.post(MAKE, follow=True)

    assert "Đã yêu cầu tạo điểm neo" in made.content.decode()
    assert "dưới một phút trước" in again.content.decode()
    assert Checkpoint.objects.count() == 1  # the task ran (immediate backend in tests), once


def test_nobody_else_gets_in(client, world, seal):
    assert client.get(PAGE).status_code == 302  # to the login
    assert client.post(MAKE).status_code == 302
    assert Checkpoint.objects.count() == 0
    officer = staff_login(Client(), world.intake)
    assert officer.get(PAGE).status_code in (302, 403)
    assert officer.post(MAKE).status_code in (302, 403)
    assert Checkpoint.objects.count() == 0
