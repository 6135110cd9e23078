"""On the review step the citizen claims one of the procedure's fee exemptions: the quote is redone
with it before submission, the claim goes with the dossier (and its submission event), and the
dossier page shows the reduced amount and where the claim stands."""

from __future__ import annotations

from motcua.catalog.models import FeeExemption
from motcua.dossiers.models import Dossier, DossierEvent, ExemptionStatus

from .helpers import ready_draft


def _reduction() -> FeeExemption:
    return FeeExemption.objects.exclude(reduced_fee=None).get()


def test_the_review_step_offers_the_exemptions_and_requotes(client, citizen):
    draft = ready_draft(client, citizen)
    html = client.get(f"/nop-ho-so/{draft.pk}/xem-lai/").content.decode()
    assert "Đề nghị miễn, giảm phí, lệ phí" in html
    assert 'id="fee-total">200.000 đ<' in html
    student = _reduction()
    response = client.post(f"/nop-ho-so/{draft.pk}/xem-lai/", {"fee_exemption": str(student.pk)})
    assert response.status_code == 302
    assert response["Location"].endswith("#fees")
    html = client.get(f"/nop-ho-so/{draft.pk}/xem-lai/").content.decode()
    assert 'id="fee-total">100.000 đ<' in html
    assert f'value="{student.pk}" checked' in html


def test_a_full_exemption_leaves_nothing_to_pay(client, citizen):
    draft = ready_draft(client, citizen)
    child = FeeExemption.objects.get(reduced_fee=None)
    client.post(f"/nop-ho-so/{draft.pk}/xem-lai/", {"fee_exemption": str(child.pk)})
    html = client.get(f"/nop-ho-so/{draft.pk}/xem-lai/").content.decode()
    assert "được miễn toàn bộ phí, lệ phí" in html


def test_the_claim_goes_with_the_dossier_and_its_submission_event(client, citizen):
    draft = ready_draft(client, citizen)
    student = _reduction()
    client.post(f"/nop-ho-so/{draft.pk}/xem-lai/", {"fee_exemption": str(student.pk)})
    response = client.post(f"/nop-ho-so/{draft.pk}/xem-lai/", {"declaration": "1"})
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.fee_exemption == student
    assert dossier.fee_exemption_status == ExemptionStatus.CLAIMED
    submitted = DossierEvent.objects.get(dossier=dossier, kind=DossierEvent.Kind.SUBMITTED)
    assert submitted.payload["fee_exemption"] == {"id": student.pk, "description": student.description}
    page = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "100.000 đ" in page
    assert "chờ kiểm tra" in page


def test_an_exemption_of_another_procedure_is_refused_and_nothing_changes(client, citizen):
    draft = ready_draft(client, citizen)
    response = client.post(f"/nop-ho-so/{draft.pk}/xem-lai/", {"fee_exemption": "999999"})
    assert response.status_code == 400
    assert "không thuộc thủ tục này" in response.content.decode()
    draft.refresh_from_db()
    assert draft.fee_exemption_id is None


def test_withdrawing_the_claim(client, citizen):
    draft = ready_draft(client, citizen)
    client.post(f"/nop-ho-so/{draft.pk}/xem-lai/", {"fee_exemption": str(_reduction().pk)})
    client.post(f"/nop-ho-so/{draft.pk}/xem-lai/", {"fee_exemption": ""})
    draft.refresh_from_db()
    assert draft.fee_exemption_id is None
