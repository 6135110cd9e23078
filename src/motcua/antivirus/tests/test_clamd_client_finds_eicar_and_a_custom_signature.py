"""The clamd client against a real clamd: EICAR and the tests' own signature are found (also inside a
PDF, across chunk boundaries), a clean file passes, and a scanner that cannot be reached says so."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.antivirus.clamd import Clamd, ClamdUnavailable, parse_address, parse_reply

from .clamd_server import CUSTOM_MARKER, CUSTOM_SIGNATURE, EICAR, EICAR_SIGNATURE


def test_eicar_is_found(clamd_address: str) -> None:
    verdict = Clamd(clamd_address).scan_bytes(EICAR)
    assert verdict.infected
    assert verdict.signature == EICAR_SIGNATURE


def test_the_custom_signature_is_found_inside_a_pdf_across_chunks(clamd_address: str) -> None:
    body = b"%PDF-1.4\n" + b"x" * 70_000 + CUSTOM_MARKER + b"\n%%EOF\n"
    # the marker straddles the 64 kB boundary of the first chunk
    chunks = [body[:70_005], body[70_005:]]
    verdict = Clamd(clamd_address).scan_chunks(chunks)
    assert verdict.infected
    assert verdict.signature == CUSTOM_SIGNATURE


def test_a_clean_file_passes(clamd_address: str) -> None:
    assert not Clamd(clamd_address).scan_bytes(b"%PDF-1.4\nclean\n%%EOF\n").infected
    assert Clamd(clamd_address).ping()


def test_an_unreachable_scanner_is_reported(tmp_path) -> None:  # type: ignore[no-untyped-def]
    client = Clamd(str(tmp_path / "no.sock"), timeout=1)
    assert not client.ping()
    with pytest.raises(ClamdUnavailable):
        client.scan_bytes(b"anything")


def test_addresses() -> None:
    assert parse_address("tcp://clamav:3310")[1] == ("clamav", 3310)
    assert parse_address("unix:///run/clamav/clamd.ctl")[1] == "/run/clamav/clamd.ctl"
    with pytest.raises(ValueError, match="tcp://host:port"):
        parse_address("tcp://clamav")


@given(st.text(max_size=80))
def test_any_reply_is_a_verdict_or_unavailable(reply: str) -> None:
    try:
        verdict = parse_reply(reply)
    except ClamdUnavailable:
        return
    assert reply.endswith((": OK", " FOUND"))
    assert verdict.infected == reply.endswith(" FOUND")


def test_a_malformed_address_is_a_scanner_that_is_down(settings) -> None:  # type: ignore[no-untyped-def]
    from django.core import checks

    from motcua.antivirus.services import client

    settings.MOTCUA_CLAMD = "clamav:3310"
    scanner = client()
    assert scanner is not None
    assert not scanner.ping()
    assert "antivirus.E002" in {m.id for m in checks.run_checks(include_deployment_checks=True)}
