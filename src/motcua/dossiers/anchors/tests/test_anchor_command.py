"""`motcua anchor`, `--verify`, `--list`: what the administrator reads, and the exit codes cron sees."""

from __future__ import annotations

import pytest

from motcua.dossiers.models import Dossier

from .support import move_on, register, rewrite_history, run

pytestmark = pytest.mark.django_db


def test_without_a_seal_no_checkpoint_is_made(world, settings, tmp_path):
    settings.MOTCUA_ANCHOR_DIR = str(tmp_path / "anchors")
    register(world, 1)

    made = run("anchor")
    verified = run("anchor", "--verify")

    assert made.code == 2
    assert "Chưa có con dấu số" in made.err
    assert verified.code == 2
    assert "Chưa có điểm neo nào" in verified.err
    assert not list((tmp_path / "anchors").glob("*.ckpt"))


def test_make_list_verify(world, seal):
    dossiers = register(world, 2)
    first = run("anchor")
    move_on(world, dossiers[0])
    second = run("anchor")

    listed = run("anchor", "--list")
    verified = run("anchor", "--verify")

    assert first.code == 0, first.err
    assert "Đã tạo điểm neo số 1" in first.out
    assert "2 hồ sơ có đầu chuỗi mới; ký bởi Sở Tư pháp tỉnh Quảng Trị, dấu thời gian" in first.out
    assert "checkpoint-00000001.ckpt" in first.out
    assert "Đã tạo điểm neo số 2" in second.out
    assert "1 hồ sơ có đầu chuỗi mới" in second.out
    assert listed.code == 0
    assert "Điểm neo gần nhất: số 2, 0 giờ trước." in listed.out
    assert listed.out.index("checkpoint-00000002") < listed.out.index("checkpoint-00000001")
    assert verified.code == 0, verified.err
    assert "Điểm neo: 2 tệp (chữ ký số, dấu thời gian, gốc Merkle, liên kết): 0 lỗi." in verified.out
    assert "3 lá, 0 sai khác" in verified.out
    assert "Chuỗi sự kiện: 2 hồ sơ, 0 bị lỗi." in verified.out
    assert "Mọi kiểm tra đều đạt." in verified.out


def test_a_rewritten_history_fails_the_verification(world, seal):
    dossiers = register(world, 2)
    assert run("anchor").code == 0
    rewrite_history(dossiers[1].pk, 1)

    verified = run("anchor", "--verify")

    assert verified.code == 1
    code = Dossier.objects.get(pk=dossiers[1].pk).code
    assert (
        f"Hồ sơ {code} (id {dossiers[1].pk}): sự kiện số {dossiers[1].version} khác với điểm neo"
        in verified.err
    )
    assert "KHÔNG khớp" in verified.err


def test_a_head_that_cannot_follow_is_reported_with_exit_1(world, seal):
    dossiers = register(world, 2)
    assert run("anchor").code == 0
    Dossier.objects.filter(pk=dossiers[0].pk).update(last_event_hash="e" * 64)

    made = run("anchor")

    assert made.code == 1
    assert "Đã tạo điểm neo số 2" in made.out
    assert "1 hồ sơ không được neo" in made.err
    assert "đầu chuỗi đổi mà không có sự kiện mới" in made.err


def test_a_folder_inside_the_media_root_is_refused(world, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.MOTCUA_ANCHOR_DIR = str(tmp_path / "media" / "anchors")

    refused = run("anchor")

    assert refused.code == 2
    assert "MEDIA_ROOT" in refused.err
