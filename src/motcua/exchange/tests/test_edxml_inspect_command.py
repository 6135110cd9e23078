"""`motcua edxml inspect FILE [--strict]`: JSON on stdout, exit 0/1/2, a Vietnamese reason, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from motcua.exchange import edxml
from motcua.exchange.tests import factories
from motcua.exchange.tests.conftest import SAMPLES, sample
from motcua.signatures.testing.pki import Pki

KEYS = {
    "kind",
    "from",
    "to",
    "document_id",
    "code_number",
    "code_notation",
    "promulgation_date",
    "business_doc_type",
    "subject",
    "status_code",
    "attachments",
    "warnings",
}


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as ended:
        call_command("edxml", *args, stdout=out, stderr=err)
    return int(ended.value.code or 0), out.getvalue(), err.getvalue()


def test_a_document_is_printed_as_json() -> None:
    status, out, err = run("inspect", str(SAMPLES / "edoc_new_two_attachments.xml"))

    assert status == 0
    assert err == ""
    printed = json.loads(out)
    assert set(printed) == KEYS
    assert printed["kind"] == "edoc"
    assert printed["from"] == {"organ_id": "000.00.12.H48", "organ_name": "Sở Tư pháp tỉnh Quảng Trị"}
    assert printed["to"] == [{"organ_id": "000.00.14.H48", "organ_name": "Sở Nội vụ tỉnh Quảng Trị"}]
    assert printed["document_id"] == "000.00.12.H48,2026/03/02,125/STP-VP"
    assert (printed["code_number"], printed["code_notation"]) == ("125", "STP-VP")
    assert printed["promulgation_date"] == "2026-03-02"
    assert printed["business_doc_type"] == 0
    assert printed["subject"].startswith("Về việc cử cán bộ")
    assert printed["status_code"] is None
    assert printed["attachments"] == [
        {"content_id": "5d0c1a52-8f7e-4c1b-9a44-2b1f0e6c7d10", "name": "125-STP-VP.pdf", "size": 45},
        {"content_id": "e2b7c9d4-3a61-4f08-b5c2-91d8a7e4f360", "name": "danh-sach-dai-bieu.txt", "size": 85},
    ]
    assert printed["warnings"] == []


def test_a_status_keeps_its_code_as_a_string() -> None:
    status, out, _ = run("inspect", str(SAMPLES / "status_in_status_element.xml"))

    printed = json.loads(out)
    assert status == 0
    assert printed["kind"] == "status"
    assert printed["status_code"] == "05"
    assert printed["document_id"] == "000.00.12.H48,2026/03/02,125/STP-VP"
    assert (printed["code_number"], printed["code_notation"]) == ("125", "STP-VP")
    assert printed["to"] == [{"organ_id": "000.00.12.H48", "organ_name": ""}]  # back to the document's issuer
    assert printed["business_doc_type"] is None


def test_lenient_reading_prints_the_warnings() -> None:
    status, out, _ = run("inspect", str(SAMPLES / "edoc_impossible_date.xml"))

    printed = json.loads(out)
    assert status == 0
    assert printed["promulgation_date"] is None
    assert printed["warnings"][0]["code"] == "date_impossible"
    assert "2014/02/30" in printed["warnings"][0]["message"]


@pytest.mark.parametrize(
    "name", ["edoc_unbound_xlink.xml", "edoc_dates_day_first.xml", "edoc_qcvn_signature.xml"]
)
def test_strict_reading_refuses_with_the_reason(name: str) -> None:
    status, out, err = run("inspect", str(SAMPLES / name), "--strict")

    assert status == 1
    assert out == ""
    assert err.startswith("Từ chối:")


def test_a_hostile_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bom.xml"
    path.write_bytes(b'<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY a "aaaa">]><edXML>&a;</edXML>')

    status, _, err = run("inspect", str(path))

    assert status == 1
    assert "DOCTYPE" in err


@pytest.mark.parametrize("content", [b"", b"%PDF-1.7\n", b"<html/>", b"\xff\xfe\x00<"])
def test_what_is_not_edxml_exits_2(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "khac.xml"
    path.write_bytes(content)

    status, out, err = run("inspect", str(path))

    assert status == 2
    assert out == ""
    assert "edXML" in err or "rỗng" in err


def test_a_missing_file_or_a_folder_exits_2(tmp_path: Path) -> None:
    assert run("inspect", str(tmp_path / "khong-co.xml"))[0] == 2
    assert run("inspect", str(tmp_path))[0] == 2


def test_an_unexpected_failure_is_a_message_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(edxml, "read", broken)

    status, _, err = run("inspect", str(SAMPLES / "status_in_message_header.xml"))

    assert status == 1
    assert "Traceback" not in err
    assert "boom" not in err
    assert "lỗi không lường trước" in err


@pytest.mark.django_db
def test_verify_names_the_signer_or_says_why_not(pki: Pki, tmp_path: Path) -> None:
    root = tmp_path / "root.pem"
    root.write_bytes(pki.cert_pem("root"))
    signed = tmp_path / "da-ky.xml"
    signed.write_bytes(
        edxml.sign(
            edxml.build(factories.edoc()),
            key=factories.private_key(pki, "seal"),
            certificate=pki.cert("seal"),
            chain=pki.chain("seal"),
        )
    )

    status, out, _ = run("verify", str(signed), "--trust", str(root))
    assert status == 0
    assert json.loads(out)["signer"] == "Sở Tư pháp tỉnh Quảng Trị"

    status, _, err = run("verify", str(SAMPLES / "edoc_qcvn_signature.xml"), "--trust", str(root))
    assert status == 1
    assert "XMLDSig" in err

    status, _, _ = run("verify", str(SAMPLES / "edoc_qcvn_signature.xml"))  # the (empty) trust store
    assert status == 1


def test_the_installed_command_never_prints_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "cat-cut.xml"
    path.write_bytes(sample("edoc_new_two_attachments.xml")[:700])

    done = subprocess.run(
        [sys.executable, "-m", "motcua.cli", "edxml", "inspect", str(path)],
        capture_output=True,
        check=False,
        timeout=120,
        env={"DJANGO_SETTINGS_MODULE": "motcua.settings.test", "PATH": "/usr/bin:/bin"},
    )

    assert done.returncode == 1
    assert b"Traceback" not in done.stderr
    assert "bị lỗi cú pháp XML".encode() in done.stderr
