"""Files given with feedback: a cap on how many, then the dossiers' checks (size, virus scan, type read
from the content, name that matches it)."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile
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
    return [check_upload(upload, door="feedback") for upload in uploads]
