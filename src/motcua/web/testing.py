"""Browser testing with Playwright and Debian's Chromium (never a downloaded browser).

Fixtures (registered in src/conftest.py): `browser` (one Chromium per test session),
`page` (a fresh desktop context), `phone_page` (a 390-pixel-wide phone), and `shoot(page, name)`,
which writes a PNG to $MOTCUA_SCREENSHOTS when that variable names a folder.

Every page a browser test loads, in any context of `browser`, is audited with axe-core (from the
npm registry, installed by `make test` into var/npm) against WCAG 2.1 A and AA; a test whose pages
have violations fails, naming the rule, the page and the elements.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("MOTCUA_CHROMIUM", "/usr/bin/chromium")
AXE = Path(
    os.environ.get(
        "MOTCUA_AXE", Path(__file__).resolve().parents[3] / "var/npm/node_modules/axe-core/axe.min.js"
    )
)
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Runs in every page after its load event; reports through a binding, so that no Playwright call
# has to be made from inside an event handler (the sync API cannot).
_AUDIT_ON_LOAD = """
window.__motcuaAxeDone = false;
window.__motcuaAudit = async () => {
  window.__motcuaAxeDone = false;
  try {
    const result = await axe.run(document, {
      runOnly: {type: "tag", values: %s}, resultTypes: ["violations"], iframes: false,
    });
    window.__motcuaAxeReport(location.href, result.violations.map(v => ({
      rule: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
    })));
  } finally {
    window.__motcuaAxeDone = true;
  }
};
window.addEventListener("load", () => setTimeout(() => {
  // A frame (our pages frame only PDFs, which the browser draws) or an image or PDF shown by the
  // browser itself is no page of ours.
  const ours = window.top === window && document.contentType === "text/html";
  // A test that watches the page itself (the CSP test) runs the audit when it is done watching.
  if (!ours || window.__motcuaAuditOnDemand) { window.__motcuaAxeDone = true; return; }
  window.__motcuaAudit();
}, 0));
"""
# Violations found in the current test, reported by the autouse `accessibility` fixture.
_violations: list[str] = []
_auditing: _AuditingBrowser | None = None
_foreign_prefixes: set[str] = set()
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
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run `make test` (npm install --prefix var/npm axe-core).")
    source = AXE.read_text(encoding="utf-8")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        global _auditing
        _auditing = _AuditingBrowser(chromium, source)
        yield _auditing
        _auditing = None
        chromium.close()


def audit_now(page: Any) -> None:
    """Audit the page as it is now, for a test that set `window.__motcuaAuditOnDemand`."""
    page.evaluate("() => window.__motcuaAudit()")


def not_ours(prefix: str) -> None:
    """Pages under this address are another program's (a test identity provider, Swagger UI's
    API explorer): they are not audited. Say why where you call it."""
    _foreign_prefixes.add(prefix)


def _record(source: dict[str, Any], url: str, violations: list[dict[str, Any]]) -> None:
    # A late report from a context of an earlier test, or a page of another program: not this test's.
    if _auditing is None or source.get("context") not in _auditing.contexts_of_test:
        return
    if any(url.startswith(prefix) for prefix in _foreign_prefixes):
        return
    for violation in violations:
        _violations.append(
            f"{url}: {violation['rule']} ({violation['impact']}): {violation['help']}"
            f" at {', '.join(violation['nodes'])}"
        )


def _finish_audits(context: Any) -> None:
    """Wait for the audits of the pages still open (the last page a test saw) to report."""
    for open_page in context.pages:
        with contextlib.suppress(Exception):  # closed, or a page axe cannot run in (about:blank)
            open_page.wait_for_function("() => window.__motcuaAxeDone !== false", timeout=15_000)


class _AuditingBrowser:
    """The Chromium browser, with axe-core run on every page of every new context when it loads."""

    def __init__(self, browser: Any, source: str) -> None:
        self._browser = browser
        self._script = source + "\n" + _AUDIT_ON_LOAD % json.dumps(WCAG_21_AA)
        self.contexts_of_test: list[Any] = []

    def new_context(self, **options: Any) -> Any:
        context = self._browser.new_context(**options)
        context.expose_binding("__motcuaAxeReport", _record)
        context.add_init_script(self._script)
        self.contexts_of_test.append(context)
        return context

    def new_page(self, **options: Any) -> Any:
        return self.new_context(**options).new_page()

    def finish_audits(self) -> None:
        for context in self.contexts_of_test:
            _finish_audits(context)
        self.contexts_of_test.clear()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


@pytest.fixture(autouse=True)
def accessibility() -> Iterator[None]:
    """Fail a browser test whose pages break WCAG 2.1 AA (audited by axe-core on each load)."""
    _violations.clear()
    if _auditing is not None:
        _auditing.contexts_of_test.clear()
    yield
    if _auditing is not None:
        _auditing.finish_audits()
    found = list(dict.fromkeys(_violations))
    _violations.clear()
    if found:
        pytest.fail("WCAG 2.1 AA violations (axe-core):\n" + "\n".join(found), pytrace=False)


def _page(browser: Any, options: dict[str, Any]) -> Iterator[Any]:
    context = browser.new_context(**options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    _finish_audits(context)
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
