"""Data, archives and a command runner shared by the backup tests."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections

from motcua.accounts.models import User
from motcua.backups.services import current_counts, key_files, storage_files
from motcua.dossiers import services
from motcua.dossiers.anchors.tests.support import rewrite_history
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, World, mandatory_document_id, pdf, vn

KEY_BYTES = b"0\x82\x01\x00 not a real PKCS#12, only bytes to carry"


def make_dossiers(world: World, count: int = 3) -> list[Dossier]:
    """Dossiers received at the counter with an attachment each; the first one moved on once."""
    dossiers = []
    for number in range(count):
        dossier = services.register_at_counter(
            officer=world.intake,
            procedure_code=world.code,
            papers=services.originals_on_paper(world.code),
            applicant=APPLICANT,
            form_data=FORM_DATA,
            documents=[
                (
                    mandatory_document_id(world),
                    pdf(f"to-khai-{number}.pdf", b"%PDF-1.4 so " + bytes([number])),
                )
            ],
            at=vn(2025, 3, 3, 9, number),
        )
        dossiers.append(dossier)
    services.transfer_dossier(
        dossier_id=dossiers[0].pk, actor=world.intake, to_unit_id=world.unit_a.pk, at=vn(2025, 3, 3, 10, 0)
    )
    default_storage.save("ket-qua/giay-phep.pdf", ContentFile(b"%PDF-1.7 signed result"))
    return dossiers


def put_key(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "so-tu-phap.p12"
    path.write_bytes(KEY_BYTES)
    return path


@dataclass(frozen=True)
class Snapshot:
    counts: dict[str, int]
    usernames: list[str]
    files: dict[str, bytes]
    keys: dict[str, bytes]


def snapshot(key_folder: Path) -> Snapshot:
    """What an administrator would compare: rows, stored files byte for byte, key files."""
    files = {}
    for name in storage_files(default_storage):
        with default_storage.open(name, "rb") as stream:
            files[name] = stream.read()
    return Snapshot(
        counts=current_counts(),
        usernames=sorted(User.objects.values_list("username", flat=True)),
        files=files,
        keys={name: path.read_bytes() for name, path in key_files(key_folder)},
    )


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run(command: str, *args: str) -> Run:
    """The command as an administrator runs it: its exit code and what it printed."""
    out, err = StringIO(), StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err)
    except CommandError as exc:
        err.write(str(exc))
        return Run(exc.returncode, out.getvalue(), err.getvalue())
    return Run(0, out.getvalue(), err.getvalue())


def repack(
    source: Path,
    target: Path,
    *,
    change: Callable[[str, bytes], bytes | None] = lambda name, data: data,
    extra: list[tarfile.TarInfo] | None = None,
) -> Path:
    """A copy of an archive with members changed (None drops one) and raw members added."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read()  # type: ignore[union-attr]
            changed = change(member.name, data)
            if changed is None:
                continue
            info = tarfile.TarInfo(member.name)
            info.size = len(changed)
            new.addfile(info, io.BytesIO(changed))
        for info in extra or []:
            new.addfile(info, io.BytesIO(b"x" * info.size) if info.isreg() else None)
    return target


def edit_manifest(edit: Callable[[dict], None]) -> Callable[[str, bytes], bytes | None]:
    def change(name: str, data: bytes) -> bytes | None:
        if name != "manifest.json":
            return data
        body = json.loads(data)
        edit(body)
        return json.dumps(body).encode()

    return change


FORGE_ALIAS = "forge"


@contextlib.contextmanager
def second_connection(name: str) -> Iterator[str]:
    """A Django connection (`FORGE_ALIAS`) to another database of the same engine."""
    connections.settings[FORGE_ALIAS] = {**connection.settings_dict, "NAME": name}
    try:
        yield FORGE_ALIAS
    finally:
        connections[FORGE_ALIAS].close()
        del connections[FORGE_ALIAS]
        connections.settings.pop(FORGE_ALIAS)


def forge(archive: Path, target: Path, *, dossier_id: int, work: Path, drop_signature: bool) -> Path:
    """The inspector's archive: event 1 of a dossier edited and its chain re-hashed up to the head (and
    the dossier's head) in the archived database, the manifest's checksum rewritten to match.

    With `drop_signature`, the manifest's signature member goes too and the manifest says it is
    unsigned, as an attacker without the seal's key would leave it.
    """
    return edit_archived_database(
        archive,
        target,
        edit=lambda alias: rewrite_history(dossier_id, 1, using=alias),
        work=work,
        drop_signature=drop_signature,
    )


def edit_archived_database(
    archive: Path, target: Path, *, edit: Callable[[str], None], work: Path, drop_signature: bool = True
) -> Path:
    """A copy of the archive whose database was changed by `edit(alias)`, with a matching manifest."""
    with tarfile.open(archive, "r:gz") as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]
    name = next(n for n in members if n.startswith("database/"))
    dump = work / "forged-database"
    dump.write_bytes(members[name])
    if connection.vendor == "sqlite":
        with second_connection(str(dump)) as alias:
            edit(alias)
    else:
        _edit_postgres(dump, edit)
    members[name] = dump.read_bytes()
    manifest = json.loads(members["manifest.json"])
    data = members[name]
    manifest["members"][name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    if drop_signature:
        members.pop("manifest.json.p7s", None)
        manifest["seal"] = {"unsigned": "Máy chủ chưa có con dấu số."}
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    with tarfile.open(target, "w:gz") as tar:
        for member, content in members.items():
            info = tarfile.TarInfo(member)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return target


def _edit_postgres(dump: Path, edit: Callable[[str], None]) -> None:
    """pg_restore into a database of its own, rewrite there, pg_dump back over `dump`."""
    from motcua.backups.databases import pg_connection
    from motcua.backups.databases import run as run_tool

    name = f"{connection.settings_dict['NAME']}_forge"
    quoted = connection.ops.quote_name(name)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {quoted}")
    try:
        args, env = pg_connection({**connection.settings_dict, "NAME": name})
        run_tool(["pg_restore", "--no-owner", "--no-acl", *args, str(dump)], env=env, error=RuntimeError)
        with second_connection(name) as alias:
            edit(alias)
        dump.unlink()
        run_tool(["pg_dump", "--format=custom", f"--file={dump}", *args], env=env, error=RuntimeError)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
