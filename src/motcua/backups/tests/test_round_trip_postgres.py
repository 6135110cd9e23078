"""PostgreSQL: pg_dump of the test database, pg_restore into a scratch database this test creates.

The restore always writes into the configured (default) database. To keep the test database the
other tests use out of it, the test points the default connection at a scratch database for the
restore (its settings_dict is what the backend connects with), then points it back and drops the
scratch database.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import psycopg
import pytest
from django.core.files.storage import default_storage
from django.db import connection

from motcua.backups.services import restore_backup
from motcua.dossiers.anchors.models import Checkpoint
from motcua.dossiers.anchors.services import make_checkpoint
from motcua.dossiers.events import verify_chain
from motcua.dossiers.models import Dossier, DossierEvent

from .support import make_dossiers, run, snapshot

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _server() -> psycopg.Connection:
    s = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        host=s["HOST"] or None,
        port=s["PORT"] or None,
        user=s["USER"] or None,
        password=s["PASSWORD"] or None,
        autocommit=True,
    )


@contextlib.contextmanager
def scratch_database() -> Iterator[str]:
    """An empty database beside the test database; the default connection points at it meanwhile."""
    original = connection.settings_dict["NAME"]
    name = f"{original}_restore"
    with _server() as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield name
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original
        with _server() as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_pg_dump_then_pg_restore_into_a_scratch_database(world, key_folder, tmp_path):
    dossiers = make_dossiers(world)
    before = snapshot(key_folder)
    made = run("backup", "--output", str(tmp_path / "out"))
    assert made.code == 0, made.err
    archive = next((tmp_path / "out").glob("motcua-backup-*.tar.gz"))
    for name in before.files:
        default_storage.delete(name)

    with scratch_database():
        result = restore_backup(archive, allow_unsigned=True)
        after = snapshot(key_folder)
        chains = [verify_chain(d).ok for d in Dossier.objects.filter(pk__in=[d.pk for d in dossiers])]

    assert result.manifest.engine == "postgresql"
    assert result.ok
    assert result.chains_checked == 3
    assert after.counts == before.counts
    assert after.usernames == before.usernames
    assert after.files == before.files
    assert chains == [True, True, True]


def test_replace_on_postgres_takes_a_safety_backup_first(world, key_folder, tmp_path):
    make_dossiers(world, count=1)
    assert run("backup", "--output", str(tmp_path / "out")).code == 0
    archive = next((tmp_path / "out").glob("motcua-backup-*.tar.gz"))

    with scratch_database():
        assert restore_backup(archive, allow_unsigned=True).ok
        refused = run("restore", str(archive), "--allow-unsigned")
        replaced = restore_backup(archive, replace=True, safety_dir=tmp_path / "safety", allow_unsigned=True)

    assert refused.code == 2
    assert replaced.ok
    assert replaced.safety_backup is not None
    assert replaced.safety_backup.path.parent == tmp_path / "safety"
    assert replaced.safety_backup.counts == replaced.counts


def test_an_edited_event_is_named_after_a_restore_on_postgres(world, key_folder, tmp_path):
    dossiers = make_dossiers(world, count=2)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {DossierEvent._meta.db_table} SET payload = %s WHERE dossier_id = %s AND seq = 1",
            ['{"edited": true}', dossiers[1].pk],
        )
    assert run("backup", "--output", str(tmp_path / "out")).code == 0
    archive = next((tmp_path / "out").glob("motcua-backup-*.tar.gz"))

    with scratch_database():
        result = restore_backup(archive, allow_unsigned=True)

    assert not result.ok
    assert [(b.code, b.broken_at) for b in result.broken] == [(dossiers[1].code, 1)]


def test_a_signed_archive_with_checkpoints_restores_onto_a_new_server(
    world, key_folder, seal, tmp_path, settings
):
    """A new machine: its database is empty, so the seal's root comes from MOTCUA_SIGNATURE_TRUST_DIR."""
    make_dossiers(world, count=2)
    make_checkpoint()
    assert run("backup", "--output", str(tmp_path / "out")).code == 0
    archive = next((tmp_path / "out").glob("motcua-backup-*.tar.gz"))
    trust = tmp_path / "trust"
    trust.mkdir()
    (trust / "root.pem").write_bytes(seal.pki.cert_pem("root"))
    settings.MOTCUA_SIGNATURE_TRUST_DIR = str(trust)

    with scratch_database():
        result = restore_backup(archive)
        rows = list(Checkpoint.objects.values_list("seq", flat=True))

    assert result.ok
    assert result.seal.ok
    assert result.anchors is not None
    assert result.anchors.heads.leaves_checked == 2
    assert rows == [1]
