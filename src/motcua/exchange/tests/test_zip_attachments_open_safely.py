"""Zip attachments: opened within limits, unsafe ones refused, an edXML package inside read in turn."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest

from motcua.exchange.edxml import Attachment, EDoc, Limits, ReadMode, StrictRefusal, build, read
from motcua.exchange.edxml.errors import ForbiddenXml, LimitExceeded, UnsafeArchive
from motcua.exchange.tests import factories


def zipped(*members: tuple[str | zipfile.ZipInfo, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return out.getvalue()


def carrying(data: bytes, name: str = "goi.zip", content_type: str = "application/zip") -> bytes:
    attachment = Attachment("9a1f6c2e-0d3b-4f5a-8e7c-1b2d3c4e5f60", name, data, content_type)
    return build(dataclasses.replace(factories.edoc(), attachments=(attachment,)))


def test_a_file_zipped_by_the_gateway_is_unpacked() -> None:
    reading = read(
        carrying(zipped(("b1c2.pdf", factories.PDF)), name="quyet-dinh.pdf", content_type="application/pdf")
    )

    (unpacked,) = reading.unpacked
    assert unpacked.name == "b1c2.pdf"
    assert unpacked.data == factories.PDF
    assert unpacked.reading is None
    assert reading.warnings == ()


def test_an_edxml_package_inside_a_zip_is_read_too() -> None:
    inner = build(factories.status("03"))

    reading = read(carrying(zipped(("goi-tin/trang-thai.edxml", inner), ("ghi-chu.txt", b"x"))))

    nested = {u.name: u.reading for u in reading.unpacked}
    assert nested["ghi-chu.txt"] is None
    inner_reading = nested["goi-tin/trang-thai.edxml"]
    assert inner_reading is not None
    assert inner_reading.message.status_code == "03"  # type: ignore[union-attr]


def test_office_documents_are_kept_as_documents() -> None:
    docx = zipped(("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>" * 5000))

    reading = read(carrying(docx, name="to-trinh.docx", content_type="application/msword"))

    assert reading.unpacked == ()
    assert isinstance(reading.message, EDoc)
    assert reading.message.attachments[0].data == docx


def test_a_zip_bomb_is_refused() -> None:
    bomb = zipped(("trong.bin", b"\x00" * (20 * 1024 * 1024)))
    assert len(bomb) < 100_000

    with pytest.raises(LimitExceeded) as refused:
        read(carrying(bomb))
    assert "bom nén" in refused.value.message or "giới hạn" in refused.value.message


def test_many_members_adding_up_past_the_budget_are_refused() -> None:
    members = [
        (f"phan-{i}.bin", bytes(range(256)) * 4096) for i in range(4)
    ]  # 1 MB each, poorly compressible

    with pytest.raises(LimitExceeded) as refused:
        read(carrying(zipped(*members)), limits=Limits(max_decoded_bytes=3 * 1024 * 1024))
    assert "Tổng dung lượng" in refused.value.message


def test_too_many_members_are_refused() -> None:
    with pytest.raises(LimitExceeded):
        read(carrying(zipped(*[(f"{i}.txt", b"x") for i in range(300)])))


def _symlink() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("lien-ket")
    info.external_attr = 0o120777 << 16
    return info


@pytest.mark.parametrize(
    "member",
    [
        ("../../etc/cron.d/x", b"x"),
        ("/etc/passwd", b"x"),
        ("C:\\Windows\\x.dll", b"x"),
        ("..\\..\\x.txt", b"x"),
        (_symlink(), b"/etc/passwd"),
    ],
)
def test_unsafe_members_are_refused(member: tuple[str | zipfile.ZipInfo, bytes]) -> None:
    with pytest.raises(UnsafeArchive):
        read(carrying(zipped(member)))


def test_an_encrypted_member_is_refused() -> None:
    data = bytearray(zipped(("bi-mat.pdf", factories.PDF)))
    # zipfile cannot write encrypted members: set the "encrypted" flag in both headers
    data[6] |= 0x1
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x1

    with pytest.raises(UnsafeArchive) as refused:
        read(carrying(bytes(data)))
    assert "mật khẩu" in refused.value.message


def test_two_members_with_one_name_are_refused() -> None:
    with pytest.raises(UnsafeArchive):
        read(carrying(zipped(("a.pdf", b"1"), ("A.pdf", b"2"))))


def test_a_broken_zip_declared_as_zip_is_refused() -> None:
    with pytest.raises(UnsafeArchive):
        read(carrying(zipped(("a.pdf", factories.PDF * 50))[:60]))


def test_a_file_that_only_starts_like_a_zip_is_kept_with_a_warning() -> None:
    data = b"PK\x03\x04 not really a zip"
    xml = carrying(data, name="scan.pdf", content_type="application/pdf")

    reading = read(xml)

    assert [w.code for w in reading.warnings] == ["zip_unreadable"]
    with pytest.raises(StrictRefusal):
        read(xml, mode=ReadMode.STRICT)


def test_packages_nested_too_deep_are_refused() -> None:
    innermost = build(factories.status("01"))
    middle = carrying(zipped(("trong-cung.edxml", innermost)))

    with pytest.raises(LimitExceeded) as refused:
        read(carrying(zipped(("giua.edxml", middle))), limits=Limits(max_nesting=1))
    assert "lồng" in refused.value.message


def test_a_hostile_package_inside_a_zip_refuses_the_whole_message() -> None:
    inner = (
        b'<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY x SYSTEM "file:///etc/passwd">]><edXML>&x;</edXML>'
    )

    with pytest.raises(ForbiddenXml):
        read(carrying(zipped(("goi.xml", inner))))


def test_a_broken_package_inside_a_zip_is_a_warning() -> None:
    inner = build(factories.status("01"))[:200]

    reading = read(carrying(zipped(("goi.xml", inner))))

    assert [w.code for w in reading.warnings] == ["nested_unreadable"]
    assert reading.unpacked[0].reading is None
