"""Eight clients at once from one address (the inspector's attack) get exactly the allowance, no more."""

from __future__ import annotations

import threading

import pytest
from django.db import connections
from rest_framework.test import APIClient

from motcua.dossiers.models import Dossier

from .factories import build_province
from .support import submit_online

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_simultaneous_submissions_stop_at_the_limit(settings):
    settings.MOTCUA_TRUSTED_PROXIES = 0
    settings.MOTCUA_SUBMISSIONS_PER_ADDRESS_HOUR = 3
    world = build_province()
    barrier = threading.Barrier(8)
    statuses: list[int] = []
    lock = threading.Lock()

    def submit() -> None:
        try:
            client = APIClient(REMOTE_ADDR="198.51.100.7")
            barrier.wait()
            status = submit_online(client, world).status_code
            with lock:
                statuses.append(status)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(statuses) == [201] * 3 + [429] * 5
    assert Dossier.objects.count() == 3
