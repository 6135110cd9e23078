"""Checking checkpoints, and the dossiers' chains against them.

Three kinds of check, each usable alone (a restore runs them on a scratch copy of the archive):

* the files: each checkpoint's seal signature and timestamp over its header, its Merkle root over
  its leaves, and the link to the checkpoint before it (`check_files`);
* the chains themselves (`dossiers.events.verify_all_chains`);
* the chains against the checkpoints: every leaf of every checkpoint names a version and the hash
  the event at that version had; the stored event must still have it (`check_heads_against`).

Every leaf is compared, not only the latest of each dossier: a chain rewritten and then
checkpointed again still differs from the older leaves. A restore checkpoint is the one exception:
after restoring an older backup, it records the heads the restored data holds, and leaves of
earlier checkpoints above those versions (history the restore gave up) are no longer compared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS

from motcua.dossiers.events import BrokenChain, HeadMismatch, check_heads, verify_all_chains
from motcua.signatures.detached import DetachedCheck, verify_detached

from .merkle import Leaf, RootBuilder
from .record import (
    RESTORE,
    CheckpointFile,
    CheckpointUnreadable,
    checkpoint_paths,
    iter_leaves,
    read_checkpoint,
)

CHUNK = 1000
MAX_LISTED = 1000  # faults listed one by one; beyond that, only counted

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class FileProblem:
    seq: int | None
    name: str
    reason: str


@dataclass
class FilesReport:
    """The checkpoint files of a folder (or of several, merged) and what is wrong with them."""

    files: list[CheckpointFile] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    signatures: dict[int, DetachedCheck] = field(default_factory=dict)  # by seq

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def last(self) -> CheckpointFile | None:
        return self.files[-1] if self.files else None


def read_files(paths: Iterable[Path]) -> FilesReport:
    """Headers and signatures of the given checkpoint files; unreadable ones become problems."""
    report = FilesReport()
    for path in paths:
        try:
            report.files.append(read_checkpoint(path))
        except CheckpointUnreadable as exc:
            report.problems.append(FileProblem(None, path.name, str(exc)))
    report.files.sort(key=lambda f: f.header.seq)
    return report


def read_folder(directory: Path) -> FilesReport:
    return read_files(path for _seq, path in checkpoint_paths(directory))


def link_problems(files: list[CheckpointFile]) -> list[FileProblem]:
    """Pure: numbers 1, 2, 3… without a gap, each header naming the digest of the one before."""
    problems = []
    for index, current in enumerate(files):
        header = current.header
        if header.seq != index + 1:
            missing = index + 1
            problems.append(
                FileProblem(header.seq, current.path.name, f"thiếu điểm neo số {missing} trước điểm neo này")
            )
            break  # every later link is judged against a gap: one problem says it
        if index and header.previous != files[index - 1].digest:
            problems.append(
                FileProblem(
                    header.seq,
                    current.path.name,
                    f"liên kết tới điểm neo số {header.seq - 1} không khớp (điểm neo trước đã bị thay "
                    "hoặc sửa)",
                )
            )
    return problems


def root_problem(checkpoint: CheckpointFile) -> str:
    """Recompute the Merkle root and count from the leaves; "" when both match the signed header."""
    builder = RootBuilder()
    try:
        for leaf in iter_leaves(checkpoint.path):
            builder.add(leaf)
    except CheckpointUnreadable as exc:
        return str(exc)
    except OSError as exc:
        return f"không đọc được tệp: {exc.strerror or exc}"
    if builder.count != checkpoint.header.leaves:
        return f"có {builder.count} lá nhưng phần được ký ghi {checkpoint.header.leaves}"
    if builder.root().hex() != checkpoint.header.root:
        return "gốc Merkle của các lá không khớp với phần được ký (lá đã bị sửa)"
    return ""


def check_files(report: FilesReport) -> FilesReport:
    """Signature, timestamp and root of each file, and the links: problems added to the report."""
    for checkpoint in report.files:
        signed = verify_detached(checkpoint.header_bytes, checkpoint.signature)
        report.signatures[checkpoint.header.seq] = signed
        name, seq = checkpoint.path.name, checkpoint.header.seq
        if not signed.ok:
            report.problems.append(FileProblem(seq, name, f"chữ ký số: {signed.problem}"))
        problem = root_problem(checkpoint)
        if problem:
            report.problems.append(FileProblem(seq, name, problem))
    report.problems += link_problems(report.files)
    return report


def merge_folders(*reports: FilesReport) -> FilesReport:
    """The checkpoints of several copies (the archive's, this machine's) as one chain.

    The same number in two copies must be the same checkpoint (same signed header); otherwise it
    is a problem, and the first copy's file is kept.
    """
    merged = FilesReport()
    by_seq: dict[int, CheckpointFile] = {}
    for report in reports:
        merged.problems += report.problems
        for checkpoint in report.files:
            seq = checkpoint.header.seq
            known = by_seq.get(seq)
            if known is None:
                by_seq[seq] = checkpoint
            elif known.digest != checkpoint.digest:
                merged.problems.append(
                    FileProblem(
                        seq,
                        checkpoint.path.name,
                        f"hai điểm neo số {seq} khác nhau ({known.path} và {checkpoint.path})",
                    )
                )
    merged.files = [by_seq[seq] for seq in sorted(by_seq)]
    return merged


def row_problems(files: list[CheckpointFile], rows: Iterable[tuple[int, str]]) -> list[FileProblem]:
    """Pure: each checkpoint the database lists, (seq, digest), must have its file, unchanged.

    The rows prove nothing by themselves, but a last checkpoint whose file was deleted with no
    checkpoint after it would otherwise leave no trace in the folder.
    """
    by_seq = {f.header.seq: f for f in files}
    problems = []
    for seq, digest in rows:
        found = by_seq.get(seq)
        if found is None:
            problems.append(FileProblem(seq, "", f"điểm neo số {seq} có trong danh sách nhưng không còn tệp"))
        elif found.digest != digest:
            problems.append(
                FileProblem(
                    seq, found.path.name, f"tệp điểm neo số {seq} khác với điểm neo đã ghi trong danh sách"
                )
            )
    return problems


# --- the chains against the checkpoints ------------------------------------------------------------


@dataclass(frozen=True)
class AnchoredMismatch:
    dossier_id: int
    version: int
    checkpoint: int
    reason: str


@dataclass
class HeadsReport:
    leaves_checked: int = 0
    mismatches: list[AnchoredMismatch] = field(default_factory=list)
    mismatch_count: int = 0
    # Dossiers whose stored history ends before a version checkpointed after `lenient_after`:
    # {dossier id: highest such version}. Only a restore of an older backup is allowed this.
    behind: dict[int, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.mismatch_count == 0


def _superseded_by_restores(files: list[CheckpointFile]) -> dict[int, list[tuple[int, int]]]:
    """{dossier id: [(restore checkpoint seq, version it restored to)]} from the restore checkpoints."""
    found: dict[int, list[tuple[int, int]]] = {}
    for checkpoint in files:
        if checkpoint.header.kind == RESTORE:
            for leaf in iter_leaves(checkpoint.path):
                found.setdefault(leaf.dossier_id, []).append((checkpoint.header.seq, leaf.version))
    return found


def _given_up(leaf: Leaf, seq: int, restores: Iterable[tuple[int, int]]) -> bool:
    """Pure: a later restore checkpoint took this dossier back below the leaf's version."""
    return any(later > seq and version < leaf.version for later, version in restores)


