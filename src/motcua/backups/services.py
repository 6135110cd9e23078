"""Backing up and restoring the whole installation: database, stored files, signature key files and
the checkpoints of the event chains.

The services always work on Django's default database and default storage, as the web processes
and the task worker do. A restore checks everything before it changes anything: the archive (its
manifest's seal signature, every member's checksum), then a scratch copy of its database (migrated,
counted, every dossier's event chain verified, and the chains compared with the checkpoints of the
archive and of this machine's anchor folder). Only if all of that passes is the live data replaced.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader

from motcua.core.errors import DomainError
from motcua.core.time import iso_local, local, now
from motcua.dossiers.anchors import conf as anchor_conf
from motcua.dossiers.anchors.record import checkpoint_paths
from motcua.dossiers.anchors.services import make_restore_checkpoint, sync_rows
from motcua.dossiers.anchors.verification import (
    FilesReport,
    HeadsReport,
    check_files,
    check_heads_against,
    merge_folders,
    read_folder,
    row_problems,
)
from motcua.dossiers.events import BrokenChain, verify_all_chains
from motcua.signatures import conf as signature_conf

from . import databases
from .archive import (
    ANCHORS,
    FORMAT_VERSION,
    KEYS,
    MEDIA,
    ArchiveWriter,
    Manifest,
    members_under,
    open_checked,
)
from .databases import DATABASE_MEMBER, ENGINES, current_counts
from .errors import BackupError, RestoreFailed, RestoreRefused
from .sealing import ManifestSealChecker, ManifestSignature, SealCheck, sign_manifest

CHAIN_CHUNK = 2000
PROGRESS_EVERY = 10_000

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    engine: str
    counts: dict[str, int]
    files: int
    keys: int
    anchors: int = 0
    signature: ManifestSignature | None = None

    @property
    def signed(self) -> bool:
        return self.signature is not None and self.signature.signature is not None


@dataclass
class AnchorCheck:
    """The restored chains against the checkpoints (the archive's and this machine's)."""

    files: FilesReport
    heads: HeadsReport
    restored_files: int = 0  # checkpoint files of the archive copied into the anchor folder
    restore_checkpoint: int | None = None  # number of the checkpoint recording the restore
    restore_checkpoint_problem: str = ""

    @property
    def ok(self) -> bool:
        return self.files.ok and self.heads.ok


@dataclass
class RestoreResult:
    archive: Path
    manifest: Manifest
    seal: SealCheck
    restored: bool  # False: a check failed and nothing was changed
    safety_backup: BackupResult | None
    counts: dict[str, int]
    files: int
    keys: int
    migrations_applied: int
    chains_checked: int | None  # None: --skip-chain-check
    broken: list[BrokenChain] = field(default_factory=list)
    anchors: AnchorCheck | None = None

    @property
    def counts_match(self) -> bool:
        return self.counts == self.manifest.counts

    @property
    def checks_passed(self) -> bool:
        return self.counts_match and not self.broken and (self.anchors is None or self.anchors.ok)

    @property
    def ok(self) -> bool:
        return self.restored and self.checks_passed


# --- backup -------------------------------------------------------------------------------------


def default_output_dir() -> Path:
    return Path(settings.DATA_DIR) / "backups"


def create_backup(
    *,
    output_dir: Path | None = None,
    storage: Storage | None = None,
    key_folder: Path | None = None,
    anchor_dir: Path | None = None,
    at: datetime | None = None,
) -> BackupResult:
    """Write one archive of the checkpoints, the database, the default storage's files and the key
    folder's files, with a manifest signed by the installation's seal when it has one."""
    connection = connections[DEFAULT_DB_ALIAS]
    engine = databases.engine_of(connection)
    storage = storage or default_storage
    key_folder = key_folder or signature_conf.key_dir()
    anchor_dir = anchor_dir or _anchor_dir(BackupError)
    output_dir = Path(output_dir or default_output_dir())
    output_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    moment = at or now()
    writer = ArchiveWriter(_free_name(output_dir, moment), mtime=moment.timestamp())
    try:
        # Checkpoints before the database: each one archived then describes heads the dump holds.
        anchors = 0
        for _seq, path in checkpoint_paths(anchor_dir):
            writer.add_path(ANCHORS + path.name, path)
            anchors += 1
        snapshot_at = now().astimezone(UTC).isoformat(timespec="microseconds")
        with tempfile.TemporaryDirectory(dir=output_dir, prefix=".motcua-backup-") as scratch:
            dump = Path(scratch) / "database"
            if engine == "sqlite":
                counts, migrations = databases.dump_sqlite(connection, dump)
            else:
                counts, migrations = databases.dump_postgres(connection, dump)
            writer.add_path(DATABASE_MEMBER[engine], dump)
        files = 0
        for name in storage_files(storage):
            with storage.open(name, "rb") as stream:
                writer.add_stream(MEDIA + name, stream, storage.size(name))
            files += 1
        keys = 0
        for relative, path in key_files(key_folder):
            writer.add_path(KEYS + relative, path)
            keys += 1
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            created_at=iso_local(moment) or "",
            motcua_version=_motcua_version(),
            engine=engine,
            migrations=migrations,
            counts=counts,
            members=dict(writer.members),
            snapshot_at=snapshot_at,
        )
        manifest, raw, signature = sign_manifest(manifest)
        path = writer.finish(raw, signature.signature)
    except BaseException:
        writer.abort()
        raise
    return BackupResult(
        path=path,
        size=path.stat().st_size,
        engine=engine,
        counts=counts,
        files=files,
        keys=keys,
        anchors=anchors,
        signature=signature,
    )


def _anchor_dir(error: type[DomainError]) -> Path:
    try:
        return anchor_conf.anchor_dir()
    except ImproperlyConfigured as exc:
        raise error(str(exc)) from exc


def storage_files(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name of a storage, through its API (local disk, memory, object storage alike)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return  # a storage nothing was ever written to
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for name in sorted(folders):
        yield from storage_files(storage, posixpath.join(folder, name) if folder else name)


def key_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """(relative POSIX name, path) of each regular file in the key folder; links are left out."""
    if not folder.is_dir():
        return
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(folder).as_posix(), path


def _free_name(folder: Path, moment: datetime) -> Path:
    stem = f"motcua-backup-{local(moment):%Y%m%d-%H%M%S}"
    candidate = folder / f"{stem}.tar.gz"
    number = 2
    while candidate.exists():  # two backups in the same second (a restore's safety backup, tests)
        candidate = folder / f"{stem}-{number}.tar.gz"
        number += 1
    return candidate


def _motcua_version() -> str | None:
    try:
        return metadata.version("motcua")
    except metadata.PackageNotFoundError:
        return None


# --- restore ------------------------------------------------------------------------------------


def restore_backup(
    archive: Path,
    *,
    replace: bool = False,
    safety_backup: bool = True,
    check_chains: bool = True,
    allow_unsigned: bool = False,
    storage: Storage | None = None,
    key_folder: Path | None = None,
    anchor_dir: Path | None = None,
    safety_dir: Path | None = None,
    scratch_dir: Path | None = None,
    progress: Progress | None = None,
) -> RestoreResult:
    """Check the archive and a scratch copy of its database whole; only then replace the live data.

    RestoreRefused (nothing changed): a damaged or unsafe archive, a manifest signature missing or
    untrusted (unless `allow_unsigned`) or not matching, another database engine, a backup from a
    newer motcua, or a database that already holds dossiers or users without `replace`.
    A result with `restored` False (nothing changed): counts, a chain, or the chains against the
    checkpoints failed on the scratch copy. With `replace`, a safety backup of what is replaced is
    written just before replacing it.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    engine = databases.engine_of(connection)
    storage = storage or default_storage
    key_folder = key_folder or signature_conf.key_dir()
    anchor_dir = anchor_dir or _anchor_dir(RestoreRefused)
    scratch_parent = Path(scratch_dir or settings.DATA_DIR)
    scratch_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=scratch_parent, prefix=".motcua-restore-") as scratch:
        work = Path(scratch)
        seal = ManifestSealChecker(allow_unsigned=allow_unsigned)
        manifest = open_checked(Path(archive), work, check_seal=seal)
        _check_fits(manifest, engine)
        present = current_counts()
        if (present["dossiers"] or present["users"]) and not replace:
            raise RestoreRefused(
                f"Cơ sở dữ liệu đích đang có {present['dossiers']} hồ sơ và {present['users']} người dùng: "
                "từ chối ghi đè. Dùng --replace nếu thật sự muốn thay thế (một bản sao lưu an toàn "
                "sẽ được tạo trước)."
            )
        dump = work / DATABASE_MEMBER[engine]
        with databases.scratch_database(engine, dump) as alias:
            try:
                migrations_applied = databases.migrate(alias)
            except Exception as exc:
                raise RestoreRefused(f"Không chạy được migrate trên bản sao để kiểm tra: {exc}") from exc
            counts = current_counts(alias)
            checked, broken = check_all_chains(using=alias, progress=progress) if check_chains else (None, [])
            anchors = _check_anchors(work, anchor_dir, manifest, alias)
        result = RestoreResult(
            archive=Path(archive),
            manifest=manifest,
            seal=seal.result,
            restored=False,
            safety_backup=None,
            counts=counts,
            files=0,
            keys=0,
            migrations_applied=migrations_applied,
            chains_checked=checked,
            broken=broken,
            anchors=anchors,
        )
        if not result.checks_passed:
            return result  # nothing was changed
        result.safety_backup = (
            create_backup(output_dir=safety_dir, storage=storage) if replace and safety_backup else None
        )
        try:
            if engine == "sqlite":
                databases.load_sqlite(connection, dump)  # the checked, migrated copy
            else:
                databases.load_postgres(connection, dump)
            result.files = _restore_files(storage, work, manifest)
            result.keys = _restore_keys(key_folder, work, manifest)
            databases.migrate()
            anchors.restored_files = _restore_anchor_files(anchor_dir, work, manifest)
        except Exception as exc:
            hint = f" Bản sao lưu an toàn: {result.safety_backup.path}." if result.safety_backup else ""
            raise RestoreFailed(f"Phục hồi thất bại giữa chừng: {exc}.{hint}") from exc
    result.restored = True
    _record_checkpoints(anchors, anchor_dir, archive, manifest)
    return result


