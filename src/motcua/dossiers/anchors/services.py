"""Making checkpoints: the regular one (daily and on demand) and the one a restore leaves.

A regular checkpoint is incremental. It holds a leaf for each dossier whose chain head changed
since the checkpoints before it, found through the event ids: every event with an id above a
*watermark* (the highest event id committed when an earlier checkpoint read the heads). Ids are
given out when a row is inserted, but a transaction may commit a little later than a checkpoint
that read past it, so the scan starts from the watermark of a checkpoint made at least
MOTCUA_ANCHOR_OVERLAP_MINUTES before the previous one, and compares each head with the leaves of
the checkpoints since: a head already recorded at the same version is left out, a head whose
version went back, or whose hash changed without a new event, is left out and reported.

Writing order: the file first (it is the record), then the row that lists it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Max

from motcua.core.time import now
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.signatures.detached import DetachedCheck, records_seal, sign_detached, verify_detached
from motcua.signatures.services import SYSTEM, require_administrator

from . import conf
from .errors import AnchorError, NoSeal
from .merkle import Leaf, RootBuilder
from .models import Checkpoint
from .record import (
    REGULAR,
    RESTORE,
    CheckpointFile,
    CheckpointUnreadable,
    Header,
    encode_leaf,
    iter_leaves,
    write_checkpoint,
)
from .verification import read_folder

CHUNK = 2000


@dataclass(frozen=True)
class HeadAlarm:
    """A head that cannot follow what was recorded: left out of the checkpoint, to be looked into."""

    dossier_id: int
    version: int
    recorded_version: int
    reason: str


@dataclass(frozen=True)
class CheckpointMade:
    row: Checkpoint
    path: Path
    signature: DetachedCheck
    alarms: list[HeadAlarm] = field(default_factory=list)


# --- reading what is there ------------------------------------------------------------------------


def _moment(header: Header) -> datetime:
    return datetime.fromisoformat(header.made_at)


def _existing(directory: Path) -> list[CheckpointFile]:
    report = read_folder(directory)
    if report.problems:
        first = report.problems[0]
        raise AnchorError(
            f"Tệp điểm neo {first.name} không đọc được ({first.reason}): chạy motcua anchor --verify và "
            "xử lý trước khi tạo điểm neo mới."
        )
    for index, checkpoint in enumerate(report.files, start=1):
        if checkpoint.header.seq != index:
            raise AnchorError(f"Thư mục điểm neo thiếu điểm neo số {index}: chạy motcua anchor --verify.")
    return report.files


def scan_base(files: list[CheckpointFile]) -> int:
    """Index in `files` of the checkpoint whose watermark the next scan starts from; -1: from the start.

    The latest checkpoint made at least the overlap before the last one, or the latest restore
    checkpoint if it is newer (a restore is made with the service stopped: nothing commits late, and
    the event ids of the restored database may be lower than those of the history it replaced).
    """
    if not files:
        return -1
    limit = _moment(files[-1].header) - conf.overlap()
    for index in range(len(files) - 1, -1, -1):
        header = files[index].header
        if header.kind == RESTORE or _moment(header) <= limit:
            return index
    return -1


class RecordedHeads:
    """The latest leaf of each dossier among some checkpoints, looked up in increasing dossier id order.

    Streams the files side by side (each is sorted by dossier id), so memory does not grow with them.
    """

    def __init__(self, files: list[CheckpointFile]) -> None:
        self._streams = [iter_leaves(f.path) for f in files]  # oldest first
        self._heads: list[Leaf | None] = [next(s, None) for s in self._streams]

    def latest(self, dossier_id: int) -> Leaf | None:
        found = None
        for index, stream in enumerate(self._streams):
            head = self._heads[index]
            while head is not None and head.dossier_id < dossier_id:
                head = next(stream, None)
            self._heads[index] = head
            if head is not None and head.dossier_id == dossier_id:
                found = head  # a later file overrides an earlier one
        return found


def _changed_heads(scanned_after: int, using: str) -> Iterator[tuple[int, int, str]]:
    """(pk, version, head) of the dossiers with an event id above `scanned_after`, by increasing pk."""
    dossiers = Dossier.objects.using(using).order_by("pk")
    if scanned_after == 0:
        # The first checkpoint: every dossier, read in pk order (keyset pages, no id list in memory).
        last = 0
        while True:
            page = list(
                dossiers.filter(pk__gt=last, version__gt=0).values_list("pk", "version", "last_event_hash")[
                    :CHUNK
                ]
            )
            if not page:
                return
            yield from page
            last = page[-1][0]
    ids = (
        DossierEvent.objects.using(using)
        .filter(pk__gt=scanned_after)
        .values_list("dossier_id", flat=True)
        .distinct()
        .order_by("dossier_id")
        .iterator(chunk_size=CHUNK)
    )
    batch: list[int] = []
    for dossier_id in ids:
        batch.append(dossier_id)
        if len(batch) == CHUNK:
            yield from dossiers.filter(pk__in=batch).values_list("pk", "version", "last_event_hash")
            batch = []
    if batch:
        yield from dossiers.filter(pk__in=batch).values_list("pk", "version", "last_event_hash")


def event_watermark(using: str = DEFAULT_DB_ALIAS) -> int:
    return int(DossierEvent.objects.using(using).aggregate(top=Max("pk"))["top"] or 0)


# --- writing ------------------------------------------------------------------------------------


def _seal() -> Any:
    seal = records_seal(conf.agency_code())
    if seal is None:
        raise NoSeal()
    return seal


def _write(
    directory: Path,
    *,
    files: list[CheckpointFile],
    kind: str,
    leaves: Iterable[Leaf],
    watermark: int,
    scanned_after: int,
    note: str,
    at: datetime | None,
) -> tuple[Checkpoint, Path, DetachedCheck]:
    seal = _seal()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    builder = RootBuilder()
    with tempfile.NamedTemporaryFile(prefix="motcua-anchor-", suffix=".leaves") as scratch:
        for leaf in leaves:
            scratch.write(encode_leaf(leaf))
            builder.add(leaf)
        scratch.flush()
        previous = files[-1] if files else None
        header = Header(
            seq=previous.header.seq + 1 if previous else 1,
            kind=kind,
            made_at=(at or now()).astimezone(UTC).isoformat(timespec="microseconds"),
            previous=previous.digest if previous else "",
            root=builder.root().hex(),
            leaves=builder.count,
            watermark=watermark,
            scanned_after=scanned_after,
            agency=seal.agency.code if seal.agency else "",
            note=note[:500],
        )
        signature = sign_detached(header.canonical(), certificate=seal)
        signed = verify_detached(header.canonical(), signature)
        if not signed.ok:
            raise AnchorError(
                f"Chữ ký của điểm neo không kiểm tra được ({signed.problem}): thêm chứng thư gốc của con "
                "dấu vào kho chứng thư tin cậy."
            )
        try:
            path = write_checkpoint(directory, header, signature, Path(scratch.name))
        except FileExistsError as exc:
            raise AnchorError(
                f"Điểm neo số {header.seq} vừa được tạo bởi một lần chạy khác: chạy lại sau."
            ) from exc
    row = record_row(header, path, signed)
    return row, path, signed


def record_row(header: Header, path: Path, signed: DetachedCheck | None = None) -> Checkpoint:
    """The database row listing a checkpoint file (created, or brought up to date)."""
    facts: dict[str, Any] = {
        "kind": header.kind,
        "made_at": datetime.fromisoformat(header.made_at),
        "leaves": header.leaves,
        "root": header.root,
        "digest": header.digest,
        "previous": header.previous,
        "watermark": header.watermark,
        "agency": header.agency[:20],
        "file_name": path.name,
        "note": header.note[:500],
    }
    if signed is not None:
        facts |= {"signer": signed.signer[:255], "timestamped_at": signed.timestamp}
    with transaction.atomic():
        row, _created = Checkpoint.objects.update_or_create(seq=header.seq, defaults=facts)
    return row


def make_checkpoint(
    *, actor: Any = SYSTEM, directory: Path | None = None, at: datetime | None = None
) -> CheckpointMade:
    """A checkpoint of every chain head that changed since the previous checkpoints, signed and stored."""
    require_administrator(actor)
    directory = directory or conf.anchor_dir()
    files = _existing(directory)
    base = scan_base(files)
    scanned_after = files[base].header.watermark if base >= 0 else 0
    recorded = RecordedHeads(files[max(base, 0) :])
    watermark = event_watermark()  # before the scan: whatever commits during it is scanned again next time
    alarms: list[HeadAlarm] = []

    def leaves() -> Iterator[Leaf]:
        for pk, version, head in _changed_heads(scanned_after, DEFAULT_DB_ALIAS):
            before = recorded.latest(pk)
            if before is not None and before.version == version and before.head == head:
                continue  # already recorded (the overlap)
            if before is not None and before.version >= version:
                reason = (
                    "đầu chuỗi đổi mà không có sự kiện mới"
                    if before.version == version
                    else "phiên bản lùi lại so với điểm neo"
                )
                alarms.append(HeadAlarm(pk, version, before.version, reason))
                continue
            yield Leaf(pk, version, head)

    try:
        row, path, signed = _write(
            directory,
            files=files,
            kind=REGULAR,
            leaves=leaves(),
            watermark=watermark,
            scanned_after=scanned_after,
            note="",
            at=at,
        )
    except CheckpointUnreadable as exc:
        raise AnchorError(f"Một tệp điểm neo không đọc được ({exc}): chạy motcua anchor --verify.") from exc
    return CheckpointMade(row=row, path=path, signature=signed, alarms=alarms)


def make_restore_checkpoint(
    *, actor: Any = SYSTEM, behind: Iterable[int], note: str, directory: Path | None = None
) -> CheckpointMade:
    """After restoring an older backup: record the heads the restored data holds for the dossiers
    that are behind the checkpoints (version 0 for a dossier the backup does not have).

    Run with the service stopped, right after the restore, so the watermark is exact.
    """
    require_administrator(actor)
    directory = directory or conf.anchor_dir()
    files = _existing(directory)
    wanted = sorted(set(behind))
    stored: dict[int, tuple[int, str]] = {}
    for start in range(0, len(wanted), CHUNK):
        for pk, version, head in Dossier.objects.filter(pk__in=wanted[start : start + CHUNK]).values_list(
            "pk", "version", "last_event_hash"
        ):
            stored[pk] = (version, head)
    leaves = [
        Leaf(pk, *stored[pk]) if pk in stored and stored[pk][0] > 0 else Leaf(pk, 0, "0" * 64)
        for pk in wanted
    ]
    watermark = event_watermark()
    row, path, signed = _write(
        directory,
        files=files,
        kind=RESTORE,
        leaves=leaves,
        watermark=watermark,
        scanned_after=watermark,
        note=note,
        at=None,
    )
    return CheckpointMade(row=row, path=path, signature=signed)


def sync_rows(
    *,
    actor: Any = SYSTEM,
    directory: Path | None = None,
    signatures: dict[int, DetachedCheck] | None = None,
) -> int:
    """List every readable checkpoint file of the folder in the database (after a restore).

    `signatures`: the checks already made of the files, by number, for the signer and timestamp columns.
    """
    require_administrator(actor)
    directory = directory or conf.anchor_dir()
    report = read_folder(directory)
    for checkpoint in report.files:
        record_row(checkpoint.header, checkpoint.path, (signatures or {}).get(checkpoint.header.seq))
    return len(report.files)