def _chunks(leaves: Iterator[Leaf], size: int) -> Iterator[list[Leaf]]:
    while batch := list(islice(leaves, size)):
        yield batch


def check_heads_against(
    files: list[CheckpointFile],
    *,
    using: str = DEFAULT_DB_ALIAS,
    lenient_after: datetime | None = None,
    progress: Progress | None = None,
) -> HeadsReport:
    """Compare every leaf of every checkpoint with the stored events of `using`.

    A leaf whose event is stored with another hash is a mismatch: the history was changed after the
    checkpoint. A leaf whose event is not stored at all is a mismatch too, unless its checkpoint was
    made after `lenient_after` (the moment of a backup being restored): then the dossier is only
    *behind* (the backup is older than the checkpoint) and is listed in `behind`.
    """
    report = HeadsReport()
    restored = _superseded_by_restores(files)
    total = sum(f.header.leaves for f in files)
    for checkpoint in files:
        seq = checkpoint.header.seq
        lenient = lenient_after is not None and _moment(checkpoint.header.made_at) > lenient_after
        for batch in _chunks(iter_leaves(checkpoint.path), CHUNK):
            heads = [
                (leaf.dossier_id, leaf.version, leaf.head)
                for leaf in batch
                if not any(
                    later > seq and version < leaf.version
                    for later, version in restored.get(leaf.dossier_id, ())
                )
            ]
            for mismatch in check_heads(heads, using=using):
                _judge(report, mismatch, seq, lenient)
            report.leaves_checked += len(batch)
            if progress:
                progress(report.leaves_checked, total)
    return report


def _judge(report: HeadsReport, mismatch: HeadMismatch, seq: int, lenient: bool) -> None:
    if mismatch.found is None and lenient:
        previous = report.behind.get(mismatch.dossier_id, 0)
        report.behind[mismatch.dossier_id] = max(previous, mismatch.version)
        return
    report.mismatch_count += 1
    if len(report.mismatches) < MAX_LISTED:
        reason = (
            f"không còn sự kiện số {mismatch.version} đã được neo"
            if mismatch.found is None
            else f"sự kiện số {mismatch.version} khác với điểm neo (lịch sử đã bị sửa rồi băm lại)"
        )
        report.mismatches.append(AnchoredMismatch(mismatch.dossier_id, mismatch.version, seq, reason))


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value)


# --- everything, as `motcua anchor --verify` runs it ----------------------------------------------


@dataclass
class HistoryReport:
    files: FilesReport
    heads: HeadsReport
    chains_checked: int
    broken: list[BrokenChain]
    unanchored: int  # dossiers with an event after the last checkpoint's watermark

    @property
    def ok(self) -> bool:
        return self.files.ok and self.heads.ok and not self.broken


def verify_history(
    directory: Path,
    *,
    using: str = DEFAULT_DB_ALIAS,
    progress: Progress | None = None,
) -> HistoryReport:
    """Every checkpoint file, every chain, and every chain against every checkpoint."""
    from motcua.dossiers.models import DossierEvent

    from .models import Checkpoint

    files = check_files(read_folder(directory))
    files.problems += row_problems(files.files, Checkpoint.objects.using(using).values_list("seq", "digest"))
    heads = check_heads_against(files.files, using=using)
    checked, broken = verify_all_chains(using=using, progress=progress)
    last = files.last
    watermark = last.header.watermark if last else 0
    unanchored = (
        DossierEvent.objects.using(using).filter(pk__gt=watermark).values("dossier_id").distinct().count()
    )
    return HistoryReport(files, heads, checked, broken, unanchored)
