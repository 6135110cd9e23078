"""Sealing and verifying skip signxml's copies of the message: same bytes, same verdicts as signxml's own."""

from __future__ import annotations

import dataclasses
import importlib
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.exchange import edxml
from motcua.exchange.edxml import EdxmlError, SignatureProblem, build, sign, verify
from motcua.exchange.tests import factories
from motcua.signatures.testing.pki import Pki

sign_module = importlib.import_module("motcua.exchange.edxml.sign")  # the package exports the function

WITH_ATTACHMENT = build(
    dataclasses.replace(
        factories.edoc(),
        attachments=(
            edxml.Attachment(edxml.new_content_id(), "a.pdf", os.urandom(20 * 1024), "application/pdf"),
        ),
    )
)


def _seal(pki: Pki, xml: bytes) -> bytes:
    key = factories.private_key(pki, "seal")
    return sign(xml, key=key, certificate=pki.cert("seal"), chain=pki.chain("seal"))


def _verdict(pki: Pki, xml: bytes) -> object:
    try:
        return verify(xml, trust_roots=[pki.cert("root")])
    except SignatureProblem as exc:
        return exc.details["reason"]
    except EdxmlError as exc:
        return type(exc).__name__


def test_the_seal_is_byte_for_byte_the_one_signxml_makes(pki: Pki, monkeypatch: pytest.MonkeyPatch) -> None:
    ours = _seal(pki, WITH_ATTACHMENT)  # RSA PKCS#1 v1.5: the same input gives the same signature
    from signxml import XMLSigner, XMLVerifier

    # signxml's own signer and verifier, copies and all, in place of ours
    monkeypatch.setattr(sign_module, "_lean_signer_class", lambda: XMLSigner)
    monkeypatch.setattr(sign_module, "_lean_verifier_class", lambda: XMLVerifier)
    assert _seal(pki, WITH_ATTACHMENT) == ours
    assert verify(ours, trust_roots=[pki.cert("root")]).common_name == "Sở Tư pháp tỉnh Quảng Trị"


def test_a_comment_or_instruction_beside_the_root_takes_signxmls_own_path(pki: Pki) -> None:
    signed = _seal(pki, WITH_ATTACHMENT)
    header, _, body = signed.partition(b"?>")
    beside = header + "?>\n<?motcua note?><!-- gửi kèm -->".encode() + body + "<!-- hết -->".encode()
    assert verify(beside, trust_roots=[pki.cert("root")]).common_name == "Sở Tư pháp tỉnh Quảng Trị"
    assert _verdict(pki, beside.replace(b"</edXML:OrganId>", b"0</edXML:OrganId>", 1)) == "tampered"


@given(data=st.data())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_mutated_message_gets_the_verdict_signxml_gives(
    pki: Pki, data: st.DataObject, monkeypatch: pytest.MonkeyPatch
) -> None:
    message = bytearray(_signed(pki))
    at = data.draw(st.integers(0, len(message) - 1))
    if data.draw(st.booleans()):
        message[at] = data.draw(st.integers(0, 255))
    else:
        del message[at : at + data.draw(st.integers(1, 200))]
    ours = _verdict(pki, bytes(message))
    with monkeypatch.context() as stock:
        from signxml import XMLVerifier

        stock.setattr(sign_module, "_lean_verifier_class", lambda: XMLVerifier)
        assert _verdict(pki, bytes(message)) == ours


_SIGNED: dict[int, bytes] = {}


def _signed(pki: Pki) -> bytes:
    if id(pki) not in _SIGNED:
        _SIGNED[id(pki)] = _seal(pki, WITH_ATTACHMENT)
    return _SIGNED[id(pki)]
