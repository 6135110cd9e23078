"""Build, then read: the same model, in strict mode (no warning), with the prefix discipline kept."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from lxml import etree

from motcua.exchange.edxml import EDoc, ReadMode, StatusLayout, StatusMessage, build, read
from motcua.exchange.edxml.codes import DS_NS, NS
from motcua.exchange.tests import factories
from motcua.exchange.tests.strategies import edocs, statuses


def assert_prefix_discipline(xml: bytes) -> None:
    """Every element inside edXMLEnvelope is written edXML:..., everything outside unprefixed."""
    root = etree.fromstring(xml)
    assert root.prefix is None
    assert root.nsmap[None] == NS
    envelope = root[0]
    for element in envelope.iter():
        if etree.QName(element).namespace == DS_NS:
            continue  # the XMLDSig signature keeps its own namespace
        assert element.prefix == "edXML", f"{element.tag} is written without the edXML: prefix"
    for element in root.iterchildren():
        if element is not envelope:
            assert all(e.prefix is None for e in element.iter())


@given(edocs())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_document_round_trips(doc: EDoc) -> None:
    xml = build(doc)

    reading = read(xml, mode=ReadMode.STRICT)

    assert reading.message == doc
    assert reading.warnings == ()
    assert_prefix_discipline(xml)


@given(statuses)
@settings(max_examples=60, deadline=None)
def test_any_status_round_trips_in_both_layouts(status: StatusMessage) -> None:
    for layout in StatusLayout:
        xml = build(status, status_layout=layout)

        assert read(xml, mode=ReadMode.STRICT).message == status
        assert_prefix_discipline(xml)


def test_status_code_keeps_its_leading_zero() -> None:
    xml = build(factories.status("01"))

    assert b"<edXML:StatusCode>01</edXML:StatusCode>" in xml
    assert read(xml).message.status_code == "01"  # type: ignore[union-attr]


def test_what_the_national_axis_expects_is_written_so() -> None:
    xml = build(factories.edoc())

    assert_prefix_discipline(xml)
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert b"<edXML:DocumentId>000.00.12.H48,2026/03/02,125/STP-VP</edXML:DocumentId>" in xml
    assert b"<edXML:PromulgationDate>2026/03/02</edXML:PromulgationDate>" in xml
    assert b"<edXML:Timestamp>2026/03/02 14:05:31</edXML:Timestamp>" in xml
    assert b"<edXML:BussinessDocType>0</edXML:BussinessDocType>" in xml  # sic, as QCVN spells it
    assert b"<ContentTransferEncoded>" in xml
    assert b'xlink:href="cid:5d0c1a52-8f7e-4c1b-9a44-2b1f0e6c7d10"' in xml


def test_output_is_deterministic() -> None:
    assert build(factories.edoc()) == build(factories.edoc())


def test_an_update_to_several_agencies_round_trips() -> None:
    doc = factories.update()

    assert read(build(doc), mode=ReadMode.STRICT).message == doc


def test_a_document_without_attachments_round_trips() -> None:
    doc = dataclasses.replace(factories.edoc(), attachments=())

    assert read(build(doc), mode=ReadMode.STRICT).message == doc
