"""Malformed and hostile files get a clear "cannot be validated" verdict: never a crash, never "valid"."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyhanko.pdf_utils.reader import PdfFileReader

from motcua.signatures.testing import documents
from motcua.signatures.testing.documents import result_pdf
from motcua.signatures.verification import Verdict, verify_pdf


@pytest.mark.parametrize(
    ("content", "problem", "words"),
    [
        (b"", "empty", "rỗng"),
        (b"Day khong phai PDF", "not_pdf", "không phải là tài liệu PDF"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "not_pdf", "không phải là tài liệu PDF"),
        (b"%PDF-1.7\n%%EOF\n", "unreadable", "bị hỏng"),
        (b"%PDF-1.4\n" + b"A" * 5000, "unreadable", "bị hỏng"),
    ],
)
def test_files_that_are_not_readable_pdfs(content, problem, words):
    report = verify_pdf(content, trust_roots=[])

    assert report.verdict == Verdict.INDETERMINATE
    assert report.problem == problem
    assert words in report.message
    assert report.exit_code == 2


def test_truncated_pdf(signing):
    report = verify_pdf(documents.truncate(signing.document()), trust_roots=signing.roots)

    assert report.verdict == Verdict.INDETERMINATE
    assert report.problem == "unreadable"
    assert "cắt cụt" in report.message


def test_broken_signature_dictionary(signing):
    report = verify_pdf(documents.break_signature_dictionary(signing.document()), trust_roots=signing.roots)

    assert report.verdict != Verdict.VALID
    assert report.exit_code == 2
    assert "chữ ký" in report.message.lower()


def test_unsigned_pdf():
    report = verify_pdf(result_pdf(), trust_roots=[])

    assert (report.verdict, report.problem) == (Verdict.INDETERMINATE, "no_signatures")
    assert report.message == "Văn bản không có chữ ký số."


def test_too_large(signing):
    report = verify_pdf(signing.document(), trust_roots=signing.roots, max_bytes=1024)

    assert (report.verdict, report.problem) == (Verdict.INDETERMINATE, "too_large")


def _signed_ranges(data: bytes) -> list[tuple[int, int]]:
    sig = PdfFileReader(io.BytesIO(data)).embedded_signatures[0]
    a, b, c, d = (int(x) for x in sig.byte_range)
    return [(a, a + b), (c, c + d)]


@pytest.fixture(scope="module")
def offline_valid(signing):
    """A B-LTA document: valid without the network, so the property below is not trivially true."""
    data = signing.document(level="B-LTA")
    assert verify_pdf(data, trust_roots=signing.roots, fetch=False).verdict == Verdict.VALID
    return data


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damage_inside_the_signed_bytes_is_never_valid(signing, offline_valid, data):
    ranges = _signed_ranges(offline_valid)
    start, end = data.draw(st.sampled_from(ranges))
    position = data.draw(st.integers(min_value=start + 16, max_value=end - 1))
    new_byte = data.draw(
        st.integers(min_value=0, max_value=255).filter(lambda b: b != offline_valid[position])
    )
    damaged = bytearray(offline_valid)
    damaged[position] = new_byte

    report = verify_pdf(bytes(damaged), trust_roots=signing.roots, fetch=False, with_xml=False)

    assert report.verdict != Verdict.VALID


def _signed_end(data: bytes) -> int:
    """Where the last signed range ends: after it come only unsigned updates (e.g. a final DSS)."""
    ends = []
    for sig in PdfFileReader(io.BytesIO(data)).embedded_signatures:
        _a, _b, c, d = (int(x) for x in sig.byte_range)
        ends.append(c + d)
    return max(ends)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.floats(min_value=0.0, max_value=1.0, exclude_max=True))
def test_a_document_cut_inside_its_signed_bytes_is_never_valid(signing, offline_valid, cut):
    # pyHanko appends validation data for the document timestamp as a last, unsigned update; a cut
    # there leaves every signed byte in place, so only cuts inside the signed ranges count.
    end = int(_signed_end(offline_valid) * cut)
    report = verify_pdf(offline_valid[:end], trust_roots=signing.roots, fetch=False, with_xml=False)

    assert report.verdict != Verdict.VALID


def test_uploads_are_verified_in_a_worker_with_a_time_limit(signing):
    from motcua.signatures.verification import verify_pdf_isolated

    report = verify_pdf_isolated(signing.document(level="B-LTA"), trust_roots=signing.roots, timeout=60)

    assert report.verdict == Verdict.VALID
    assert report.xml


def test_a_file_that_takes_too_long_cannot_be_validated(signing, monkeypatch):
    """A stand-in for a PDF built to make the parser loop: the worker is stopped, the verdict is clear."""
    import time

    from motcua.signatures import isolation, verification
    from motcua.signatures.testing.slow import never_finishes

    monkeypatch.setattr(verification, "_verify_in_worker", never_finishes)

    started = time.monotonic()
    report = verification.verify_pdf_isolated(b"%PDF-1.7", trust_roots=[], timeout=1)

    assert time.monotonic() - started < 10
    assert (report.verdict, report.problem) == (Verdict.INDETERMINATE, "timed_out")
    assert "vượt quá thời gian" in report.message
    isolation.shutdown()
