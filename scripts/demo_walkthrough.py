# ruff: noqa: T201, S603  (a command-line script: it prints, and runs our own command)
"""Log in to a running demo as each demo officer and screenshot the worklist where their work waits.

    MOTCUA_DEMO=1 MOTCUA_DATA_DIR=/tmp/demo motcua demo --port 8150 &
    MOTCUA_DATA_DIR=/tmp/demo python scripts/demo_walkthrough.py http://127.0.0.1:8150 screenshots/demo

Uses Playwright with Debian's Chromium and `motcua staff_totp NAME --code` (the demo enrols its
officers) for the second factor. Prints each officer's list counts as the page shows them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

# (username, the worklist where their work waits)
OFFICERS = [
    ("tiepnhan", "cho-tiep-nhan"),
    ("tiepnhan", "can-xu-ly"),
    ("chuyenvien", "can-xu-ly"),
    ("chuyenvien", "cho-cong-dan"),
    ("truongphong", "can-xu-ly"),
    ("lanhdao", "cho-phe-duyet"),
    ("vanthu", "tra-ket-qua"),
]
PASSWORD = "motcua-demo"
VIEWPORTS = (("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844}))


def totp_code(username: str) -> str:
    motcua = shutil.which("motcua") or str(Path(sys.executable).with_name("motcua"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "motcua.settings.dev", "MOTCUA_DEMO": "1"}
    out = subprocess.run(
        [motcua, "staff_totp", username, "--code"], env=env, capture_output=True, text=True, check=True
    ).stdout
    return next(word for word in out.split() if word.isdigit() and len(word) == 6)


def main(base: str, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        sessions: dict[str, object] = {}
        for username, slug in OFFICERS:
            if username not in sessions:
                # One login per officer: a TOTP code is accepted once (a replay is refused).
                context = browser.new_context(locale="vi-VN")
                page = context.new_page()
                page.goto(f"{base}/can-bo/dang-nhap/")
                page.fill("#username", username)
                page.fill("#password", PASSWORD)
                page.click("form:has(#password) button[type=submit]")
                page.wait_for_selector("#token")
                page.fill("#token", totp_code(username))
                page.click("form:has(#token) button[type=submit]")
                page.wait_for_load_state("networkidle")
                sessions[username] = context.storage_state()
                context.close()
            for label, viewport in VIEWPORTS:
                context = browser.new_context(
                    viewport=viewport,  # type: ignore[arg-type]
                    locale="vi-VN",
                    storage_state=sessions[username],  # type: ignore[arg-type]
                )
                page = context.new_page()
                page.goto(f"{base}/can-bo/danh-sach/{slug}/")
                rows = page.locator("table tbody tr").count()
                heading = page.locator("h1").first.inner_text()
                path = folder / f"{username}-{slug}-{label}.png"
                page.screenshot(path=str(path), full_page=label == "desktop")
                print(f"{username:<12} {slug:<14} {label:<8} {heading!r}: {rows} rows  {path}")
                context.close()
        # A wrong address shows the portal's page, not Django's debug page with every route.
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        response = page.goto(f"{base}/khong-co-trang-nay/")
        assert response is not None
        text = page.content()
        print(
            "404:",
            response.status,
            "debug page" if "URLconf" in text or "Traceback" in text else "no debug page",
        )
        page.screenshot(path=str(folder / "not-found-desktop.png"))
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), Path(sys.argv[2]))
