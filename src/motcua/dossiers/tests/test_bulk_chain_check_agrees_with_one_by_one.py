"""Checking many chains at once (`verify_chains`, used by restore) gives, for every dossier, exactly
the report `verify_chain` gives, whatever was done to the stored history; and costs one query."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.dossiers import services
from motcua.dossiers.events import event_hash, verify_chain, verify_chains
from motcua.dossiers.models import Dossier, DossierEvent

from .factories import APPLICANT, FORM_DATA, World, vn


def _dossier(world: World, steps: int = 2, minute: int = 0) -> Dossier:
    """A dossier received at the counter (2 events), then moved on `steps` times (4 events with 2)."""
    dossier = services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        papers=services.originals_on_paper(world.code),
        applicant=APPLICANT,
        form_data=FORM_DATA,
        at=vn(2025, 3, 3, 9, minute),
    )
    if steps >= 1:
        services.transfer_dossier(
            dossier_id=dossier.pk, actor=world.intake, to_unit_id=world.unit_a.pk, at=vn(2025, 3, 3, 10, 0)
        )
    if steps >= 2:
        services.forward_dossier(dossier_id=dossier.pk, actor=world.specialist, at=vn(2025, 3, 4, 10, 0))
    dossier.refresh_from_db()
    return dossier


def _events(dossier: Dossier) -> Any:
    return DossierEvent.objects.filter(dossier=dossier)


def _edit_payload(dossier: Dossier) -> None:
    _events(dossier).filter(seq=2).update(payload={"edited": True})


def _edit_note(dossier: Dossier) -> None:
    _events(dossier).filter(seq=1).update(note="Đã sửa sau khi ghi")


def _edit_and_rehash(dossier: Dossier) -> None:
    event = _events(dossier).get(seq=1)
    event.payload = {**event.payload, "edited": True}
    event.hash = event_hash(event)
    _events(dossier).filter(pk=event.pk).update(payload=event.payload, hash=event.hash)


def _remove_first(dossier: Dossier) -> None:
    _events(dossier).filter(seq=1).delete()


def _remove_middle(dossier: Dossier) -> None:
    _events(dossier).filter(seq=2).delete()


def _remove_last(dossier: Dossier) -> None:
    _events(dossier).filter(seq=dossier.version).delete()


def _remove_all(dossier: Dossier) -> None:
    _events(dossier).delete()


def _swap(dossier: Dossier) -> None:
    """Events 1 and 2 exchange their numbers: the stored order is no longer the written one."""
    _events(dossier).filter(seq=1).update(seq=1000)
    _events(dossier).filter(seq=2).update(seq=1)
    _events(dossier).filter(seq=1000).update(seq=2)


def _renumber(dossier: Dossier) -> None:
    _events(dossier).filter(seq=dossier.version).update(seq=dossier.version + 5)


def _head_hash(dossier: Dossier) -> None:
    Dossier.objects.filter(pk=dossier.pk).update(last_event_hash="0" * 64)


def _head_version(dossier: Dossier) -> None:
    Dossier.objects.filter(pk=dossier.pk).update(version=dossier.version + 1)


def _intact(dossier: Dossier) -> None:
    pass


Damage = Callable[[Dossier], None]
DAMAGES: dict[str, tuple[Damage, int | None, str]] = {  # name: (damage, broken_at, reason)
    "intact": (_intact, None, ""),
    "edited payload": (_edit_payload, 2, "nội dung sự kiện đã bị sửa"),
    "edited note": (_edit_note, 1, "nội dung sự kiện đã bị sửa"),
    "edited and rehashed": (_edit_and_rehash, 2, "liên kết với sự kiện trước bị sai"),
    "first event removed": (_remove_first, 2, "thiếu hoặc thừa sự kiện"),
    "middle event removed": (_remove_middle, 3, "thiếu hoặc thừa sự kiện"),
    "last event removed": (_remove_last, None, "đầu chuỗi không khớp với hồ sơ"),
    "every event removed": (_remove_all, None, "đầu chuỗi không khớp với hồ sơ"),
    "two events swapped": (_swap, 1, "liên kết với sự kiện trước bị sai"),
    "last event renumbered": (_renumber, 9, "thiếu hoặc thừa sự kiện"),
    "head hash differs": (_head_hash, None, "đầu chuỗi không khớp với hồ sơ"),
    "head version differs": (_head_version, None, "đầu chuỗi không khớp với hồ sơ"),
}


def _one_by_one(dossiers: list[Dossier]) -> dict[int, Any]:
    return {dossier.pk: verify_chain(dossier) for dossier in dossiers}


def _fresh(dossiers: list[Dossier]) -> list[Dossier]:
    return list(Dossier.objects.filter(pk__in=[d.pk for d in dossiers]).order_by("pk"))


@pytest.mark.parametrize("name", list(DAMAGES))
def test_each_kind_of_damage_gets_the_same_report(world, name):
    damage, broken_at, reason = DAMAGES[name]
    dossiers = [_dossier(world, steps=2, minute=n) for n in range(3)] + [_dossier(world, steps=0, minute=9)]
    damage(dossiers[1])
    dossiers = _fresh(dossiers)

    bulk = verify_chains(dossiers)

    assert bulk == _one_by_one(dossiers)
    assert list(bulk) == [d.pk for d in dossiers]
    damaged = bulk[dossiers[1].pk]
    assert (damaged.ok, damaged.reason) == (name == "intact", reason)
    assert damaged.broken_at == broken_at
    assert all(bulk[d.pk].ok for d in dossiers if d.pk != dossiers[1].pk)


def test_a_dossier_without_events_and_an_empty_list(world):
    dossier = _dossier(world, steps=0)
    _events(dossier).delete()
    Dossier.objects.filter(pk=dossier.pk).update(version=0, last_event_hash="")
    dossier.refresh_from_db()

    assert verify_chains([dossier]) == _one_by_one([dossier])
    assert verify_chains([dossier])[dossier.pk].ok
    assert verify_chains([]) == {}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    plan=st.lists(
        st.tuples(st.integers(min_value=0, max_value=2), st.sampled_from(sorted(DAMAGES))),
        min_size=1,
        max_size=4,
        unique_by=lambda step: step[0],  # one damage per dossier: combined ones may collide on seq
    ),
    fetch_size=st.integers(min_value=1, max_value=10),
)
def test_any_mix_of_damage_gets_the_same_reports(world, plan, fetch_size):
    with transaction.atomic():
        dossiers = [_dossier(world, steps=n, minute=n) for n in (2, 1, 2)]
        for index, name in plan:
            DAMAGES[name][0](dossiers[index])
        dossiers = _fresh(dossiers)

        assert verify_chains(dossiers, fetch_size=fetch_size) == _one_by_one(dossiers)
        transaction.set_rollback(True)


@pytest.mark.parametrize("count", [1, 3, 12])
def test_a_chunk_of_dossiers_costs_one_query(world, count, django_assert_num_queries):
    dossiers = _fresh([_dossier(world, steps=n % 3, minute=n) for n in range(count)])
    _edit_note(dossiers[0])

    with django_assert_num_queries(1):
        reports = verify_chains(dossiers, fetch_size=5)

    assert len(reports) == count
    assert not reports[dossiers[0].pk].ok
