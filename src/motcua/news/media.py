"""Serving the news pictures' renditions (/media/images/…) from the default storage.

Only renditions, which Wagtail wrote itself (resized, re-encoded), never the editor's original
upload; only the picture types the news accepts. A web server in front may serve the folder itself.
"""

from __future__ import annotations

import mimetypes
import re

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

_RENDITION = re.compile(r"images/[A-Za-z0-9_.-]{1,200}\.(?:jpg|jpeg|png|webp|avif)")


@require_safe
def rendition(request: HttpRequest, path: str) -> FileResponse:
    if not _RENDITION.fullmatch(path) or ".." in path or not default_storage.exists(path):
        raise Http404
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(path, "rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
