"""Request helpers for the API tests: clients, payloads, files, a settable clock."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django_otp import DEVICE_ID_SESSION_KEY
from rest_framework.test import APIClient

from motcua.api.tokens import issue_token
from motcua.backoffice.auth import LAST_SEEN
from motcua.backoffice.enrolment import provision
from motcua.core.time import VN_TZ
from motcua.dossiers.tests.factories import PDF_BYTES

from .factories import Province

TINY_PDF = PDF_BYTES  # one empty page: a PDF any reader opens


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


def pdf(name: str = "to-khai.pdf", content: bytes = TINY_PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def client_for(user: Any = None) -> APIClient:
    """An API client sending a fresh bearer token of `user` (anonymous when None)."""
    client = APIClient()
    if user is not None:
        raw, _token = issue_token(user=user, name="pytest")
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def staff_session(client: APIClient, user: Any) -> APIClient:
    """A browser session of `user` that passed the back office's TOTP step just now."""
    device = provision(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[LAST_SEEN] = time.time()
    session.save()
    return client


def application(world: Province, **overrides: Any) -> dict[str, Any]:
    """A complete, valid submission body (without files)."""
    body: dict[str, Any] = {
        "procedure": world.procedure_code,
        "applicant": {
            "kind": "citizen",
            "name": "Trần Thị Hoa",
            "id_number": "037190004321",
            "phone": "0912 345 678",
            "email": "hoa.tran@example.vn",
            "address": "Phường Hoa Lư, tỉnh Ninh Bình",
        },
        "form_data": {"full_name": "Trần Thị Hoa", "birth_date": "1990-02-17", "copies": 1},
    }
    body.update(overrides)
    return body


def multipart(body: dict[str, Any], files: dict[str, Any] | None = None) -> dict[str, Any]:
    """The multipart form: the JSON body in `payload`, files under their field names."""
    return {"payload": json.dumps(body, ensure_ascii=False), **(files or {})}


def submit_online(client: APIClient, world: Province, **files: Any) -> Any:
    """Submit `application(world)` with the mandatory document unless other files are given."""
    files = files or {f"document_{world.mandatory_document.pk}": pdf()}
    return client.post("/api/v1/dossiers/", multipart(application(world), files), format="multipart")


def act(client: APIClient, code: str, action: str, body: dict[str, Any] | None = None, **extra: Any) -> Any:
    return client.post(f"/api/v1/dossiers/{code}/{action}", body or {}, format="json", **extra)


@dataclass
class Clock:
    """The time the dossier services believe it is; tests move it forward."""

    moment: datetime

    def __call__(self) -> datetime:
        return self.moment

    def set(self, moment: datetime) -> None:
        self.moment = moment

    def advance(self, **delta: float) -> datetime:
        self.moment += timedelta(**delta)
        return self.moment
