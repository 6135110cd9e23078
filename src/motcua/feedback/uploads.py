"""Files given with feedback: the dossiers' checks (size, type read from the content, name that
matches it), then the optional virus scanner, then a cap on how many."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.module_loading import import_string
from django.utils.translation import gettext

from motcua.dossiers.errors import UnacceptableUpload
from motcua.dossiers.uploads import CheckedFile, check_upload

MAX_FILES = 5


def check_files(uploads: Sequence[UploadedFile]) -> list[CheckedFile]:
    """Every file checked, or UnacceptableUpload naming the first bad one."""
    if len(uploads) > MAX_FILES:
        raise UnacceptableUpload(
            gettext("Chỉ được đính kèm tối đa %(count)s tệp.") % {"count": MAX_FILES}, file=""
        )
    checked = [check_upload(upload) for upload in uploads]
    # A deployment with ClamAV names a callable here (CheckedFile -> None, raising UnacceptableUpload).
    scanner = getattr(settings, "MOTCUA_UPLOAD_SCANNER", "")
    if scanner:
        scan = import_string(scanner)
        for item in checked:
            scan(item)
    return checked
