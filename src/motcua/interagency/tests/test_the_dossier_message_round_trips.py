"""The dossier travels as an edXML eDoc: built, read back (lenient and strict), the same package and
files; a tampered file or a broken package is refused with a reason, never a crash."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.exchange import edxml
from motcua.interagency import wire

SENDER = edxml.Organ("000.00.10.H48", "Sở Tư pháp")
RECEIVER = edxml.Organ("000.00.14.H49", "Sở Xây dựng tỉnh bạn")
ON = date(2026, 12, 7)

# XML 1.0 text: no control characters, no surrogates (the codec refuses what XML cannot carry).
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    max_size=40,
)
code = st.from_regex(r"\A[0-9A-Z][0-9A-Z.\-]{0,30}\Z")
moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)
).map(lambda m: m.replace(microsecond=0).astimezone(timezone(timedelta(hours=7))))
json_value = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**9), 10**9) | text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(text, children, max_size=3),
    max_leaves=8,
)
files = st.lists(st.tuples(text.filter(bool), st.binary(min_size=1, max_size=300)), max_size=3)


@st.composite
def packages(draw: st.DrawFn) -> tuple[wire.DossierPackage, dict[str, bytes]]:
    contents = draw(files)
    data = {f"tep-{i}": body for i, (_name, body) in enumerate(contents, start=1)}
    entries = tuple(
        wire.file_entry(f"tep-{i}", name, "application/pdf", body, draw(text))
        for i, (name, body) in enumerate(contents, start=1)
    )
    package = wire.DossierPackage(
        dossier_code=draw(code),
        procedure_code=draw(code),
        procedure_name=draw(text),
        applicant=draw(st.dictionaries(st.sampled_from(["name", "phone", "id_number", "kind"]), text)),
        form_data=draw(st.dictionaries(text, json_value, max_size=4)),
        channel=draw(st.sampled_from(["counter", "online", "postal"])),
        submitted_at=draw(moments),
        received_at=draw(st.none() | moments),
        due_at=draw(st.none() | moments),
        share_due_at=draw(st.none() | moments),
        share_time=draw(st.none() | st.integers(1, 100)),
        share_unit=draw(st.sampled_from(["", "day", "hour"])),
        note=draw(text),
        handed_by=draw(text),
        files=entries,
    )
    return package, data


def edoc_of(package: wire.DossierPackage, data: dict[str, bytes]) -> edxml.EDoc:
    return wire.dossier_edoc(package, sender=SENDER, receiver=RECEIVER, on=ON, files=data, handover=3)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(packages())
def test_build_then_read_gives_the_same_dossier(drawn: tuple[wire.DossierPackage, dict[str, bytes]]) -> None:
    package, data = drawn
    xml = edxml.build(edoc_of(package, data))

    # Strict reading refuses a file that starts like a zip but is none; receiving reads leniently.
    looks_zipped = any(body.startswith(b"PK") for body in data.values())
    for mode in (
        (edxml.ReadMode.LENIENT,) if looks_zipped else (edxml.ReadMode.LENIENT, edxml.ReadMode.STRICT)
    ):
        doc = edxml.parse(xml, mode=mode)
        assert isinstance(doc, edxml.EDoc)
        carried = wire.read_dossier(doc)
        assert carried.package == package
        assert carried.files == data
    assert doc.document_id == wire.dossier_document_id(SENDER.organ_id, ON, package.dossier_code, 3)
    assert not edxml.receipt_problems(edxml.read(xml), recipient=RECEIVER.organ_id)


@settings(max_examples=30, deadline=None)
@given(packages())
def test_the_same_dossier_gives_the_same_bytes(drawn: tuple[wire.DossierPackage, dict[str, bytes]]) -> None:
    package, data = drawn
    assert edxml.build(edoc_of(package, data)) == edxml.build(edoc_of(package, data))


def test_a_file_that_does_not_match_its_digest_is_refused() -> None:
    body = b"%PDF-1.4 to khai"
    package = wire.DossierPackage(
        dossier_code="H48.10-261207-0001",
        procedure_code="1.000001",
        procedure_name="Thủ tục",
        applicant={"name": "Trần Thị Hoa"},
        form_data={},
        channel="counter",
        submitted_at=datetime(2026, 12, 7, 8, tzinfo=UTC),
        received_at=None,
        due_at=None,
        share_due_at=None,
        files=(wire.file_entry("tep-1", "to-khai.pdf", "application/pdf", body),),
    )
    doc = edoc_of(package, {"tep-1": body + b"!"})

    with pytest.raises(wire.NotADossier, match="không khớp mã băm"):
        wire.read_dossier(edxml.parse(edxml.build(doc)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "payload",
    [b"", b"{", b"[]", b'{"version": 2}', b'{"version": 1}', b'{"version": 1, "applicant": 1}', b"\xff\xfe"],
)
def test_a_broken_package_is_refused_with_a_reason(payload: bytes) -> None:
    doc = edxml.EDoc(
        from_=SENDER,
        to=(RECEIVER,),
        business=edxml.Business(document_info=wire.DOSSIER_KIND),
        attachments=(edxml.Attachment(wire.PACKAGE_ID, wire.PACKAGE_NAME, payload, wire.PACKAGE_TYPE),),
    )
    with pytest.raises(wire.NotADossier):
        wire.read_dossier(doc)


def test_an_ordinary_document_is_not_a_dossier() -> None:
    doc = dataclasses.replace(edoc_of(*packages_example()), business=edxml.Business())
    assert not wire.is_dossier(doc)
    with pytest.raises(wire.NotADossier):
        wire.read_dossier(doc)


def packages_example() -> tuple[wire.DossierPackage, dict[str, bytes]]:
    package = wire.DossierPackage(
        dossier_code="X-1",
        procedure_code="1.0",
        procedure_name="T",
        applicant={},
        form_data={},
        channel="counter",
        submitted_at=datetime(2026, 12, 7, 8, tzinfo=UTC),
        received_at=None,
        due_at=None,
        share_due_at=None,
    )
    return package, {}


def test_a_file_that_starts_like_a_zip_travels_unchanged() -> None:
    body = b"PK\x03\x04 not really a zip"
    package, _ = packages_example()
    package = dataclasses.replace(
        package, files=(wire.file_entry("tep-1", "ban-ve.pdf", "application/pdf", body),)
    )
    doc = edxml.read(edxml.build(edoc_of(package, {"tep-1": body}))).message

    assert wire.read_dossier(doc).files == {"tep-1": body}  # type: ignore[arg-type]
