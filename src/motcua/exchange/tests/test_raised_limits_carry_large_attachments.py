"""Past libxml2's 10 MB text node: refused by default, carried when a deployment raises the limit."""

from __future__ import annotations

import dataclasses
import os

import pytest

from motcua.exchange.edxml import Attachment, Limits, build, read, sign, verify
from motcua.exchange.edxml.errors import BuildError, LimitExceeded
from motcua.exchange.tests import factories
from motcua.signatures.testing.pki import Pki

RAISED = Limits(max_bytes=64 * 1024 * 1024, max_attachment_bytes=12_000_000)


def large_document() -> object:
    scan = Attachment("3c9e1f0a-5b6d-4e7f-8a9b-0c1d2e3f4a5b", "ban-scan.pdf", os.urandom(8_500_000))
    return dataclasses.replace(factories.edoc(), attachments=(scan,))


def test_the_default_limits_refuse_an_8_mb_attachment_on_both_sides() -> None:
    with pytest.raises(BuildError):
        build(large_document())  # type: ignore[arg-type]
    xml = build(large_document(), limits=RAISED)  # type: ignore[arg-type]
    with pytest.raises(LimitExceeded):
        read(xml)


def test_raised_limits_build_sign_read_and_verify_it(pki: Pki) -> None:
    doc = large_document()
    assert RAISED.huge_tree

    signed = sign(
        build(doc, limits=RAISED),  # type: ignore[arg-type]
        key=factories.private_key(pki, "seal"),
        certificate=pki.cert("seal"),
        chain=pki.chain("seal"),
        limits=RAISED,
    )

    assert read(signed, limits=RAISED).message == doc
    assert (
        verify(signed, trust_roots=[pki.cert("root")], limits=RAISED).common_name
        == "Sở Tư pháp tỉnh Quảng Trị"
    )
