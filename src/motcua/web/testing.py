"""Browser testing with Playwright and Debian's Chromium (never a downloaded browser).

Fixtures (registered in src/conftest.py): `browser` (one Chromium per test session),
`page` (a fresh desktop context), `phone_page` (a 390-pixel-wide phone), and `shoot(page, name)`,
which writes a PNG to $MOTCUA_SCREENSHOTS when that variable names a folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("MOTCUA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"viewport": {"width": 1366, "height": 900}, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "vi-VN",
    "timezone_id": "Asia/Ho_Chi_Minh",
}


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make system-deps` (apt-get install chromium).")
    # Playwright's sync API runs an event loop in this thread; the tests still use the ORM here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import expect, sync_playwright

    # The same patience for `expect(...)` as for actions: on a busy 2-core CI runner a page that
    # renders a PDF or signs one can take longer than Playwright's default 5 s to show its answer.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _page(browser: Any, options: dict[str, Any]) -> Iterator[Any]:
    context = browser.new_context(**options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    yield from _page(browser, DESKTOP)


@pytest.fixture
def phone_page(browser: Any) -> Iterator[Any]:
    yield from _page(browser, PHONE)


@pytest.fixture
def shoot() -> Callable[[Any, str], Path | None]:
    folder = os.environ.get("MOTCUA_SCREENSHOTS")

    def take(page: Any, name: str) -> Path | None:
        if not folder:
            return None
        path = Path(folder) / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


# Words that betray an untranslated English interface on a Vietnamese page. Chosen so that none is
# also a Vietnamese word written without diacritics ("in", "an", "to", "no" are left out).
ENGLISH_UI_WORDS = (
    "the",
    "and",
    "your",
    "you",
    "this",
    "please",
    "password",
    "submit",
    "cancel",
    "search",
    "login",
    "log in",
    "sign in",
    "register",
    "required",
    "error",
    "invalid",
    "field",
    "must",
    "characters",
    "not found",
    "forbidden",
    "server",
    "page",
    "home",
    "back",
    "next",
    "save",
    "delete",
    "upload",
    "file",
    "dossier",
    "procedure",
    "track",
    "account",
    "profile",
    "help",
    "skip",
    "enter",
    "choose",
    "with",
    "from",
    "should",
    "too short",
    "too common",
    "entirely numeric",
    "specialist",
    "leader",
)
# Phrases of our Vietnamese interface that must not remain on an English page.
VIETNAMESE_UI_WORDS = (
    "Đăng nhập",
    "Đăng ký",
    "Đăng xuất",
    "Vui lòng",
    "Tra cứu hồ sơ",
    "Hồ sơ của tôi",
    "Thủ tục hành chính",
    "Quay lại",
    "Lưu và tiếp tục",
    "bắt buộc",
    "Tìm kiếm",
    "không hợp lệ",
    "Bỏ qua",
    "Về trang chủ",
)
# Visible text of the page, without the parts written on purpose in the other language (the
# language switch carries lang="en" on a Vietnamese page and lang="vi" on an English one).
_VISIBLE_TEXT = """(other) => {
  const clone = document.body.cloneNode(true);
  clone.querySelectorAll(`[lang="${other}"], script, style, noscript, [hidden]`).forEach(e => e.remove());
  const inputs = [...document.querySelectorAll('[placeholder]')].map(e => e.placeholder);
  return [clone.innerText, ...inputs, document.title].join('\\n');
}"""


def foreign_words_on(page: Any, language: str = "vi") -> list[str]:
    """Words of the other language in what the page shows: [] when the page speaks `language` only.

    On a Vietnamese page, English UI words (as whole words, any case); on an English page, the
    phrases of our Vietnamese interface. Data (procedure names, people) are not UI words.
    """
    other = "en" if language == "vi" else "vi"
    text = page.evaluate(_VISIBLE_TEXT, other)
    if language == "vi":
        lowered = text.lower()
        return [w for w in ENGLISH_UI_WORDS if re.search(rf"(?<![\w@.]){re.escape(w)}(?![\w@.])", lowered)]
    return [w for w in VIETNAMESE_UI_WORDS if w in text]
