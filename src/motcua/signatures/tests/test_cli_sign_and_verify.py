"""`motcua sign` and `motcua verify`: what administrators and scripts run, with their exit codes."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from motcua.signatures.testing import documents
from motcua.signatures.testing.documents import result_pdf

from .conftest import PASSPHRASE, PASSPHRASE_ENV


@pytest.fixture
def files(pki, tmp_path, monkeypatch):
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    (tmp_path / "in.pdf").write_bytes(result_pdf())
    (tmp_path / "root.pem").write_bytes(pki.cert_pem("root"))
    (tmp_path / "rogue.pem").write_bytes(pki.cert_pem("rogue-root"))
    pki.pkcs12("official", PASSPHRASE.encode(), tmp_path)
    return tmp_path


def verify(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("verify", *args, stdout=out)
    return int(exited.value.code), out.getvalue()


@pytest.mark.parametrize("level", ["B-T", "B-LTA"])
def test_sign_then_verify_is_valid(files, pki, level):
    call_command(
        "sign",
        str(files / "in.pdf"),
        str(files / "out.pdf"),
        "--level",
        level,
        "--pkcs12",
        str(files / "official.p12"),
        "--passphrase-env",
        PASSPHRASE_ENV,
        "--tsa",
        pki.tsa_url,
        "--trust",
        str(files / "root.pem"),
        stdout=io.StringIO(),
    )

    code, out = verify(
        str(files / "out.pdf"), "--trust", str(files / "root.pem"), "--xml", str(files / "r.xml")
    )
    assert code == 0
    assert "Chữ ký 1 (Signature1): HỢP LỆ" in out
    assert "Người ký: Nguyễn Văn An" in out
    assert f"Mức: PAdES {level}" in out
    assert "KẾT LUẬN: HỢP LỆ" in out
    assert "total-passed" in (files / "r.xml").read_text()


def test_attachment_notation_at_the_top_right(files, pki):
    call_command(
        "sign",
        str(files / "in.pdf"),
        str(files / "att.pdf"),
        "--pkcs12",
        str(files / "official.p12"),
        "--passphrase-env",
        PASSPHRASE_ENV,
        "--tsa",
        pki.tsa_url,
        "--notation",
        "Số: 123/QĐ-STP",
        stdout=io.StringIO(),
    )
    assert verify(str(files / "att.pdf"), "--trust", str(files / "root.pem"))[0] == 0


def test_not_valid_exits_1_and_says_why(files, signing):
    (files / "tampered.pdf").write_bytes(documents.flip_one_byte(signing.document()))
    code, out = verify(str(files / "tampered.pdf"), "--trust", str(files / "root.pem"))
    assert code == 1
    assert "KHÔNG HỢP LỆ" in out
    assert "HASH_FAILURE" in out

    (files / "signed.pdf").write_bytes(signing.document())
    code, out = verify(str(files / "signed.pdf"), "--trust", str(files / "rogue.pem"))
    assert code == 1
    assert "NO_CERTIFICATE_CHAIN_FOUND" in out


def test_cannot_be_validated_or_no_signature_exits_2(files, signing):
    (files / "note.txt").write_text("xin chào")
    (files / "cut.pdf").write_bytes(documents.truncate(signing.document()))
    for name in ("note.txt", "cut.pdf", "in.pdf", "missing.pdf"):
        code, _out = verify(str(files / name), "--trust", str(files / "root.pem"))
        assert code == 2, name


def test_offline_b_t_cannot_be_validated(files, signing):
    (files / "signed.pdf").write_bytes(signing.document())
    code, out = verify(str(files / "signed.pdf"), "--trust", str(files / "root.pem"), "--offline", "--json")
    assert code == 2
    assert '"verdict": "indeterminate"' in out


def test_sign_needs_a_key_and_a_timestamp_authority(files, pki, settings):
    settings.MOTCUA_SIGNATURE_TSA_URL = ""
    with pytest.raises(CommandError, match="dấu thời gian"):
        call_command(
            "sign", str(files / "in.pdf"), str(files / "x.pdf"), "--pkcs12", str(files / "official.p12")
        )
    with pytest.raises(CommandError, match="--pkcs12"):
        call_command("sign", str(files / "in.pdf"), str(files / "x.pdf"), "--tsa", pki.tsa_url)
    with pytest.raises(CommandError, match="Mật khẩu"):
        call_command(
            "sign",
            str(files / "in.pdf"),
            str(files / "x.pdf"),
            "--tsa",
            pki.tsa_url,
            "--pkcs12",
            str(files / "official.p12"),
            "--passphrase-env",
            "NO_SUCH_VARIABLE",
        )


def test_sign_with_the_key_on_a_pkcs11_token(files, pki, softhsm):
    (files / "seal.pem").write_bytes(pki.cert_pem("seal") + pki.cert_pem("ca"))
    call_command(
        "sign",
        str(files / "in.pdf"),
        str(files / "hsm.pdf"),
        "--pkcs11-module",
        softhsm.module,
        "--token-label",
        softhsm.token_label,
        "--key-label",
        softhsm.key_label,
        "--pin-env",
        softhsm.pin_env,
        "--cert",
        str(files / "seal.pem"),
        "--chain",
        str(files / "seal.pem"),
        "--tsa",
        pki.tsa_url,
        stdout=io.StringIO(),
    )
    code, out = verify(str(files / "hsm.pdf"), "--trust", str(files / "root.pem"))
    assert code == 0
    assert "Sở Tư pháp tỉnh Quảng Trị" in out
