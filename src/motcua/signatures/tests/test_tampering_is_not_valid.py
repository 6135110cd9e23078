"""Each way a signature can be wrong is reported as not valid, with the reason in Vietnamese."""

from __future__ import annotations

from motcua.signatures.testing import documents
from motcua.signatures.verification import Verdict, verify_pdf


def _only(report):
    (sig,) = report.signatures
    return sig


def test_one_byte_changed_after_signing(signing):
    report = verify_pdf(documents.flip_one_byte(signing.document()), trust_roots=signing.roots)

    sig = _only(report)
    assert report.verdict == Verdict.INVALID
    assert report.exit_code == 1
    assert (sig.indication, sig.sub_indication) == ("TOTAL-FAILED", "HASH_FAILURE")
    assert sig.integrity is False
    assert "đã bị thay đổi sau khi ký" in sig.reasons[0]


def test_page_content_replaced_after_signing(signing):
    report = verify_pdf(documents.replace_page_content(signing.document()), trust_roots=signing.roots)

    sig = _only(report)
    assert report.verdict == Verdict.INVALID
    # The signed revision is intact; what was added after it is not a permitted change.
    assert sig.integrity is True
    assert sig.modification == "other"
    assert (sig.indication, sig.sub_indication) == ("INDETERMINATE", "SIG_CONSTRAINTS_FAILURE")
    assert "sửa đổi sau khi ký" in sig.reasons[0]


def test_page_content_replaced_after_a_b_lta_signature(signing):
    report = verify_pdf(
        documents.replace_page_content(signing.document(level="B-LTA")), trust_roots=signing.roots
    )

    assert report.verdict == Verdict.INVALID
    assert _only(report).modification == "other"


def test_revoked_signer(signing):
    report = verify_pdf(signing.document("official-revoked"), trust_roots=signing.roots)

    sig = _only(report)
    assert report.verdict == Verdict.INVALID
    assert sig.revoked is True
    assert sig.sub_indication == "REVOKED_NO_POE"
    assert "thu hồi" in sig.reasons[0]
    assert any("lộ khóa bí mật" in reason for reason in sig.reasons)


def test_expired_signer(signing):
    report = verify_pdf(signing.document("official-expired"), trust_roots=signing.roots)

    sig = _only(report)
    assert report.verdict == Verdict.INVALID
    assert (sig.indication, sig.sub_indication) == ("INDETERMINATE", "EXPIRED")
    assert "hết hạn" in sig.reasons[0]
    assert sig.signer.not_after < sig.timestamp_time


def test_untrusted_root(signing, pki):
    report = verify_pdf(signing.document(), trust_roots=[pki.cert("rogue-root")])

    sig = _only(report)
    assert report.verdict == Verdict.INVALID
    assert sig.sub_indication == "NO_CERTIFICATE_CHAIN_FOUND"
    assert sig.trusted is False
    assert "tin cậy" in sig.reasons[0]


def test_a_signer_from_another_hierarchy(signing):
    report = verify_pdf(signing.document("rogue-signer"), trust_roots=signing.roots)

    assert report.verdict == Verdict.INVALID
    assert _only(report).sub_indication == "NO_CERTIFICATE_CHAIN_FOUND"


def test_an_empty_trust_store_trusts_nothing(signing):
    report = verify_pdf(signing.document(), trust_roots=[])

    assert report.verdict == Verdict.INVALID
    assert _only(report).trusted is False
