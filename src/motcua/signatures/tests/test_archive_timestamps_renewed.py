"""Archived (B-LTA) results get a new document timestamp before the TSA certificate expires."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from pyhanko.pdf_utils.reader import PdfFileReader

from motcua.core.time import now
from motcua.documents.services import issue_result
from motcua.dossiers import services as dossier_services
from motcua.dossiers.events import verify_chain
from motcua.dossiers.models import ResultDocument
from motcua.dossiers.selectors import latest_result
from motcua.dossiers.states import State
from motcua.signatures import archive, services
from motcua.signatures.errors import SignedDocumentRejected
from motcua.signatures.verification import Report, Verdict, verify_pdf

CENTURY = timedelta(days=365 * 100)


def _bytes(result):
    with result.file.open("rb") as handle:
        return handle.read()


def _doc_timestamps(data: bytes) -> int:
    return len(PdfFileReader(io.BytesIO(data), strict=False).embedded_timestamp_signatures)


def _returned_with_signed_result(sw, level: str):
    """The leader signs at `level`, approves, and the one-stop desk hands the result over."""
    signed = services.sign_result(dossier_id=sw.dossier.pk, leader=sw.world.leader, level=level)
    dossier_services.resolve_dossier(dossier_id=sw.dossier.pk, actor=sw.world.leader, result_summary="Đồng ý")
    # The name printed under the signature is the one the certificate was issued to.
    sw.world.leader.full_name = signed.signature_records.get(
        purpose="result_official"
    ).certificate.subject_common_name
    sw.world.leader.save(update_fields=["full_name"])
    issue_result(dossier_id=sw.dossier.pk, actor=sw.world.clerk)
    signed = latest_result(sw.dossier)  # the issued copy: the signed bytes, with the clerk's number
    dossier_services.return_result(dossier_id=sw.dossier.pk, actor=sw.world.intake)
    sw.dossier.refresh_from_db()
    assert sw.dossier.state == State.RETURNED
    return signed


def test_a_b_lta_result_is_due_and_a_b_t_result_never(signing_world):
    signed = _returned_with_signed_result(signing_world, "B-LTA")

    expiry = archive.archive_timestamp_expiry(_bytes(signed))
    assert expiry is not None
    assert archive.results_due_for_renewal(within=CENTURY) == [signed]
    assert archive.results_due_for_renewal(within=timedelta(0), now=expiry - timedelta(days=1)) == []


def test_a_b_t_result_is_not_an_archive(signing_world):
    signed = _returned_with_signed_result(signing_world, "B-T")

    assert archive.archive_timestamp_expiry(_bytes(signed)) is None
    assert archive.results_due_for_renewal(within=CENTURY) == []


def test_renewal_adds_one_document_timestamp_as_a_new_version(signing_world):
    sw = signing_world
    signed = _returned_with_signed_result(sw, "B-LTA")
    before = _bytes(signed)

    renewed = archive.renew_archive_timestamp(result_id=signed.pk)

    after = _bytes(renewed)
    assert renewed.pk != signed.pk
    assert renewed.is_signed
    assert renewed.name == signed.name
    assert _doc_timestamps(after) == _doc_timestamps(before) + 1 == 2
    assert after.startswith(before)  # an incremental update: the earlier signatures are untouched
    report = verify_pdf(after, with_xml=False)
    assert report.verdict == Verdict.VALID
    assert [s.level for s in report.signatures] == ["B-LTA", "B-LTA"]
    assert report.document_timestamps == 2
    signed.refresh_from_db()
    assert _bytes(signed) == before  # the previous version is still stored, unchanged
    assert latest_result(sw.dossier) == renewed
    sw.dossier.refresh_from_db()
    assert sw.dossier.state == State.RETURNED
    assert verify_chain(sw.dossier).ok
    assert archive.results_due_for_renewal(within=CENTURY) == [renewed]


def test_dry_run_changes_nothing_and_names_the_dossier(signing_world):
    sw = signing_world
    signed = _returned_with_signed_result(sw, "B-LTA")
    out = io.StringIO()

    call_command("renew_timestamps", "--within-days", str(CENTURY.days), "--dry-run", stdout=out)

    assert sw.dossier.code in out.getvalue()
    assert "1 kết quả" in out.getvalue()
    assert ResultDocument.objects.filter(dossier=sw.dossier).count() == 3  # unsigned draft, signed, issued
    assert latest_result(sw.dossier) == signed


def test_the_command_renews_what_is_due(signing_world):
    sw = signing_world
    signed = _returned_with_signed_result(sw, "B-LTA")
    out = io.StringIO()

    call_command("renew_timestamps", "--within-days", str(CENTURY.days), stdout=out)

    assert sw.dossier.code in out.getvalue()
    assert latest_result(sw.dossier) != signed
    assert _doc_timestamps(_bytes(latest_result(sw.dossier))) == 2


def test_a_renewal_that_does_not_verify_stores_nothing(signing_world, monkeypatch):
    sw = signing_world
    signed = _returned_with_signed_result(sw, "B-LTA")
    version = sw.dossier.version

    def not_valid(data, **kwargs):
        return Report(
            verdict=Verdict.INVALID, message="giả lập", sha256="", size=len(data), validated_at=now()
        )

    monkeypatch.setattr(services, "verify_pdf", not_valid)
    with pytest.raises(SignedDocumentRejected):
        archive.renew_archive_timestamp(result_id=signed.pk)
    assert latest_result(sw.dossier) == signed
    sw.dossier.refresh_from_db()
    assert sw.dossier.version == version

    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("renew_timestamps", "--within-days", str(CENTURY.days), stdout=io.StringIO(), stderr=err)
    assert exit_.value.code == 1
    assert sw.dossier.code in err.getvalue()
    assert latest_result(sw.dossier) == signed
