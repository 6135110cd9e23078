"""Checks on uploaded files: the type is read from the content, never trusted from the name."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext

from motcua.antivirus.services import scan_upload

from .errors import UnacceptableUpload

# Magic numbers of the accepted types and the extensions that may carry them.
ACCEPTED = {
    "application/pdf": (b"%PDF-", {".pdf"}),
    "image/jpeg": (b"\xff\xd8\xff", {".jpg", ".jpeg"}),
    "image/png": (b"\x89PNG\r\n\x1a\n", {".png"}),
}


@dataclass(frozen=True)
class CheckedFile:
    upload: UploadedFile
    name: str
    content_type: str
    size: int
    sha256: str


def sniff(head: bytes) -> str | None:
    for content_type, (magic, _extensions) in ACCEPTED.items():
        if head.startswith(magic):
            return content_type
    return None


def check_upload(upload: UploadedFile, *, door: str = "dossier") -> CheckedFile:
    """Accept a PDF, JPEG or PNG within the size limit and free of malware, or say exactly why not.

    `door`: where the file came in, recorded if the virus scanner quarantines it.
    """
    name = PurePath(upload.name or "tep-khong-ten").name[:255]
    limit = settings.MOTCUA_MAX_UPLOAD_BYTES
    size = upload.size or 0
    if size == 0:
        raise UnacceptableUpload(gettext("Tệp '%(name)s' rỗng.") % {"name": name}, file=name)
    if size > limit:
        raise UnacceptableUpload(
            gettext("Tệp '%(name)s' có dung lượng %(value)s MB, vượt quá giới hạn %(value2)s MB.")
            % {"name": name, "value": f"{size / 1048576:.1f}", "value2": f"{limit / 1048576:.0f}"},
            file=name,
        )
    # Every file that reaches this far is scanned, whatever its type: a refused type is no excuse to
    # let malware pass without an audit row.
    scan_upload(upload, name=name, door=door)
    upload.seek(0)
    head = upload.read(16)
    content_type = sniff(head)
    if content_type is None:
        raise UnacceptableUpload(
            gettext("Tệp '%(name)s' không phải PDF, JPEG hoặc PNG. Chỉ chấp nhận các định dạng này.")
            % {"name": name},
            file=name,
        )
    extension = PurePath(name).suffix.lower()
    if extension not in ACCEPTED[content_type][1]:
        raise UnacceptableUpload(
            gettext("Tên tệp '%(name)s' không khớp với nội dung thực của tệp (%(content_type)s).")
            % {"name": name, "content_type": content_type},
            file=name,
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(
        upload=upload, name=name, content_type=content_type, size=size, sha256=digest.hexdigest()
    )
