"""Each process keeps the parsed trust store until a change to it (made anywhere, by any process)
writes a new stamp in the change's own transaction; a change rolled back leaves nothing kept wrong."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from motcua.signatures import selectors, services, truststore
from motcua.signatures.models import TrustAnchor


@pytest.fixture(autouse=True)
def _nothing_kept() -> Iterator[None]:
    truststore.forget()
    yield
    truststore.forget()


def _fingerprints(certs) -> set[str]:  # type: ignore[no-untyped-def]
    return {c.sha256.hex() for c in certs}


def test_an_unchanged_store_costs_one_short_statement(db, pki):
    services.add_trust_anchors(actor=services.SYSTEM, data=pki.cert_pem("root") + pki.cert_pem("ca"))
    first_roots, first_intermediates = selectors.trust_store()

    with CaptureQueriesContext(connection) as queries:
        roots, intermediates = selectors.trust_store()

    assert len(queries) == 1
    assert "signatures_truststorestamp" in queries[0]["sql"]
    assert _fingerprints(roots) == _fingerprints(first_roots) == {pki.cert("root").sha256.hex()}
    assert _fingerprints(intermediates) == _fingerprints(first_intermediates) == {pki.cert("ca").sha256.hex()}


def test_adding_and_distrusting_an_anchor_is_seen_at_once(db, pki):
    assert selectors.trust_roots() == []
    [root] = services.add_trust_anchors(actor=services.SYSTEM, data=pki.cert_pem("root"))
    assert _fingerprints(selectors.trust_roots()) == {pki.cert("root").sha256.hex()}

    services.set_trust_anchor_active(actor=services.SYSTEM, anchor_id=root.pk, active=False)
    assert selectors.trust_roots() == []

    services.set_trust_anchor_active(actor=services.SYSTEM, anchor_id=root.pk, active=True)
    assert _fingerprints(selectors.trust_roots()) == {pki.cert("root").sha256.hex()}

    TrustAnchor.objects.get(pk=root.pk).delete()  # the admin's delete: the model's signal
    assert selectors.trust_roots() == []


def test_a_change_made_by_another_process_is_seen(db, pki):
    [root] = services.add_trust_anchors(actor=services.SYSTEM, data=pki.cert_pem("root"))
    assert selectors.trust_roots()
    # Another process distrusts the root: its write reaches this one only through the database.
    TrustAnchor.objects.filter(pk=root.pk).update(is_active=False)
    truststore.bump_stamp()

    assert selectors.trust_roots() == []


def test_a_change_rolled_back_leaves_nothing_kept_wrong(db, pki):
    seen_inside = []

    def add_read_and_fail() -> None:
        with transaction.atomic():
            services.add_trust_anchors(actor=services.SYSTEM, data=pki.cert_pem("root"))
            seen_inside.extend(selectors.trust_roots())  # read (and kept) inside the transaction
            raise RuntimeError("undo")

    with pytest.raises(RuntimeError):
        add_read_and_fail()

    assert seen_inside

    assert selectors.trust_roots() == []
    services.add_trust_anchors(actor=services.SYSTEM, data=pki.cert_pem("ca"))
    assert selectors.trust_roots() == []
    assert _fingerprints(selectors.known_intermediates()) == {pki.cert("ca").sha256.hex()}
