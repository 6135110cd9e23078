"""Back-office test helpers: TOTP logins, a clock the tests move, dossiers, PDF text, a scanned form."""

from __future__ import annotations

import io
import re
from datetime import datetime
from typing import Any

from django.test import TestCase
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP

from motcua.backoffice.auth import LAST_SEEN
from motcua.backoffice.management.commands.staff_totp import provision
from motcua.dossiers import services
from motcua.dossiers.tests.factories import (
    APPLICANT,
    FORM_DATA,
    World,
    mandatory_document_id,
    pdf,
    vn,
)

PASSWORD = "mat-khau-thu-nghiem"


def totp_code(device: Any) -> str:
    """The code an authenticator app would show now (and the device has not seen yet)."""
    device.refresh_from_db()
    device.last_t = -1
    device.save(update_fields=["last_t"])
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def staff_login(client: Any, user: Any) -> Any:
    """A logged-in, TOTP-verified staff session, without the login forms (they have their own tests)."""
    device = provision(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[LAST_SEEN] = 1e12  # far future: never idle in tests that do not test the timeout
    session.save()
    return client


class Clock:
    """The domain clock (`motcua.core.time.now` and the services' copy), moved by the test."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def set(self, *args: int) -> datetime:
        self.at = vn(*args)
        return self.at


def online(world: World, at: datetime, **applicant: Any) -> Any:
    return services.submit_dossier(
        procedure_code=world.code,
        applicant={**APPLICANT, **applicant},
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf())],
        owner=world.citizen,
        at=at,
    )


def at_counter(world: World, at: datetime, **applicant: Any) -> Any:
    return services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        applicant={**APPLICANT, **applicant},
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf("scan.pdf"))],
        at=at,
    )


def printed_text(content: bytes) -> str:
    """The text as poppler lays it out on the page (with form fields), spaces folded: what a reader sees."""
    import subprocess

    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return re.sub(r"\s+", " ", done.stdout.decode())


def pdf_text(content: bytes) -> str:
    """The text of every page, with line breaks (wrapping in narrow cells) folded into spaces."""
    from pypdf import PdfReader

    assert content.startswith(b"%PDF-"), content[:200]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", " ", text)


def scan_png(title: str = "TỜ KHAI YÊU CẦU CẤP PHIẾU LÝ LỊCH TƯ PHÁP") -> bytes:
    """A small, realistic-looking scanned form (PNG), so that previews show something a person can read."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (620, 860), (250, 249, 245))
    draw = ImageDraw.Draw(image)
    try:
        bold = ImageFont.truetype("DejaVuSerif-Bold.ttf", 17)
        regular = ImageFont.truetype("DejaVuSerif.ttf", 15)
    except OSError:
        bold = regular = ImageFont.load_default()
    draw.text((150, 40), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=bold, fill=(20, 20, 20))
    draw.text((215, 66), "Độc lập - Tự do - Hạnh phúc", font=regular, fill=(20, 20, 20))
    draw.line((230, 90, 390, 90), fill=(20, 20, 20), width=1)
    draw.text((70, 140), title, font=bold, fill=(20, 20, 20))
    lines = [
        "1. Họ và tên: Trần Thị Hoa",
        "2. Ngày, tháng, năm sinh: 17/05/1990",
        "3. Nơi sinh: Đông Hà, Quảng Trị",
        "4. Số định danh cá nhân: 045190001234",
        "5. Nơi thường trú: Phường Đông Hà, tỉnh Quảng Trị",
        "6. Số điện thoại: 0912 345 678",
        "7. Mục đích sử dụng Phiếu: bổ sung hồ sơ xin việc",
        "8. Số lượng Phiếu yêu cầu cấp: 01",
    ]
    for i, line in enumerate(lines):
        draw.text((60, 200 + i * 42), line, font=regular, fill=(35, 35, 35))
    draw.text((300, 600), "Quảng Trị, ngày 28 tháng 02 năm 2025", font=regular, fill=(35, 35, 35))
    draw.text((440, 630), "NGƯỜI YÊU CẦU", font=bold, fill=(20, 20, 20))
    draw.text((455, 720), "Trần Thị Hoa", font=regular, fill=(30, 40, 140))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


BATCH_URL = "/can-bo/danh-sach/cho-phe-duyet/phe-duyet/"


def approve_ticked(client: Any, ticks: list[str]) -> Any:
    """Submit the ticked "CODE:VERSION" values and open the batch's page.

    The queued job runs as the submission commits (the tests' task backend is immediate), so the
    page shows the finished batch.
    """
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(BATCH_URL, {"ho-so": ticks})
    assert response.status_code == 302, response.content.decode()[:500]
    return client.get(response["Location"])
