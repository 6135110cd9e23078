"""XMLDSig on edXML: signed as receivers expect, verified against trust roots, forgeries refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from motcua.exchange.edxml import (
    EdxmlError,
    ReadMode,
    SignatureProblem,
    SignerKey,
    build,
    read,
    sign,
    verify,
)
from motcua.exchange.edxml.codes import DS_NS, q
from motcua.exchange.edxml.errors import BuildError
from motcua.exchange.tests import factories
from motcua.exchange.tests.conftest import sample
from motcua.signatures.keys import signer_from_key
from motcua.signatures.testing.pki import Pki

UNSIGNED = build(factories.edoc())


@pytest.fixture(scope="module")
def signed(pki: Pki) -> bytes:
    return sign(
        UNSIGNED,
        key=factories.private_key(pki, "seal"),
        certificate=pki.cert("seal"),
        chain=pki.chain("seal"),
    )


def reason(excinfo: pytest.ExceptionInfo[SignatureProblem]) -> str:
    return str(excinfo.value.details["reason"])


def test_a_signed_message_verifies_and_names_its_signer(pki: Pki, signed: bytes) -> None:
    check = verify(signed, trust_roots=[pki.cert("root")])

    assert check.common_name == "Sở Tư pháp tỉnh Quảng Trị"
    assert check.chain == ("Sở Tư pháp tỉnh Quảng Trị", "motcua Test Specialized CA", "motcua Test Root CA")
    assert check.algorithm.endswith("rsa-sha256")


def test_the_signature_is_enveloped_in_the_header_as_receivers_expect(pki: Pki, signed: bytes) -> None:
    root = etree.fromstring(signed)
    header = root.find(f"{q('edXMLEnvelope')}/{q('edXMLHeader')}")
    signature = header[-1]

    assert signature.tag == f"{{{DS_NS}}}Signature"
    assert signature.prefix is None  # <Signature xmlns="http://www.w3.org/2000/09/xmldsig#">
    signed_info = signature.find(f"{{{DS_NS}}}SignedInfo")
    assert signed_info.find(f"{{{DS_NS}}}CanonicalizationMethod").get("Algorithm") == (
        "http://www.w3.org/2001/10/xml-exc-c14n#"
    )
    (reference,) = signed_info.findall(f"{{{DS_NS}}}Reference")
    assert reference.get("URI") == ""
    certificates = ["".join(c.text.split()) for c in signature.iter(f"{{{DS_NS}}}X509Certificate")]
    assert certificates == [_b64(c).decode() for c in (pki.cert("seal"), *pki.chain("seal"))]  # signer first


def test_a_signed_message_reads_as_the_same_model(signed: bytes) -> None:
    reading = read(signed, mode=ReadMode.STRICT)

    assert reading.message == factories.edoc()
    assert reading.has_xmldsig


def test_signing_through_a_pyhanko_signer_gives_a_valid_signature(pki: Pki) -> None:
    signer = signer_from_key(pki.private_key("seal"), pki.cert("seal"), pki.chain("seal"))
    key = SignerKey(signer, x509.load_der_x509_certificate(pki.cert("seal").dump()))

    signed = sign(UNSIGNED, key=key, certificate=pki.cert("seal"), chain=pki.chain("seal"))

    assert verify(signed, trust_roots=[pki.cert("root")]).common_name == "Sở Tư pháp tỉnh Quảng Trị"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Về việc cử cán bộ".encode(), "Về việc điều động".encode()),
        (b"<edXML:CodeNumber>125<", b"<edXML:CodeNumber>126<"),
        (b"JVBERi0xLjQK", b"JVBERi0xLjUK"),  # the attached PDF's first bytes
        (b"</edXML:To>", b"</edXML:To><edXML:To><edXML:OrganId>000.00.99.H48</edXML:OrganId></edXML:To>"),
    ],
)
def test_any_change_after_signing_is_detected(pki: Pki, signed: bytes, before: bytes, after: bytes) -> None:
    assert before in signed
    with pytest.raises(SignatureProblem) as refused:
        verify(signed.replace(before, after, 1), trust_roots=[pki.cert("root")])
    assert reason(refused) == "tampered"


def test_a_signer_outside_the_trust_store_is_refused(pki: Pki, signed: bytes) -> None:
    with pytest.raises(SignatureProblem) as refused:
        verify(signed, trust_roots=[pki.cert("rogue-root")])
    assert reason(refused) == "untrusted"


def test_a_rogue_signer_is_refused(pki: Pki) -> None:
    forged = sign(
        UNSIGNED,
        key=factories.private_key(pki, "rogue-signer"),
        certificate=pki.cert("rogue-signer"),
        chain=pki.chain("rogue-signer"),
    )

    with pytest.raises(SignatureProblem) as refused:
        verify(forged, trust_roots=[pki.cert("root")])
    assert reason(refused) == "untrusted"


def test_an_empty_trust_store_verifies_nothing(signed: bytes) -> None:
    with pytest.raises(SignatureProblem) as refused:
        verify(signed, trust_roots=[])
    assert reason(refused) == "no_trust_roots"


def test_an_expired_certificate_is_refused_now_but_valid_when_it_was_in_force(pki: Pki) -> None:
    signed = sign(
        UNSIGNED,
        key=factories.private_key(pki, "official-expired"),
        certificate=pki.cert("official-expired"),
        chain=pki.chain("official-expired"),
    )

    with pytest.raises(SignatureProblem) as refused:
        verify(signed, trust_roots=[pki.cert("root")])
    assert reason(refused) == "expired"
    then = datetime.now(UTC) - timedelta(days=60)
    assert verify(signed, trust_roots=[pki.cert("root")], at=then).common_name == "Lê Thị Cúc"


def test_another_certificate_in_keyinfo_does_not_verify(pki: Pki, signed: bytes) -> None:
    swapped = _replace_certificate(signed, pki)

    with pytest.raises(SignatureProblem) as refused:
        verify(swapped, trust_roots=[pki.cert("root")])
    assert reason(refused) == "bad_signature_value"


def _b64(cert: object) -> bytes:
    import base64

    return base64.b64encode(cert.dump())  # type: ignore[attr-defined]


def _replace_certificate(signed: bytes, pki: Pki) -> bytes:
    root = etree.fromstring(signed)
    first = root.find(f".//{{{DS_NS}}}X509Certificate")
    first.text = _b64(pki.cert("official")).decode()
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def test_a_signature_outside_the_xmldsig_namespace_is_no_signature(pki: Pki) -> None:
    with pytest.raises(SignatureProblem) as refused:
        verify(sample("edoc_qcvn_signature.xml"), trust_roots=[pki.cert("root")])
    assert reason(refused) == "signature_outside_xmldsig"
    assert "XMLDSig" in refused.value.message


def test_an_unsigned_message_has_no_signature(pki: Pki) -> None:
    with pytest.raises(SignatureProblem) as refused:
        verify(UNSIGNED, trust_roots=[pki.cert("root")])
    assert reason(refused) == "signature_missing"


def test_a_second_signature_is_refused(pki: Pki, signed: bytes) -> None:
    root = etree.fromstring(signed)
    signature = root.find(f".//{{{DS_NS}}}Signature")
    root.append(etree.fromstring(etree.tostring(signature)))

    with pytest.raises(SignatureProblem) as refused:
        verify(etree.tostring(root), trust_roots=[pki.cert("root")])
    assert reason(refused) == "several_signatures"


def test_a_signature_over_part_of_the_message_is_refused(pki: Pki, signed: bytes) -> None:
    with pytest.raises(SignatureProblem) as refused:
        verify(signed.replace(b'URI=""', b'URI="#phan"', 1), trust_roots=[pki.cert("root")])
    assert reason(refused) == "partial_signature"


def test_sha1_is_refused(pki: Pki, signed: bytes) -> None:
    weak = signed.replace(
        b"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", b"http://www.w3.org/2000/09/xmldsig#rsa-sha1"
    )

    with pytest.raises(SignatureProblem) as refused:
        verify(weak, trust_roots=[pki.cert("root")])
    assert reason(refused) == "weak_algorithm"


def test_a_signed_message_is_not_signed_twice(pki: Pki, signed: bytes) -> None:
    with pytest.raises(BuildError):
        sign(signed, key=factories.private_key(pki, "seal"), certificate=pki.cert("seal"))


@given(data=st.data())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_mutated_signed_message_is_refused_or_means_the_same(
    pki: Pki, signed: bytes, data: st.DataObject
) -> None:
    message = bytearray(signed)
    at = data.draw(st.integers(0, len(message) - 1))
    if data.draw(st.booleans()):
        message[at] = data.draw(st.integers(0, 255))
    else:
        del message[at : at + data.draw(st.integers(1, 200))]

    try:
        verify(bytes(message), trust_roots=[pki.cert("root")])
    except EdxmlError:
        return
    # still valid: then the change was one canonicalization ignores, and the meaning is the same
    assert read(bytes(message)).message == factories.edoc()