def _check_fits(manifest: Manifest, engine: str) -> None:
    if manifest.engine != engine:
        theirs = ENGINES.get(manifest.engine, manifest.engine)
        raise RestoreRefused(
            f"Bản sao lưu lấy từ cơ sở dữ liệu {theirs}, không phục hồi được vào {ENGINES[engine]}: "
            "hãy phục hồi vào cùng loại cơ sở dữ liệu."
        )
    if DATABASE_MEMBER[engine] not in manifest.members:
        raise RestoreRefused(f"Bản sao lưu thiếu tệp cơ sở dữ liệu {DATABASE_MEMBER[engine]!r}.")
    loader = MigrationLoader(None, ignore_no_migrations=True)
    unknown = sorted(
        f"{app}.{name}"
        for app, name in manifest.migrations.items()
        if app in loader.migrated_apps and (app, name) not in loader.disk_migrations
    )
    if unknown:
        raise RestoreRefused(
            "Bản sao lưu được tạo bởi phiên bản motcua mới hơn (có migration chưa biết: "
            f"{', '.join(unknown[:5])}): hãy cập nhật motcua trước khi phục hồi."
        )


def _check_anchors(work: Path, anchor_dir: Path, manifest: Manifest, alias: str) -> AnchorCheck:
    """The scratch copy against every checkpoint: the archive's, and this machine's if it has any.

    Checkpoints made before the backup must be matched in full; those made after it may name
    versions the backup does not have yet (the dossiers are then *behind*), never other hashes.
    """
    from motcua.dossiers.anchors.models import Checkpoint

    files = merge_folders(read_folder(work / ANCHORS), read_folder(anchor_dir))
    check_files(files)
    files.problems += row_problems(files.files, Checkpoint.objects.using(alias).values_list("seq", "digest"))
    # Checkpoints made after the snapshot may name versions it does not have. Format 1 archives say
    # only when the backup started, to the second: nothing made after that second is held strictly.
    moment = manifest.snapshot_at or manifest.created_at
    backup_time = datetime.fromisoformat(moment) if moment else None
    heads = check_heads_against(files.files, using=alias, lenient_after=backup_time)
    return AnchorCheck(files=files, heads=heads)


