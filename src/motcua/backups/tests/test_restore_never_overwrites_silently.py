"""A database holding dossiers or users is only replaced on --replace, after a safety backup."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from motcua.accounts.models import User

from .support import make_dossiers, run, snapshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_non_empty_database_is_refused_without_replace(world, key_folder, tmp_path):
    make_dossiers(world, count=1)
    assert run("backup", "--output", str(tmp_path / "out")).code == 0
    archive = next((tmp_path / "out").glob("*.tar.gz"))
    User.objects.create(username="moi-dang-ky")
    before = snapshot(key_folder)

    refused = run("restore", str(archive), "--allow-unsigned")

    assert refused.code == 2
    assert "--replace" in refused.err
    assert snapshot(key_folder) == before


@pytest.mark.usefixtures("sqlite_only")
def test_replace_leaves_a_safety_backup_that_itself_restores(world, key_folder, tmp_path):
    make_dossiers(world, count=1)
    assert run("backup", "--output", str(tmp_path / "out")).code == 0
    archive = next((tmp_path / "out").glob("*.tar.gz"))
    User.objects.create(username="moi-dang-ky")  # written after the backup: only the safety copy has it
    replaced = snapshot(key_folder)

    restored = run("restore", str(archive), "--replace", "--allow-unsigned")

    assert restored.code == 0, restored.err
    safety = list((tmp_path / "data" / "backups").glob("motcua-backup-*.tar.gz"))
    assert len(safety) == 1
    assert str(safety[0]) in restored.out
    assert not User.objects.filter(username="moi-dang-ky").exists()

    call_command("flush", interactive=False, verbosity=0)
    back = run("restore", str(safety[0]), "--allow-unsigned")

    assert back.code == 0, back.err
    assert snapshot(key_folder) == replaced
