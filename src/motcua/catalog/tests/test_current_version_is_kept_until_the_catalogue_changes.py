"""The version a submission files under is read once per process, and anew after any change of the
catalogue committed by any process (the revision token in the database), never from a change that
was rolled back."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from motcua.catalog.models import CatalogueRevision, Fee, ProcedureVersion
from motcua.catalog.selectors import current_version
from motcua.portal.tests.conftest import JUDICIAL_RECORD

# What is kept depends on what has committed: each test commits, as the processes of a server do.
pytestmark = pytest.mark.django_db(transaction=True)


def token() -> str:
    return CatalogueRevision.objects.get(pk=1).token


def test_a_kept_version_costs_one_statement_and_is_the_same_object(judicial):  # type: ignore[no-untyped-def]
    first = current_version(JUDICIAL_RECORD)
    with CaptureQueriesContext(connection) as queries:
        again = current_version(JUDICIAL_RECORD)
        documents = list(again.required_documents.all())
        steps = list(again.workflow_steps.all())
    assert again is first
    assert documents
    assert steps
    assert len(queries) == 1


def test_a_changed_fee_is_read_at_once(judicial):  # type: ignore[no-untyped-def]
    kept = current_version(JUDICIAL_RECORD)
    fee = kept.fees.all()[0]
    Fee.objects.filter(pk=fee.pk).update(amount=fee.amount + 1000)  # no signal: the token stays
    assert current_version(JUDICIAL_RECORD) is kept

    changed = Fee.objects.get(pk=fee.pk)
    changed.name = "Lệ phí (mới)"
    changed.save()  # as the admin saves it: the token changes
    fresh = current_version(JUDICIAL_RECORD)
    assert fresh is not kept
    assert [(f.name, f.amount) for f in fresh.fees.all() if f.pk == fee.pk] == [
        ("Lệ phí (mới)", fee.amount + 1000)
    ]


def test_a_token_written_by_another_process_is_read_at_once(judicial):  # type: ignore[no-untyped-def]
    kept = current_version(JUDICIAL_RECORD)
    CatalogueRevision.objects.filter(pk=1).update(token="another-process")
    assert current_version(JUDICIAL_RECORD) is not kept


def test_a_new_current_version_is_filed_under_at_once(judicial):  # type: ignore[no-untyped-def]
    kept = current_version(JUDICIAL_RECORD)
    ProcedureVersion.objects.filter(pk=kept.pk).update(name="unchanged token")
    kept.procedure.current_version = None
    kept.procedure.save(update_fields=["current_version"])
    with pytest.raises(ProcedureVersion.DoesNotExist):
        current_version(JUDICIAL_RECORD)


def test_one_token_per_transaction_however_many_rows_change(judicial):  # type: ignore[no-untyped-def]
    version = current_version(JUDICIAL_RECORD)
    before = token()
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        for fee in Fee.objects.filter(version=version):
            for amount in (1, 2, 3):
                fee.amount = amount
                fee.save()
    writes = [q["sql"] for q in queries.captured_queries if "catalog_cataloguerevision" in q["sql"]]
    assert len(writes) == 1
    assert token() != before


def test_a_rolled_back_savepoint_does_not_take_the_new_token_with_it(judicial):  # type: ignore[no-untyped-def]
    version = current_version(JUDICIAL_RECORD)
    fee = version.fees.all()[0]
    before = token()
    with transaction.atomic():
        try:
            with transaction.atomic():
                ProcedureVersion.objects.get(pk=version.pk).save()  # writes the token...
                raise RuntimeError
        except RuntimeError:
            pass  # ...which the savepoint's rollback takes back
        assert token() == before
        changed = Fee.objects.get(pk=fee.pk)
        changed.amount += 1
        changed.save()  # kept: so must be the token it writes
    assert token() != before
    assert current_version(JUDICIAL_RECORD).fees.get(pk=fee.pk).amount == fee.amount + 1


def test_what_a_transaction_changing_the_catalogue_reads_is_not_kept(judicial):  # type: ignore[no-untyped-def]
    version = current_version(JUDICIAL_RECORD)
    fee = version.fees.all()[0]
    with transaction.atomic():
        changed = Fee.objects.get(pk=fee.pk)
        changed.amount += 1
        changed.save()
        halfway = current_version(JUDICIAL_RECORD)  # under the token this transaction wrote
        changed.amount += 1
        changed.save()  # the same token: only the first change of a transaction writes one
        assert current_version(JUDICIAL_RECORD) is not halfway
    assert current_version(JUDICIAL_RECORD).fees.get(pk=fee.pk).amount == fee.amount + 2
