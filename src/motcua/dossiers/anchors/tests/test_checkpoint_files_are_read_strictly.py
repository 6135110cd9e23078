"""The checkpoint file format: what is written reads back the same; anything else is refused with a
reason, never read half-way."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.dossiers.anchors.merkle import Leaf
from motcua.dossiers.anchors.record import (
    CheckpointUnreadable,
    Header,
    encode_leaf,
    iter_leaves,
    parse_leaf,
    read_checkpoint,
    write_checkpoint,
)

leaf_strategy = st.builds(
    Leaf,
    dossier_id=st.integers(min_value=1, max_value=2**63 - 1),
    version=st.integers(min_value=0, max_value=2**32 - 1),
    head=st.binary(min_size=32, max_size=32).map(bytes.hex),
)
header_strategy = st.builds(
    Header,
    seq=st.integers(min_value=2, max_value=10**8 - 1),
    kind=st.sampled_from(["regular", "restore"]),
    made_at=st.just("2026-12-01T19:00:00.000000+00:00"),
    previous=st.binary(min_size=32, max_size=32).map(bytes.hex),
    root=st.binary(min_size=32, max_size=32).map(bytes.hex),
    leaves=st.integers(min_value=0, max_value=10**7),
    watermark=st.integers(min_value=0, max_value=2**40),
    scanned_after=st.integers(min_value=0, max_value=2**40),
    agency=st.text(max_size=20),
    note=st.text(max_size=100),
)


@given(leaf_strategy)
def test_a_leaf_reads_back(leaf):
    assert parse_leaf(encode_leaf(leaf)) == leaf


@given(header_strategy)
def test_a_header_reads_back_from_its_canonical_bytes(header):
    assert Header.parse(header.canonical()) == header


@given(st.binary(max_size=200))
def test_garbage_is_refused_with_a_reason(raw):
    """Never another exception: a header must be exactly canonical; the odd leaf line may be valid."""
    reasons = []
    for parse in (Header.parse, parse_leaf):
        try:
            parse(raw)
        except CheckpointUnreadable as exc:
            reasons.append(str(exc))
    assert all(reasons)
    assert reasons


def test_a_header_that_is_not_canonical_is_refused():
    header = Header(1, "regular", "2026-12-01T19:00:00.000000+00:00", "", "0" * 64, 0, 0, 0, "H48")
    spaced = header.canonical().replace(b",", b", ")
    with pytest.raises(CheckpointUnreadable, match="không ở dạng chuẩn"):
        Header.parse(spaced)
    with pytest.raises(CheckpointUnreadable, match=r"không hợp lệ|không khớp"):
        Header.parse(Header(2, "regular", header.made_at, "", "0" * 64, 0, 0, 0, "H48").canonical())


def write(tmp_path, leaves: list[Leaf], *, seq: int = 1) -> tuple[Header, object]:
    body = tmp_path / "leaves"
    body.write_bytes(b"".join(encode_leaf(leaf) for leaf in leaves))
    header = Header(seq, "regular", "2026-12-01T19:00:00+00:00", "", "0" * 64, len(leaves), 0, 0, "H48")
    return header, write_checkpoint(tmp_path, header, b"signature", body)


def test_written_once_then_read_back(tmp_path):
    leaves = [Leaf(3, 1, "a" * 64), Leaf(10, 4, "b" * 64)]
    header, path = write(tmp_path, leaves)

    read = read_checkpoint(path)

    assert (read.header, read.signature, list(iter_leaves(path))) == (header, b"signature", leaves)
    with pytest.raises(FileExistsError):
        write(tmp_path, leaves)


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda lines: [lines[0], lines[1], lines[3], lines[2]], "thứ tự"),
        (lambda lines: [*lines[:2], b"3,1,zz"], "không hợp lệ"),
        (lambda lines: [*lines[:2], lines[2][:10]], "cắt cụt"),
    ],
)
def test_damaged_leaves_are_refused(tmp_path, damage, reason):
    _header, path = write(tmp_path, [Leaf(3, 1, "a" * 64), Leaf(10, 4, "b" * 64)])
    lines = path.read_bytes().split(b"\n")[:-1]
    path.chmod(0o644)
    spoiled = damage(lines)
    path.write_bytes(b"\n".join(spoiled) + (b"" if reason == "cắt cụt" else b"\n"))

    with pytest.raises(CheckpointUnreadable, match=reason):
        list(iter_leaves(path))


def test_a_signature_line_that_is_not_base64_is_refused(tmp_path):
    _header, path = write(tmp_path, [])
    lines = path.read_bytes().split(b"\n")
    path.chmod(0o644)
    path.write_bytes(b"\n".join([lines[0], base64.b64encode(b"x")[:-1] + b"!", b""]))

    with pytest.raises(CheckpointUnreadable, match="base64"):
        read_checkpoint(path)


def test_a_file_renamed_to_another_number_is_refused(tmp_path):
    _header, path = write(tmp_path, [])
    moved = path.rename(path.with_name("checkpoint-00000002.ckpt"))

    with pytest.raises(CheckpointUnreadable, match="tên tệp"):
        read_checkpoint(moved)
