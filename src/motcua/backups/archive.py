"""The backup archive: a gzipped tar whose manifest lists every member with its size and sha256.

Layout (format 2; format 1 had no anchors/ and no signature):

    anchors/<name>            each checkpoint file of the anchor folder (copied before the database)
    database/motcua.sqlite3   or database/motcua.pgdump (pg_dump --format=custom)
    media/<name>              each file of the default storage, under its storage name
    keys/<name>               each file of the signature key folder
    manifest.json             written last, once every member's checksum is known
    manifest.json.p7s         the agency seal's detached CAdES signature of manifest.json, when the
                              installation has a seal (the manifest says which, or why none)

Reading is strict: an archive is opened, every member checked for a safe path, extracted with
tarfile's "data" filter into a scratch folder, the manifest's signature checked, and every member
hashed, all before the caller changes anything.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tarfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path, PurePosixPath
from typing import IO

from .errors import RestoreRefused

FORMAT_VERSION = 2
READABLE_FORMATS = (1, 2)
MANIFEST = "manifest.json"
MANIFEST_SIGNATURE = "manifest.json.p7s"
ANCHORS = "anchors/"
DATABASE = "database/"
MEDIA = "media/"
KEYS = "keys/"
PREFIXES = (ANCHORS, DATABASE, MEDIA, KEYS)
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Member:
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    format_version: int
    created_at: str
    motcua_version: str | None
    engine: str
    migrations: dict[str, str]
    counts: dict[str, int]
    members: dict[str, Member] = field(default_factory=dict)
    # {"agency": code, "certificate": SHA-256 fingerprint} of the seal that signs the manifest, or
    # {"unsigned": why} for a backup made without one; {} in format 1.
    seal: dict[str, str] = field(default_factory=dict)
    # ISO 8601 UTC to the microsecond, taken just before the database snapshot: every checkpoint made
    # before it describes heads the snapshot holds. "" in format 1.
    snapshot_at: str = ""

    @property
    def signed(self) -> bool:
        return bool(self.seal.get("certificate"))

    def to_json(self) -> bytes:
        body = {
            "format_version": self.format_version,
            "seal": self.seal,
            "snapshot_at": self.snapshot_at,
            "created_at": self.created_at,
            "motcua_version": self.motcua_version,
            "engine": self.engine,
            "migrations": self.migrations,
            "counts": self.counts,
            "members": {
                name: {"size": m.size, "sha256": m.sha256} for name, m in sorted(self.members.items())
            },
        }
        return json.dumps(body, ensure_ascii=False, indent=2).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            body = json.loads(raw)
            version = body["format_version"]
        except (ValueError, KeyError, TypeError) as exc:
            raise RestoreRefused("Tệp manifest.json không đọc được.") from exc
        if version not in READABLE_FORMATS:
            raise RestoreRefused(
                f"Định dạng bản sao lưu {version!r} không được hỗ trợ (phiên bản này đọc định dạng "
                f"{', '.join(str(v) for v in READABLE_FORMATS)})."
            )
        try:
            return cls(
                format_version=version,
                created_at=str(body["created_at"]),
                motcua_version=body.get("motcua_version"),
                engine=str(body["engine"]),
                migrations={str(k): str(v) for k, v in body["migrations"].items()},
                counts={str(k): int(v) for k, v in body["counts"].items()},
                members={
                    str(name): Member(size=int(m["size"]), sha256=str(m["sha256"]))
                    for name, m in body["members"].items()
                },
                seal={str(k): str(v) for k, v in (body.get("seal") or {}).items()},
                snapshot_at=str(body.get("snapshot_at") or ""),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise RestoreRefused("Tệp manifest.json thiếu thông tin hoặc sai định dạng.") from exc


def is_safe_name(name: str) -> bool:
    """A relative POSIX path without '..', empty or '.' parts, under one of the known folders."""
    if not name or name.startswith("/") or "\\" in name or "\x00" in name:
        return False
    parts = PurePosixPath(name).parts
    if any(part in ("", ".", "..") for part in parts) or name != "/".join(parts):
        return False
    if name in (MANIFEST, MANIFEST_SIGNATURE):
        return True
    return len(parts) >= 2 and any(name.startswith(p) for p in PREFIXES)


class _Hashing:
    """A reader that hashes what passes through it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.sha = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.sha.update(data)
        self.size += len(data)
        return data


