"""`motcua purge_counters` forgets counters that no longer limit anything, and old login addresses."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from motcua.accounts.models import FailureCounter, LoginAddress, User

pytestmark = pytest.mark.django_db


def test_only_what_has_ended_is_forgotten(settings):
    settings.MOTCUA_LOGIN_KNOWN_ADDRESS_DAYS = 60
    at = timezone.now()
    for key, started, locked in [
        ("submit:addr:d:198.51.100.7", at - timedelta(days=2), None),  # window over
        ("submit:addr:d:203.0.113.9", at - timedelta(hours=3), None),  # window still open
        ("login:user:1", at - timedelta(days=2), at + timedelta(minutes=3)),  # still slowed down
    ]:
        FailureCounter.objects.create(key=key, failures=3, window_started_at=started, locked_until=locked)
    user = User.objects.create_user("giamdoc")
    LoginAddress.objects.create(user=user, address="203.0.113.9", last_success_at=at - timedelta(days=61))
    LoginAddress.objects.create(user=user, address="192.0.2.1", last_success_at=at - timedelta(days=5))

    out = StringIO()
    call_command("purge_counters", stdout=out)

    assert set(FailureCounter.objects.values_list("key", flat=True)) == {
        "submit:addr:d:203.0.113.9",
        "login:user:1",
    }
    assert list(LoginAddress.objects.values_list("address", flat=True)) == ["192.0.2.1"]
    assert "Đã xóa 1 bộ đếm hết hiệu lực và 1 địa chỉ đăng nhập cũ." in out.getvalue()
