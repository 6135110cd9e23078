"""Signed results (PAdES, archive timestamps and a second signature included) are plain PDFs to
the file check: officers see them in the dossier page's frame, they are not pushed to a download."""

from __future__ import annotations

import pytest

from motcua.web.files import why_not_inline


@pytest.mark.parametrize("level", ["B-T", "B-LTA"])
def test_a_signed_result_may_be_shown(signing, level):
    assert why_not_inline(signing.document("official", level), "application/pdf") is None


def test_a_result_signed_twice_may_be_shown(signing):
    sealed = signing.sign(signing.document("official"), "seal", field="Signature2")

    assert why_not_inline(sealed, "application/pdf") is None
