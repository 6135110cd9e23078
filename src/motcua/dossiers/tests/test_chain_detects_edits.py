"""The event history is hash-chained: editing, removing or reordering a stored event is detected."""

from motcua.dossiers import services
from motcua.dossiers.events import verify_chain
from motcua.dossiers.models import DossierEvent

from .factories import APPLICANT, FORM_DATA, vn


def _dossier(world):
    dossier = services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        papers=services.originals_on_paper(world.code),
        applicant=APPLICANT,
        form_data=FORM_DATA,
        at=vn(2025, 3, 3, 9, 0),
    )
    services.transfer_dossier(
        dossier_id=dossier.pk, actor=world.intake, to_unit_id=world.unit_a.pk, at=vn(2025, 3, 3, 10, 0)
    )
    services.forward_dossier(dossier_id=dossier.pk, actor=world.specialist, at=vn(2025, 3, 4, 10, 0))
    dossier.refresh_from_db()
    return dossier


def test_untouched_chain_verifies(world):
    report = verify_chain(_dossier(world))
    assert report.ok
    assert report.checked == 4


def test_editing_a_note_breaks_verification(world):
    dossier = _dossier(world)
    DossierEvent.objects.filter(dossier=dossier, seq=3).update(note="Đã sửa sau khi ghi")
    report = verify_chain(dossier)
    assert not report.ok
    assert report.broken_at == 3
    assert report.reason == "nội dung sự kiện đã bị sửa"


def test_editing_a_time_breaks_verification(world):
    dossier = _dossier(world)
    DossierEvent.objects.filter(dossier=dossier, seq=2).update(at=vn(2025, 3, 1, 9, 0))
    assert verify_chain(dossier).broken_at == 2


def test_rehashing_an_edited_event_is_still_detected_by_the_next_link(world):
    dossier = _dossier(world)
    event = DossierEvent.objects.get(dossier=dossier, seq=2)
    event.payload = {**event.payload, "unit_id": None}
    from motcua.dossiers.events import event_hash

    event.hash = event_hash(event)
    DossierEvent.objects.filter(pk=event.pk).update(payload=event.payload, hash=event.hash)
    report = verify_chain(dossier)
    assert not report.ok
    assert report.broken_at == 3


def test_removing_the_last_event_is_detected(world):
    dossier = _dossier(world)
    DossierEvent.objects.filter(dossier=dossier, seq=4).delete()
    assert not verify_chain(dossier).ok
