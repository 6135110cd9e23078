"""With the stored files on S3-compatible storage, approval reads the unsigned result from the
bucket, writes the signed one there, and the verification reads it back: the signatures hold, the
certificates' appearance images come from the bucket too (issue 12, item 2)."""

from __future__ import annotations

from motcua.signatures import selectors, services
from motcua.signatures.verification import Verdict


def test_the_signed_result_is_an_object_and_verifies_when_read_back(object_storage, signing_world):
    sw = signing_world
    before = set(object_storage.names())
    assert sw.result.file.name in before  # the draft result, and the certificates' images
    assert any(name.endswith(".png") for name in before)

    signed = services.sign_result(dossier_id=sw.dossier.pk, leader=sw.world.leader)

    assert signed.is_signed
    assert set(object_storage.names()) - before == {signed.file.name}
    content = object_storage.read(signed.file.name)
    assert content.startswith(object_storage.read(sw.result.file.name))  # incremental update
    report = selectors.verdict_for_result(signed)
    assert report.verdict == Verdict.VALID
    assert [s.signer.common_name for s in report.signatures] == ["Nguyễn Văn An"]
