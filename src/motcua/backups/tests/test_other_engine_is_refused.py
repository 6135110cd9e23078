"""A backup of SQLite does not go into PostgreSQL, nor the other way round: exit 2, nothing changed."""

from __future__ import annotations

import pytest
from django.db import connection

from .support import edit_manifest, make_dossiers, repack, run, snapshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_archive_of_the_other_engine_is_refused(world, key_folder, tmp_path):
    make_dossiers(world, count=1)
    assert run("backup", "--output", str(tmp_path / "out")).code == 0
    archive = next((tmp_path / "out").glob("*.tar.gz"))
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def other_engine(body: dict) -> None:
        body["engine"] = other

    foreign = repack(archive, tmp_path / "foreign.tar.gz", change=edit_manifest(other_engine))
    before = snapshot(key_folder)

    refused = run("restore", str(foreign), "--replace", "--allow-unsigned")

    assert refused.code == 2
    assert "không phục hồi được vào" in refused.err
    assert "PostgreSQL" in refused.err
    assert "SQLite" in refused.err
    assert snapshot(key_folder) == before
