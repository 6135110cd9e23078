"""The published demo password opens nothing outside demo mode."""

import pytest
from django.contrib.auth import authenticate

from motcua.accounts.backends import DEMO_PASSWORD
from motcua.accounts.models import User


@pytest.mark.django_db
def test_demo_password_is_refused_outside_demo_mode(settings):
    User.objects.create_user(username="tiepnhan", password=DEMO_PASSWORD)
    settings.DEMO_MODE = False
    assert authenticate(username="tiepnhan", password=DEMO_PASSWORD) is None
    settings.DEMO_MODE = True
    assert authenticate(username="tiepnhan", password=DEMO_PASSWORD) is not None


@pytest.mark.django_db
def test_other_passwords_work_as_usual(settings):
    User.objects.create_user(username="canbo", password="mot-mat-khau-rieng-2025")
    settings.DEMO_MODE = False
    assert authenticate(username="canbo", password="mot-mat-khau-rieng-2025") is not None
