"""Whoever can write the checkpoint folder still cannot change, drop or replace a checkpoint unnoticed."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from motcua.dossiers.anchors.record import Header, read_checkpoint
from motcua.dossiers.anchors.services import make_checkpoint
from motcua.dossiers.anchors.verification import verify_history
from motcua.signatures import pdfsign
from motcua.signatures.keys import signer_from_key

from .support import move_on, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(world, seal) -> list[Path]:
    dossiers = register(world, 3)
    paths = [make_checkpoint().path]
    move_on(world, dossiers[0])
    paths.append(make_checkpoint().path)
    move_on(world, dossiers[1])
    paths.append(make_checkpoint().path)
    return paths


def rewrite(path: Path, lines: list[bytes]) -> None:
    path.chmod(0o644)
    path.write_bytes(b"\n".join(lines) + b"\n")


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\n")[:-1]


def problems(seal) -> list[tuple[int | None, str]]:
    report = verify_history(seal.anchor_dir)
    assert not report.ok
    return [(p.seq, p.reason) for p in report.files.problems]


def test_untouched_they_pass(three, seal):
    report = verify_history(seal.anchor_dir)

    assert report.ok
    assert [f.header.seq for f in report.files.files] == [1, 2, 3]
    assert all(check.ok and check.timestamp_ok for check in report.files.signatures.values())


def test_a_header_changed_after_signing(three, seal):
    lines = lines_of(three[1])
    header = Header.parse(lines[0])
    forged = Header(**{**header.__dict__, "watermark": header.watermark + 1000})
    rewrite(three[1], [forged.canonical(), *lines[1:]])

    found = problems(seal)

    assert (2, "chữ ký số: nội dung đã bị thay đổi sau khi ký (chữ ký không khớp)") in found
    assert any(seq == 3 and "liên kết tới điểm neo số 2 không khớp" in reason for seq, reason in found)


def test_a_damaged_signature(three, seal):
    lines = lines_of(three[0])
    signature = base64.b64decode(lines[1])
    rewrite(three[0], [lines[0], base64.b64encode(signature[:-40]), *lines[2:]])

    assert (1, "chữ ký số: chữ ký không đọc được (tệp chữ ký hỏng)") in problems(seal)


def test_a_checkpoint_resigned_by_someone_outside_the_trust_store(three, seal):
    lines = lines_of(three[2])
    rogue = signer_from_key(
        seal.pki.private_key("rogue-signer"), seal.pki.cert("rogue-signer"), seal.pki.chain("rogue-signer")
    )
    signed = pdfsign.run_sync(
        rogue.async_sign_general_data(lines[0], "sha256", detached=True, use_cades=True)
    )
    rewrite(three[2], [lines[0], base64.b64encode(signed.dump()), *lines[2:]])

    found = problems(seal)

    assert [seq for seq, _ in found] == [3]
    assert "không thuộc kho chứng thư tin cậy" in found[0][1]


def test_an_edited_leaf(three, seal):
    lines = lines_of(three[0])
    dossier_id, version, _head = lines[3].split(b",")
    rewrite(three[0], [*lines[:3], b",".join([dossier_id, version, b"0" * 64]), *lines[4:]])

    found = problems(seal)

    assert found == [(1, "gốc Merkle của các lá không khớp với phần được ký (lá đã bị sửa)")]


def test_a_checkpoint_dropped_from_the_middle(three, seal):
    three[1].unlink()

    found = problems(seal)

    assert (3, "thiếu điểm neo số 2 trước điểm neo này") in found
    assert (2, "điểm neo số 2 có trong danh sách nhưng không còn tệp") in found


def test_the_last_checkpoint_dropped(three, seal):
    three[2].unlink()

    assert problems(seal) == [(3, "điểm neo số 3 có trong danh sách nhưng không còn tệp")]


def test_checkpoints_swapped(three, seal):
    first, second = three[0].read_bytes(), three[1].read_bytes()
    for path, content in ((three[0], second), (three[1], first)):
        path.chmod(0o644)
        path.write_bytes(content)

    found = problems(seal)

    # the file names no longer match the numbers inside the signed headers
    assert any("tên tệp không khớp" in reason for _, reason in found)
    assert read_checkpoint(three[2]).header.seq == 3
