"""No template sent to a browser holds code or styles inline: the policy (script-src and style-src
'self') would block them, and allowing them would let injected markup run too.

Printed documents (templates that extend printing/page.html) are exempt: WeasyPrint turns them into
PDF on the server and no browser ever receives them as HTML.
"""

from __future__ import annotations

import re
from pathlib import Path

import motcua

SOURCE = Path(motcua.__file__).parent
PRINTED = "printing/page.html"

COMMENT = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)
EXTENDS = re.compile(r"""{%\s*extends\s+["']([^"']+)["']""")
TAG = re.compile(r"<[a-zA-Z][^>]*>", re.S)
PROBLEMS = {
    "inline <script>": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I),
    "<style> element": re.compile(r"<style\b", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}
IN_TAG = {
    "event handler attribute": re.compile(r"(?:^|[\s'\"])on[a-z]+\s*=", re.I),
    "style attribute": re.compile(r"(?:^|[\s'\";]|&lt;p)style\s*=", re.I),
}


def _templates() -> dict[str, Path]:
    return {
        str(path.relative_to(folder)): path
        for folder in SOURCE.glob("*/templates")
        for path in folder.rglob("*.html")
    }


def _printed(name: str, templates: dict[str, Path]) -> bool:
    seen = set()
    while name not in seen:
        if name == PRINTED:
            return True
        seen.add(name)
        path = templates.get(name)
        found = EXTENDS.search(path.read_text(encoding="utf-8")) if path else None
        if found is None:
            return False
        name = found.group(1)
    return False


def problems_in(text: str) -> list[str]:
    text = COMMENT.sub("", text)
    found = [label for label, pattern in PROBLEMS.items() if pattern.search(text)]
    for tag in TAG.findall(text):
        found += [f"{label}: {tag[:80]}" for label, pattern in IN_TAG.items() if pattern.search(tag)]
    return found


def test_the_checks_find_what_they_look_for() -> None:
    assert problems_in("<script>alert(1)</script>") == ["inline <script>"]
    assert problems_in('<script src="/static/a.js" defer></script>') == []
    assert problems_in('<select onchange="this.form.submit()">')[0].startswith("event handler")
    assert problems_in('<p style="color:red">')[0].startswith("style attribute")
    assert problems_in("<iframe srcdoc=\"&lt;p style='x'&gt;\">")[0].startswith("style attribute")
    assert problems_in("<style>p{}</style>") == ["<style> element"]
    assert problems_in('<a href="javascript:void(0)">') == ["javascript: URL"]
    assert problems_in('<button data-once hx-trigger="change">{# <script>x</script> #}') == []


def test_no_page_template_has_inline_script_handler_or_style() -> None:
    templates = _templates()
    assert {"portal/base.html", "backoffice/base.html", "web/base.html"} <= set(templates)
    pages = {name: path for name, path in templates.items() if not _printed(name, templates)}
    assert "printing/forms/form04.html" not in pages  # a printed form
    found = {name: problems_in(path.read_text(encoding="utf-8")) for name, path in pages.items()}
    offending = {name: problems for name, problems in found.items() if problems}
    assert offending == {}
