"""Hostile files are refused with a clear message; nothing else ever comes out of reading them."""

from __future__ import annotations

import base64
import contextlib
import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.exchange.edxml import EdxmlError, Limits, NotEdxml, ReadMode, build, read
from motcua.exchange.edxml.errors import (
    AttachmentUndecodable,
    ForbiddenXml,
    InvalidContent,
    LimitExceeded,
    MalformedXml,
    WrongNamespace,
)
from motcua.exchange.edxml.parse import decode_base64
from motcua.exchange.tests import factories
from motcua.exchange.tests.conftest import sample

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
VALID = build(factories.edoc())


def with_prolog(prolog: str, body: bytes = VALID) -> bytes:
    """The valid message with `prolog` (a DOCTYPE) between the XML declaration and the root."""
    declaration, rest = body.split(b"\n", 1)
    return declaration + b"\n" + prolog.encode() + b"\n" + rest


BILLION_LAUGHS = """<!DOCTYPE edXML [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>"""


@pytest.mark.parametrize(
    "prolog",
    [
        BILLION_LAUGHS,
        '<!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE edXML SYSTEM "http://192.0.2.1/evil.dtd">',
        '<!DOCTYPE edXML [<!ENTITY % remote SYSTEM "http://192.0.2.1/x.dtd"> %remote;]>',
        "<!DOCTYPE edXML>",
    ],
)
def test_any_doctype_is_refused_before_anything_is_expanded(prolog: str) -> None:
    xml = with_prolog(prolog)
    xml = xml.replace(b"<edXML:Subject>", b"<edXML:Subject>&lol9;&xxe;")

    with pytest.raises(ForbiddenXml) as refused:
        read(xml)
    assert "DOCTYPE" in refused.value.message


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n",
        b"Day khong phai XML",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b'{"edXML": true}',
        b"<html><body>edXML</body></html>",
        b'<?xml version="1.0"?><Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"/>',
    ],
)
def test_what_is_not_edxml_at_all_says_so(data: bytes) -> None:
    with pytest.raises(NotEdxml) as refused:
        read(data)
    assert "không phải là" in refused.value.message or "rỗng" in refused.value.message


