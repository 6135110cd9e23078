"""B-T and B-LTA documents validate against the test PKI; only B-LTA survives the PKI being switched off."""

from __future__ import annotations

from lxml import etree

from motcua.signatures.verification import Verdict, verify_pdf

from .conftest import switched_off


def test_a_b_t_document_is_valid_with_its_timestamp(signing):
    report = verify_pdf(signing.document(level="B-T"), trust_roots=signing.roots)

    assert report.verdict == Verdict.VALID
    assert report.indication == "TOTAL-PASSED"
    (sig,) = report.signatures
    assert sig.level == "B-T"
    assert sig.signer.common_name == "Nguyễn Văn An"
    assert [c.common_name for c in sig.chain] == [
        "Nguyễn Văn An",
        "motcua Test Specialized CA",
        "motcua Test Root CA",
    ]
    assert sig.integrity is True
    assert sig.trusted is True
    assert sig.revoked is False
    assert sig.timestamp_time is not None
    assert sig.signing_time is not None
    assert abs((sig.timestamp_time - sig.signing_time).total_seconds()) < 60
    assert sig.modification == "none"
    assert report.exit_code == 0


def test_a_b_lta_document_is_valid_and_carries_its_validation_data(signing):
    report = verify_pdf(signing.document(level="B-LTA"), trust_roots=signing.roots)

    assert report.verdict == Verdict.VALID
    assert report.signatures[0].level == "B-LTA"
    assert report.document_timestamps == 1


def test_b_lta_still_validates_with_the_pki_switched_off(signing, pki):
    # Signed while the PKI answers (the documents are cached per test process, but this test may be
    # the first of its process to ask for them).
    lta_document, bt_document = signing.document(level="B-LTA"), signing.document(level="B-T")
    with switched_off(pki):
        lta = verify_pdf(lta_document, trust_roots=signing.roots)
        bt = verify_pdf(bt_document, trust_roots=signing.roots)

    assert lta.verdict == Verdict.VALID
    # Without OCSP/CRL, a B-T signature cannot be checked for revocation: not valid, not invalid.
    assert bt.verdict == Verdict.INDETERMINATE
    assert bt.signatures[0].indication == "INDETERMINATE"
    assert bt.exit_code == 2


def test_the_validation_report_is_ts_119_102_2_xml(signing):
    report = verify_pdf(signing.document(level="B-LTA"), trust_roots=signing.roots)

    root = etree.fromstring(report.xml.encode())
    ns = {"vr": "http://uri.etsi.org/19102/v1.2.1#"}
    assert root.tag == "{http://uri.etsi.org/19102/v1.2.1#}ValidationReport"
    indications = root.findall(".//vr:SignatureValidationStatus/vr:MainIndication", ns)
    assert [i.text for i in indications] == ["urn:etsi:019102:mainindication:total-passed"]
    assert root.findall(".//vr:ValidationObject", ns)
