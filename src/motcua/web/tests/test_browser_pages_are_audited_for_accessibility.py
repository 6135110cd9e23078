"""Every page a browser test loads is audited by axe-core: a page that breaks WCAG 2.1 AA is caught
(here on purpose: an image with no text alternative and a form field with no label)."""

from __future__ import annotations

from motcua.web import testing


def test_a_page_breaking_wcag_is_reported(page):
    page.goto("data:text/html,<html lang='vi'><title>t</title><main><img src='a.png'><input></main></html>")
    page.wait_for_function("() => window.__motcuaAxeDone === true")

    found = list(testing._violations)
    testing._violations.clear()  # caught on purpose: this test must not fail for it

    assert any("image-alt" in line for line in found), found
    assert any("label" in line for line in found), found