def test_a_truncated_message_is_malformed() -> None:
    with pytest.raises(MalformedXml):
        read(VALID[: len(VALID) // 2])


def test_the_root_in_another_namespace_is_refused() -> None:
    with pytest.raises(WrongNamespace) as refused:
        read(VALID.replace(NS.encode(), b"http://example.com/not-qcvn", 1))
    assert "QCVN 102:2016" in refused.value.message


def test_the_envelope_in_another_namespace_is_refused() -> None:
    xml = VALID.replace(b'xmlns:edXML="' + NS.encode(), b'xmlns:edXML="http://example.com/other', 1)

    with pytest.raises(WrongNamespace):
        read(xml)


def test_a_message_over_the_byte_limit_is_refused_unparsed() -> None:
    with pytest.raises(LimitExceeded) as refused:
        read(VALID, limits=Limits(max_bytes=1000))
    assert "vượt giới hạn" in refused.value.message


@pytest.mark.parametrize("levels", [40, 300])
def test_nesting_too_deep_is_refused(levels: int) -> None:
    deep = b"<edXML:Content>" + b"<edXML:X>" * levels + b"</edXML:X>" * levels + b"</edXML:Content>"
    xml = VALID.replace(b"<edXML:Content>S\xe1\xbb\x9f", deep + b"<edXML:Note>S\xe1\xbb\x9f", 1)
    xml = xml.replace(b"</edXML:Content>", b"</edXML:Note>", 2).replace(
        b"</edXML:Note>", b"</edXML:Content>", 1
    )

    with pytest.raises((LimitExceeded, MalformedXml)):
        read(xml)


def test_too_many_elements_are_refused_while_parsing() -> None:
    places = b"<edXML:Place>x</edXML:Place>" * 30_000
    xml = VALID.replace(b"<edXML:ToPlaces>", b"<edXML:ToPlaces>" + places, 1)

    with pytest.raises(LimitExceeded) as refused:
        read(xml)
    assert "phần tử" in refused.value.message


def test_truncated_base64_is_refused() -> None:
    encoded = base64.b64encode(factories.PDF)
    xml = VALID.replace(encoded, encoded[:-3], 1)

    with pytest.raises(AttachmentUndecodable) as refused:
        read(xml)
    assert "125-STP-VP.pdf" in refused.value.message


def test_base64_with_foreign_characters_is_refused() -> None:
    encoded = base64.b64encode(factories.PDF)
    xml = VALID.replace(encoded, encoded[:8] + b"*!" + encoded[10:], 1)

    with pytest.raises(AttachmentUndecodable):
        read(xml)


def test_an_attachment_over_the_limit_is_refused_before_decoding() -> None:
    big = dataclasses.replace(factories.edoc(), attachments=(factories.edoc().attachments[0],))
    xml = build(big)

    with pytest.raises(LimitExceeded) as refused:
        read(xml, limits=Limits(max_attachment_bytes=10))
    assert "125-STP-VP.pdf" in refused.value.message


def test_too_many_attachments_are_refused() -> None:
    with pytest.raises(LimitExceeded):
        read(VALID, limits=Limits(max_attachments=1))


def test_two_attachments_with_one_content_id_are_refused() -> None:
    xml = VALID.replace(b"e2b7c9d4-3a61-4f08-b5c2-91d8a7e4f360", b"5d0c1a52-8f7e-4c1b-9a44-2b1f0e6c7d10")

    with pytest.raises(InvalidContent):
        read(xml)


@pytest.mark.parametrize("code", [b"07", b"00", b"7", b"99", b"", b"abc", b"\xd9\xa5"])
def test_an_unknown_status_code_is_refused(code: bytes) -> None:
    xml = sample("status_in_message_header.xml").replace(b">05<", b">" + code + b"<")

    with pytest.raises(InvalidContent) as refused:
        read(xml)
    assert "Mã trạng thái" in refused.value.message


@pytest.mark.parametrize("value", [b"4", b"-1", b"moi", b"1.0"])
def test_a_business_type_outside_0_to_3_is_refused(value: bytes) -> None:
    xml = VALID.replace(b"<edXML:BussinessDocType>0<", b"<edXML:BussinessDocType>" + value + b"<")

    with pytest.raises(InvalidContent):
        read(xml)


def test_a_message_without_envelope_is_refused() -> None:
    xml = f'<edXML xmlns="{NS}"><AttachmentEncoded/></edXML>'.encode()

    with pytest.raises(InvalidContent) as refused:
        read(xml)
    assert "edXMLEnvelope" in refused.value.message


def test_a_message_with_neither_document_nor_status_is_refused() -> None:
    xml = f'<edXML xmlns="{NS}"><edXMLEnvelope><edXMLHeader/></edXMLEnvelope></edXML>'.encode()

    with pytest.raises(InvalidContent):
        read(xml)


# Mutations of valid messages: every outcome is a reading or an EdxmlError, never anything else.
HOSTILE_SNIPPETS = [
    b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
    b"&a;",
    b"<![CDATA[",
    b"]]>",
    b"<edXML:Signature>",
    b'<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/>',
    b"\x00",
    b"\xff\xfe",
    b"<?xml-stylesheet href='http://192.0.2.1/x'?>",
    b"xlink:href='cid:x'",
    b"<edXML:StatusCode>13</edXML:StatusCode>",
    b"PK\x03\x04",
]
MESSAGES = [VALID, build(factories.update()), build(factories.status())] + [
    sample(n)
    for n in (
        "edoc_new_two_attachments.xml",
        "edoc_unbound_xlink.xml",
        "edoc_qcvn_signature.xml",
        "status_in_status_element.xml",
    )
]


@st.composite
def mutations(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(MESSAGES)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cut", "flip", "insert", "delete"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "cut":
            del data[at:]
        elif kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(HOSTILE_SNIPPETS) | st.binary(max_size=8))
        elif data:
            del data[at : at + draw(st.integers(1, 40))]
    return bytes(data)


@given(mutations(), st.sampled_from(list(ReadMode)))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_messages_never_crash_the_reader(data: bytes, mode: ReadMode) -> None:
    try:
        outcome: object = read(data, mode=mode).message.kind
    except EdxmlError as exc:
        outcome = exc
    assert outcome in ("edoc", "status") or (isinstance(outcome, EdxmlError) and outcome.message)


@given(st.binary(max_size=400))
@settings(max_examples=200, deadline=None)
def test_random_bytes_never_crash_the_reader(data: bytes) -> None:
    with contextlib.suppress(EdxmlError):
        read(data)


@given(st.binary(max_size=200), st.sampled_from(["", "\n", "\r\n", " "]))
def test_base64_of_any_file_decodes_to_it(data: bytes, blank: str) -> None:
    encoded = base64.b64encode(data).decode()
    wrapped = blank.join(encoded[i : i + 76] for i in range(0, len(encoded), 76))

    assert decode_base64(wrapped) == data


@given(st.text(alphabet="ABCDabcd0123+/=- \n*é", max_size=40))
def test_base64_decoding_is_as_strict_as_the_standard_library(text: str) -> None:
    compact = "".join(text.split())
    try:
        expected: bytes | None = base64.b64decode(compact.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        expected = None
    if len(compact) % 4:
        # The standard library lets surplus padding after a whole group through ("0000="); RFC 4648
        # does not, and neither do we: such a text was cut or padded by something broken.
        expected = None

    assert decode_base64(text) == expected
