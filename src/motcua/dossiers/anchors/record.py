"""The checkpoint file: one per checkpoint, written once, readable without motcua. Pure, no database.

    checkpoint-00000042.ckpt
    line 1   the header: canonical JSON (sorted keys, no spaces, UTF-8), the bytes the seal signs
    line 2   the detached CAdES signature of line 1, base64 (DER ContentInfo, with its timestamp)
    line 3…  the leaves, one per line, "dossier_id,version,head", dossier ids strictly increasing

The header names the Merkle root of the leaves and the SHA-256 of the previous checkpoint's header
(its digest), so the signed line 1 of the last checkpoint vouches for every leaf of every
checkpoint before it: a checkpoint dropped, reordered or edited breaks a link or a root.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO

from .merkle import Leaf

FORMAT = 1
REGULAR = "regular"  # a checkpoint of the heads that changed since the previous one
RESTORE = "restore"  # written by a restore: the heads of dossiers the restored data holds older
KINDS = (REGULAR, RESTORE)
NAME = re.compile(r"^checkpoint-(\d{8})\.ckpt$")
MAX_HEADER_BYTES = 64 * 1024
MAX_SIGNATURE_LINE = 400 * 1024
MAX_LEAF_LINE = 100
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class CheckpointUnreadable(ValueError):
    """A checkpoint file that is not what this format says (damaged, truncated, edited)."""


def file_name(seq: int) -> str:
    return f"checkpoint-{seq:08d}.ckpt"


def seq_of(name: str) -> int | None:
    """The sequence number in a checkpoint file name; None for any other file."""
    match = NAME.match(name)
    return int(match.group(1)) if match else None


@dataclass(frozen=True)
class Header:
    seq: int
    kind: str
    made_at: str  # ISO 8601 UTC, microseconds: after the leaves were read
    previous: str  # digest of the previous checkpoint's header; "" for the first
    root: str  # hex Merkle root of the leaves
    leaves: int
    watermark: int  # the highest event id committed when the leaves were read
    scanned_after: int  # the leaves come from the dossiers with an event id above this
    agency: str  # code of the agency whose seal signs
    note: str = ""
    format: int = FORMAT

    def canonical(self) -> bytes:
        return json.dumps(asdict(self), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()

    @classmethod
    def parse(cls, raw: bytes) -> Header:
        """Strict: the exact canonical bytes of a valid header, nothing more, nothing less."""
        try:
            body = json.loads(raw)
            header = cls(**body) if isinstance(body, dict) else None
        except (ValueError, TypeError) as exc:
            raise CheckpointUnreadable("dòng đầu (phần được ký) không đọc được") from exc
        if header is None or header.canonical() != raw:
            raise CheckpointUnreadable("dòng đầu (phần được ký) không ở dạng chuẩn")
        problems = header.problems()
        if problems:
            raise CheckpointUnreadable(problems)
        return header

    def problems(self) -> str:
        if self.format != FORMAT:
            return f"định dạng {self.format!r} không được hỗ trợ"
        ints = (self.seq, self.leaves, self.watermark, self.scanned_after)
        if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in ints) or self.seq < 1:
            return "số thứ tự, số lá hoặc mốc sự kiện không hợp lệ"
        if self.kind not in KINDS:
            return f"loại điểm neo {self.kind!r} không hợp lệ"
        texts = (self.made_at, self.previous, self.root, self.agency, self.note)
        if not all(isinstance(v, str) for v in texts):
            return "trường văn bản không hợp lệ"
        if not _HEX64.match(self.root) or not (self.previous == "" or _HEX64.match(self.previous)):
            return "gốc Merkle hoặc liên kết tới điểm neo trước không hợp lệ"
        if (self.seq == 1) != (self.previous == ""):
            return "liên kết tới điểm neo trước không khớp với số thứ tự"
        return ""


def encode_leaf(leaf: Leaf) -> bytes:
    return f"{leaf.dossier_id},{leaf.version},{leaf.head}\n".encode()


def parse_leaf(line: bytes) -> Leaf:
    parts = line.rstrip(b"\n").split(b",")
    try:
        dossier_id, version, head = int(parts[0]), int(parts[1]), parts[2].decode()
    except (IndexError, ValueError, UnicodeDecodeError) as exc:
        raise CheckpointUnreadable("một dòng lá không đọc được") from exc
    if len(parts) != 3 or dossier_id < 1 or version < 0 or not _HEX64.match(head):
        raise CheckpointUnreadable("một dòng lá không hợp lệ")
    return Leaf(dossier_id, version, head)


@dataclass(frozen=True)
class CheckpointFile:
    """A checkpoint file as read: its header, the raw header line, its signature (DER)."""

    path: Path
    header: Header
    header_bytes: bytes
    signature: bytes

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.header_bytes).hexdigest()


def _line(stream: IO[bytes], limit: int, what: str) -> bytes:
    line = stream.readline(limit + 1)
    if not line.endswith(b"\n") or len(line) > limit:
        raise CheckpointUnreadable(f"{what} bị cắt cụt hoặc quá dài")
    return line[:-1]


def read_checkpoint(path: Path) -> CheckpointFile:
    """Header and signature of a checkpoint file (the leaves stay on disk: `iter_leaves`)."""
    try:
        with path.open("rb") as stream:
            raw = _line(stream, MAX_HEADER_BYTES, "dòng đầu")
            encoded = _line(stream, MAX_SIGNATURE_LINE, "dòng chữ ký")
    except OSError as exc:
        raise CheckpointUnreadable(f"không mở được tệp: {exc.strerror or exc}") from exc
    header = Header.parse(raw)
    try:
        signature = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise CheckpointUnreadable("dòng chữ ký không phải base64") from exc
    if seq_of(path.name) != header.seq:
        raise CheckpointUnreadable(f"tên tệp không khớp với số thứ tự {header.seq} trong tệp")
    return CheckpointFile(path=path, header=header, header_bytes=raw, signature=signature)


def iter_leaves(path: Path) -> Iterator[Leaf]:
    """The leaves of a checkpoint file, streamed; CheckpointUnreadable if out of order or damaged."""
    with path.open("rb") as stream:
        _line(stream, MAX_HEADER_BYTES, "dòng đầu")
        _line(stream, MAX_SIGNATURE_LINE, "dòng chữ ký")
        previous = 0
        for line in stream:
            if len(line) > MAX_LEAF_LINE or not line.endswith(b"\n"):
                raise CheckpointUnreadable("một dòng lá bị cắt cụt hoặc quá dài")
            leaf = parse_leaf(line)
            if leaf.dossier_id <= previous:
                raise CheckpointUnreadable("các lá không theo thứ tự mã hồ sơ tăng dần")
            previous = leaf.dossier_id
            yield leaf


def write_checkpoint(directory: Path, header: Header, signature: bytes, leaves: Path) -> Path:
    """Create the file once: refused (FileExistsError) if that checkpoint number already exists.

    The file is created with O_EXCL and never opened for writing again (mode 0444), so a concurrent
    run cannot overwrite it; on write-once storage it cannot be changed at all.
    """
    path = directory / file_name(header.seq)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
    try:
        with os.fdopen(fd, "wb") as out, leaves.open("rb") as source:
            out.write(header.canonical() + b"\n")
            out.write(base64.b64encode(signature) + b"\n")
            shutil.copyfileobj(source, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def checkpoint_paths(directory: Path) -> list[tuple[int, Path]]:
    """(seq, path) of every checkpoint file in the folder, in order; other files are ignored."""
    if not directory.is_dir():
        return []
    found = [(seq, path) for path in directory.iterdir() if (seq := seq_of(path.name)) is not None]
    return sorted(found)
