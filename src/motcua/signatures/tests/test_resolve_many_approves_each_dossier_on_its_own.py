"""Approving several results at once: each dossier approved and signed in its own transaction, in
order; a refused one (changed meanwhile, no right, signing failed) is reported and undoes nothing
else; more than the cap is refused as a whole."""

from __future__ import annotations

import pytest

from motcua.core.errors import ValidationFailed
from motcua.core.time import now
from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import latest_result
from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, to_signing_step
from motcua.signatures import services
from motcua.signatures.approval import MAX_BATCH, resolve_many
from motcua.signatures.models import SignatureRecord
from motcua.signatures.testing.documents import result_pdf
from motcua.signatures.verification import Verdict, verify_pdf


def _waiting(sw) -> Dossier:  # type: ignore[no-untyped-def]
    """Another dossier of the signing world, in processing with an unsigned result."""
    world = sw.world
    dossier = dossier_services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        papers=dossier_services.originals_on_paper(world.code),
        applicant=APPLICANT,
        form_data=FORM_DATA,
    )
    dossier_services.transfer_dossier(dossier_id=dossier.pk, actor=world.intake, to_unit_id=world.unit_a.pk)
    dossier_services.attach_result(
        dossier_id=dossier.pk,
        actor=world.specialist,
        content=result_pdf(dossier=dossier.code),
        name="quyet-dinh.pdf",
    )
    to_signing_step(world, dossier.pk, by=world.specialist, at=now())
    return Dossier.objects.get(pk=dossier.pk)


@pytest.fixture
def three(signing_world) -> list[Dossier]:  # type: ignore[no-untyped-def]
    return [
        Dossier.objects.get(pk=signing_world.dossier.pk),
        _waiting(signing_world),
        _waiting(signing_world),
    ]


def test_three_results_are_approved_and_signed_in_the_order_given(signing_world, three):
    outcomes = resolve_many(leader=signing_world.world.leader, items=[(d.pk, d.version) for d in three])

    assert [o.code for o in outcomes] == [d.code for d in three]
    assert all(o.ok and o.signed for o in outcomes)
    for dossier in three:
        dossier.refresh_from_db()
        assert dossier.state == "resolved"
        result = latest_result(dossier)
        assert result.is_signed
        report = verify_pdf(result.file.open("rb").read(), trust_roots=[signing_world.pki.cert("root")])
        assert report.verdict == Verdict.VALID
        assert len(report.signatures) == 1  # the leader's; the clerk seals it when issuing
    assert SignatureRecord.objects.count() == 3


def test_a_dossier_changed_meanwhile_is_refused_and_the_others_are_approved(signing_world, three):
    first, changed, last = three
    seen = changed.version
    dossier_services.assign_dossier(
        dossier_id=changed.pk, actor=signing_world.world.leader, assignee_id=signing_world.world.leader.pk
    )

    outcomes = resolve_many(
        leader=signing_world.world.leader,
        items=[(first.pk, first.version), (changed.pk, seen), (last.pk, last.version)],
    )

    assert [(o.ok, o.signed) for o in outcomes] == [(True, True), (False, False), (True, True)]
    assert outcomes[1].error_code == "stale_dossier"
    assert "người khác cập nhật" in outcomes[1].message
    changed.refresh_from_db()
    assert changed.state == "processing"
    assert not latest_result(changed).is_signed
    assert {d.state for d in Dossier.objects.filter(pk__in=[first.pk, last.pk])} == {"resolved"}


def test_when_signing_fails_the_approval_is_undone_too(signing_world, three):
    services.revoke_certificate(
        actor=services.SYSTEM, certificate_id=signing_world.personal.pk, reason="Chứng thư hết hạn"
    )

    outcomes = resolve_many(leader=signing_world.world.leader, items=[(d.pk, d.version) for d in three])

    assert not any(o.ok for o in outcomes)
    assert {o.error_code for o in outcomes} == {"no_signing_certificate"}
    assert all(o.message for o in outcomes)
    assert {d.state for d in Dossier.objects.filter(pk__in=[d.pk for d in three])} == {"processing"}
    assert not SignatureRecord.objects.exists()


def test_someone_who_may_not_approve_is_refused_for_each_dossier(signing_world, three):
    outcomes = resolve_many(leader=signing_world.world.specialist, items=[(d.pk, d.version) for d in three])

    assert not any(o.ok for o in outcomes)
    assert {o.error_code for o in outcomes} == {"permission_denied"}
    assert {d.state for d in Dossier.objects.filter(pk__in=[d.pk for d in three])} == {"processing"}


def test_more_than_the_cap_is_refused_as_a_whole(signing_world):
    dossier = signing_world.dossier
    with pytest.raises(ValidationFailed) as caught:
        resolve_many(
            leader=signing_world.world.leader, items=[(dossier.pk, dossier.version)] * (MAX_BATCH + 1)
        )
    assert str(MAX_BATCH) in caught.value.message
    dossier.refresh_from_db()
    assert dossier.state == "processing"


def test_without_signing_set_up_the_results_are_approved_unsigned(signing_world, three, settings):
    settings.MOTCUA_SIGNATURE_TSA_URL = ""

    outcomes = resolve_many(leader=signing_world.world.leader, items=[(d.pk, d.version) for d in three])

    assert [(o.ok, o.signed) for o in outcomes] == [(True, False)] * 3
    assert {d.state for d in Dossier.objects.filter(pk__in=[d.pk for d in three])} == {"resolved"}
    assert not SignatureRecord.objects.exists()