def _restore_anchor_files(folder: Path, work: Path, manifest: Manifest) -> int:
    """Put back the archived checkpoint files this machine's folder lacks; never overwrite one."""
    count = 0
    for member in members_under(manifest, ANCHORS):
        target = folder / member[len(ANCHORS) :]
        if target.exists():
            continue  # the same checkpoint (the check compared them), or a newer copy of the folder
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
        with os.fdopen(fd, "wb") as out, (work / member).open("rb") as stream:
            shutil.copyfileobj(stream, out)
        count += 1
    return count


def _record_checkpoints(anchors: AnchorCheck, folder: Path, archive: Path, manifest: Manifest) -> None:
    """After the live data is replaced: list the checkpoint files in the restored database, and
    record which dossiers the restore took back to an older version (a restore checkpoint)."""
    try:
        sync_rows(directory=folder, signatures=anchors.files.signatures)
        if anchors.heads.behind:
            made = make_restore_checkpoint(
                behind=anchors.heads.behind,
                note=f"Phục hồi {Path(archive).name} (sao lưu lúc {manifest.created_at})",
                directory=folder,
            )
            anchors.restore_checkpoint = made.row.seq
    except DomainError as exc:
        anchors.restore_checkpoint_problem = exc.message


def _restore_files(storage: Storage, work: Path, manifest: Manifest) -> int:
    count = 0
    for member in members_under(manifest, MEDIA):
        name = member[len(MEDIA) :]
        if storage.exists(name):
            storage.delete(name)  # otherwise the storage would pick another name
        with (work / member).open("rb") as stream:
            stored = storage.save(name, File(stream, name=name))
        if stored != name:
            raise RestoreFailed(f"Tệp {name!r} được lưu dưới tên khác: {stored!r}.")
        count += 1
    return count


def _restore_keys(folder: Path, work: Path, manifest: Manifest) -> int:
    count = 0
    for member in members_under(manifest, KEYS):
        target = folder / member[len(KEYS) :]
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = target.with_name(f".{target.name}.restoring")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out, (work / member).open("rb") as stream:
            shutil.copyfileobj(stream, out)
        os.chmod(partial, 0o600)
        os.replace(partial, target)
        count += 1
    if count:
        os.chmod(folder, 0o700)
    return count


def check_all_chains(
    *, using: str = DEFAULT_DB_ALIAS, progress: Progress | None = None
) -> tuple[int, list[BrokenChain]]:
    """Verify every dossier's event chain, in chunks; progress(checked, total) every 10,000."""
    return verify_all_chains(using=using, chunk=CHAIN_CHUNK, progress=progress, progress_every=PROGRESS_EVERY)
