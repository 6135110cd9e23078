"""The demo fills every state with dossiers made through the real services, and logs in with its accounts."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from motcua.dossiers.events import verify_chain
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import State


@pytest.mark.django_db
def test_demo_command_loads_everything_once(settings, capsys):
    settings.DEMO_MODE = True
    call_command("demo", "--no-serve", "--dossiers", "70", "--signed", "0")
    out = capsys.readouterr().out
    assert "motcua-demo" in out
    assert set(Dossier.objects.values_list("state", flat=True)) == set(State.values)
    assert all(verify_chain(dossier).ok for dossier in Dossier.objects.all())
    for username in ("congdan", "tiepnhan", "chuyenvien", "lanhdao", "vanthu", "quantri"):
        assert authenticate(username=username, password="motcua-demo") is not None

    count = Dossier.objects.count()
    call_command("demo", "--no-serve", "--dossiers", "70", "--signed", "0")
    assert Dossier.objects.count() == count


@pytest.mark.django_db
def test_demo_refuses_to_run_outside_demo_mode(settings):
    from django.core.management.base import CommandError

    settings.DEMO_MODE = False
    with pytest.raises(CommandError):
        call_command("demo", "--no-serve")
