"""Opening a zip attachment without trusting it: member count, sizes, ratios and names are bounded.

Some gateways zip every file before base64-encoding it, and a zip may carry a whole edXML package.
Nothing is ever written to disk here; names are still checked, so that whoever saves a member later
cannot be led out of its folder. Every byte decompressed is counted against a budget shared by the
whole reading, so nested or overlapping members cannot add up to a bomb.
"""

from __future__ import annotations

import io
import lzma
import stat
import zipfile
import zlib
from dataclasses import dataclass

from .errors import LimitExceeded, UnsafeArchive
from .limits import Limits

ZIP_MAGIC = b"PK\x03\x04"
# Office files are zips too: they are documents to keep as they are, never archives to open.
_OFFICE_MARKERS = ("[Content_Types].xml", "mimetype", "META-INF/manifest.xml")
_CHUNK = 64 * 1024
# What a damaged archive raises from zipfile and the decompressors behind it.
_BROKEN = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    OSError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)
_RATIO_FLOOR = 1024 * 1024  # small members may compress well (a page of blanks) without being bombs


class Budget:
    """Decoded bytes still allowed for the whole reading (attachments and zip members)."""

    def __init__(self, limits: Limits) -> None:
        self.left = limits.max_decoded_bytes

    def take(self, amount: int) -> None:
        self.left -= amount
        if self.left < 0:
            raise LimitExceeded(
                "Tổng dung lượng tệp đính kèm sau khi giải mã, giải nén vượt giới hạn cho phép."
            )


@dataclass(frozen=True)
class ZipMember:
    name: str
    data: bytes


def looks_like_zip(data: bytes) -> bool:
    return data[:4] == ZIP_MAGIC


def _unsafe_name(name: str) -> bool:
    normalized = name.replace("\\", "/")
    parts = normalized.split("/")
    return (
        not normalized
        or "\x00" in name
        or normalized.startswith("/")
        or (len(normalized) > 1 and normalized[1] == ":")  # C:evil
        or any(part == ".." for part in parts)
    )


def is_office_document(data: bytes) -> bool:
    """A .docx/.xlsx/.odt: a zip by format, a document by intent (never opened)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist()[:50])
    except _BROKEN:
        return False
    return any(marker in names for marker in _OFFICE_MARKERS)


def open_zip(
    data: bytes, limits: Limits, budget: Budget | None = None, *, label: str = ""
) -> tuple[ZipMember, ...]:
    """Every file member of the zip, decompressed within the limits; raise `UnsafeArchive`/`LimitExceeded`."""
    budget = budget or Budget(limits)
    shown = f" '{label}'" if label else ""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _BROKEN as exc:
        raise UnsafeArchive(f"Tệp nén đính kèm{shown} bị hỏng, không mở được.") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_zip_members:
            raise LimitExceeded(
                f"Tệp nén đính kèm{shown} có {len(infos)} mục, vượt giới hạn {limits.max_zip_members} mục."
            )
        seen: set[str] = set()
        members: list[ZipMember] = []
        for info in infos:
            _check_entry(info, limits, shown, seen)
            if info.is_dir():
                continue
            members.append(ZipMember(info.filename, _read_member(archive, info, limits, budget, shown)))
    return tuple(members)


def _check_entry(info: zipfile.ZipInfo, limits: Limits, shown: str, seen: set[str]) -> None:
    if _unsafe_name(info.filename):
        raise UnsafeArchive(f"Tệp nén đính kèm{shown} có tên mục không an toàn ('{info.filename[:80]}').")
    key = info.filename.replace("\\", "/").rstrip("/").casefold()
    if key in seen:
        raise UnsafeArchive(f"Tệp nén đính kèm{shown} có hai mục trùng tên ('{info.filename[:80]}').")
    seen.add(key)
    if stat.S_ISLNK(info.external_attr >> 16):
        raise UnsafeArchive(f"Tệp nén đính kèm{shown} chứa liên kết tượng trưng (symlink).")
    if info.flag_bits & 0x1:
        raise UnsafeArchive(f"Tệp nén đính kèm{shown} được đặt mật khẩu nên không kiểm tra được.")
    if info.file_size > limits.max_zip_member_bytes:
        raise LimitExceeded(f"Một mục trong tệp nén đính kèm{shown} vượt giới hạn dung lượng sau giải nén.")
    if info.file_size > _RATIO_FLOOR and info.file_size > limits.max_zip_ratio * max(info.compress_size, 1):
        raise LimitExceeded(f"Tệp nén đính kèm{shown} có tỉ lệ nén bất thường (nghi là bom nén).")


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, budget: Budget, shown: str
) -> bytes:
    # The sizes in the headers are the sender's word: count what really comes out.
    out = bytearray()
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                out += chunk
                if len(out) > limits.max_zip_member_bytes:
                    raise LimitExceeded(
                        f"Một mục trong tệp nén đính kèm{shown} vượt giới hạn dung lượng sau giải nén."
                    )
                if len(out) > budget.left:
                    budget.take(len(out))  # raises: the whole reading's budget is spent
                if len(out) > _RATIO_FLOOR and len(out) > limits.max_zip_ratio * max(info.compress_size, 1):
                    raise LimitExceeded(f"Tệp nén đính kèm{shown} có tỉ lệ nén bất thường (nghi là bom nén).")
    except _BROKEN as exc:
        raise UnsafeArchive(f"Tệp nén đính kèm{shown} bị hỏng, không giải nén được.") from exc
    budget.take(len(out))
    return bytes(out)
