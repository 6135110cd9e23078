"""An archive that is damaged, incomplete, unsafe or unknown is refused whole: exit 2, nothing changed."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest

from .support import edit_manifest, make_dossiers, repack, run, snapshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def archive(world, key_folder, tmp_path) -> Path:
    make_dossiers(world, count=2)
    assert run("backup", "--output", str(tmp_path / "out")).code == 0
    return next((tmp_path / "out").glob("motcua-backup-*.tar.gz"))


def flip_a_byte(name: str, data: bytes) -> bytes:
    if name.startswith("media/"):
        return data[:-1] + bytes([data[-1] ^ 1])
    return data


def drop_the_database(name: str, data: bytes) -> bytes | None:
    return None if name.startswith("database/") else data


def traversal() -> tarfile.TarInfo:
    info = tarfile.TarInfo("media/../../etc/cron.d/evil")
    info.size = 4
    return info


def link() -> tarfile.TarInfo:
    info = tarfile.TarInfo("keys/so-tu-phap.p12.link")
    info.type = tarfile.SYMTYPE
    info.linkname = "/etc/shadow"
    return info


def absolute() -> tarfile.TarInfo:
    info = tarfile.TarInfo("/tmp/evil")
    info.size = 4
    return info


def future_format(body: dict) -> None:
    body["format_version"] = 99


CASES = {
    "a flipped byte": ({"change": flip_a_byte}, "sai mã kiểm tra"),
    "a missing member": ({"change": drop_the_database}, "thiếu"),
    "a path traversal": ({"extra": [traversal()]}, "không an toàn"),
    "an absolute path": ({"extra": [absolute()]}, "không an toàn"),
    "a link": ({"extra": [link()]}, "liên kết"),
    "an unknown format": ({"change": edit_manifest(future_format)}, "không được hỗ trợ"),
}


@pytest.mark.parametrize("case", CASES)
def test_refused_and_nothing_changed(case, archive, key_folder, tmp_path):
    changes, message = CASES[case]
    spoiled = repack(archive, tmp_path / "spoiled.tar.gz", **changes)
    before = snapshot(key_folder)

    refused = run("restore", str(spoiled), "--replace", "--allow-unsigned")

    assert refused.code == 2
    assert message in refused.err
    assert snapshot(key_folder) == before
    assert not (tmp_path / "data" / "backups").exists()  # not even a safety backup was needed
    assert not Path("/tmp/evil").exists()


def test_a_truncated_archive_is_refused(archive, key_folder, tmp_path):
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    before = snapshot(key_folder)

    refused = run("restore", str(cut), "--replace", "--allow-unsigned")

    assert refused.code == 2
    assert "Không đọc được" in refused.err
    assert snapshot(key_folder) == before


def test_the_manifest_lists_every_member_with_its_checksum(archive):
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert names - {"manifest.json"} == set(manifest["members"])
    assert all(len(m["sha256"]) == 64 for m in manifest["members"].values())