class ArchiveWriter:
    """Writes `final` through a temporary name (mode 0600) and renames it only once it is complete."""

    def __init__(self, final: Path, *, mtime: float) -> None:
        self.final = final
        self.partial = final.with_name(f".{final.name}.partial")
        self.mtime = mtime
        self.members: dict[str, Member] = {}
        fd = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self._raw = os.fdopen(fd, "wb")
        self._tar = tarfile.open(fileobj=self._raw, mode="w:gz", compresslevel=6)  # noqa: SIM115

    def add_stream(self, name: str, stream: IO[bytes], size: int) -> None:
        if not is_safe_name(name):
            raise ValueError(f"unsafe member name {name!r}")
        info = tarfile.TarInfo(name)
        info.size = size
        info.mode = 0o600
        info.mtime = int(self.mtime)
        hashing = _Hashing(stream)
        self._tar.addfile(info, hashing)  # type: ignore[arg-type]  # only .read() is used
        self.members[name] = Member(size=hashing.size, sha256=hashing.sha.hexdigest())

    def add_path(self, name: str, path: Path) -> None:
        with path.open("rb") as stream:
            self.add_stream(name, stream, os.fstat(stream.fileno()).st_size)

    def finish(self, raw_manifest: bytes, signature: bytes | None = None) -> Path:
        """Write the manifest (and its signature) last, then close and rename the archive."""
        for name, data in ((MANIFEST, raw_manifest), (MANIFEST_SIGNATURE, signature)):
            if data is None:
                continue
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o600
            info.mtime = int(self.mtime)
            self._tar.addfile(info, BytesIO(data))
        self._tar.close()
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self._raw.close()
        os.replace(self.partial, self.final)
        return self.final

    def abort(self) -> None:
        for closing in (self._tar.close, self._raw.close):
            with contextlib.suppress(Exception):  # already failing; the partial file goes anyway
                closing()
        self.partial.unlink(missing_ok=True)


def sha256_of(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            sha.update(chunk)
    return sha.hexdigest()


# Called with the manifest, its raw bytes and the signature member (None if absent); raises
# RestoreRefused to refuse the archive.
SealCheck = Callable[[Manifest, bytes, bytes | None], None]


def open_checked(archive: Path, workdir: Path, check_seal: SealCheck | None = None) -> Manifest:
    """Extract `archive` into `workdir` and check it whole; RestoreRefused on the first fault.

    Refused: an unreadable archive, a member that is not a plain file or whose path is unsafe
    (absolute, '..', a link), a missing or unknown manifest, a manifest whose signature
    `check_seal` refuses, a member missing, unlisted, or whose size or sha256 differs from the
    manifest.
    """
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            names: set[str] = set()
            for member in members:
                if not member.isreg():
                    kind = "liên kết" if member.issym() or member.islnk() else "mục không phải tệp"
                    raise RestoreRefused(f"Bản sao lưu chứa {kind} {member.name!r}: từ chối phục hồi.")
                if not is_safe_name(member.name):
                    raise RestoreRefused(
                        f"Bản sao lưu chứa đường dẫn không an toàn {member.name!r}: từ chối phục hồi."
                    )
                if member.name in names:
                    raise RestoreRefused(f"Bản sao lưu chứa hai lần mục {member.name!r}.")
                names.add(member.name)
            if MANIFEST not in names:
                raise RestoreRefused("Bản sao lưu không có manifest.json.")
            tar.extractall(workdir, members=members, filter="data")
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise RestoreRefused(f"Không đọc được tệp sao lưu {archive}: {exc}") from exc

    raw = (workdir / MANIFEST).read_bytes()
    manifest = Manifest.from_json(raw)
    if check_seal is not None:
        signature = workdir / MANIFEST_SIGNATURE
        check_seal(manifest, raw, signature.read_bytes() if MANIFEST_SIGNATURE in names else None)
    listed = set(manifest.members)
    for name in sorted(listed):
        if not is_safe_name(name) or name in (MANIFEST, MANIFEST_SIGNATURE):
            raise RestoreRefused(f"Manifest ghi đường dẫn không an toàn {name!r}.")
    missing = sorted(listed - names)
    if missing:
        raise RestoreRefused(
            f"Bản sao lưu thiếu {len(missing)} tệp ghi trong manifest, ví dụ {missing[0]!r}."
        )
    extra = sorted(names - listed - {MANIFEST, MANIFEST_SIGNATURE})
    if extra:
        raise RestoreRefused(f"Bản sao lưu có tệp không ghi trong manifest: {extra[0]!r}.")
    for name in sorted(listed):
        expected = manifest.members[name]
        path = workdir / name
        if path.stat().st_size != expected.size or sha256_of(path) != expected.sha256:
            raise RestoreRefused(f"Tệp {name!r} trong bản sao lưu sai mã kiểm tra (sha256): tệp đã hỏng.")
    return manifest


def members_under(manifest: Manifest, prefix: str) -> list[str]:
    return sorted(name for name in manifest.members if name.startswith(prefix))
