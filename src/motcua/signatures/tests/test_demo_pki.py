"""`ensure_demo_pki` gives `motcua demo` a working PKI: demo results are really signed and verify as valid."""

from __future__ import annotations

import pytest

from motcua.dossiers.tests.factories import build_world
from motcua.signatures import conf, selectors, services
from motcua.signatures.demo import demo_result_pdf, ensure_demo_pki
from motcua.signatures.models import Certificate, SigningRule, TrustAnchor
from motcua.signatures.testing.pki import free_port
from motcua.signatures.verification import Verdict


@pytest.fixture
def demo(db, tmp_path):
    world = build_world()
    with conf.overrides_kept():  # what the demo overrides (TSA, key folder, fetching) ends with the test
        made = ensure_demo_pki(tmp_path, port=free_port())
        yield world, made, tmp_path
        made.stop()


def test_every_leader_and_agency_gets_a_certificate_and_a_rule(demo):
    world, made, data_dir = demo

    assert made.started
    assert conf.tsa_url() == made.tsa_url
    assert TrustAnchor.objects.filter(kind="root").count() == 1
    seal = Certificate.objects.get(kind="agency_seal")
    assert seal.agency == world.department
    assert seal.key_storage == "pkcs12"
    assert seal.appearance_image
    personal = Certificate.objects.get(kind="personal")
    assert personal.user == world.leader
    assert personal.appearance_image
    rule = SigningRule.objects.get(user=world.leader)
    assert rule.title_lines == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    assert not any(data_dir.joinpath("demo-pki").rglob("*.sqlite3"))

    again = ensure_demo_pki(data_dir, start=False)  # idempotent: the same certificates, nothing twice
    assert again.pki.cert(f"seal-{world.department.pk}").dump() == bytes(seal.der)
    assert Certificate.objects.count() == 2
    assert TrustAnchor.objects.count() == 1


def test_a_demo_result_is_signed_and_valid(demo):
    from motcua.dossiers import services as dossier_services
    from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA

    world, _made, _dir = demo
    dossier = dossier_services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        papers=dossier_services.originals_on_paper(world.code),
        applicant=APPLICANT,
        form_data=FORM_DATA,
    )
    dossier_services.transfer_dossier(dossier_id=dossier.pk, actor=world.intake, to_unit_id=world.unit_a.pk)
    dossier.refresh_from_db()
    dossier_services.attach_result(
        dossier_id=dossier.pk,
        actor=world.specialist,
        content=demo_result_pdf(dossier, world.leader),
        name="kq.pdf",
    )
    dossier_services.forward_dossier(dossier_id=dossier.pk, actor=world.specialist)
    dossier_services.forward_dossier(dossier_id=dossier.pk, actor=world.specialist_b)

    stored = services.sign_result(dossier_id=dossier.pk, leader=world.leader)

    assert selectors.verdict_for_result(stored).verdict == Verdict.VALID


def test_a_process_started_by_the_demo_signs_with_the_same_settings(demo):
    """The demo's task worker (which signs batch approvals) inherits the run-time PKI settings."""
    import os
    import subprocess
    import sys

    _world, made, data_dir = demo
    script = (
        "import django; django.setup(); from motcua.signatures import conf; "
        "print(conf.tsa_url()); print(conf.key_dir()); print(conf.fetch_private())"
    )
    child = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, **conf.overrides_as_environment()},
        capture_output=True,
        text=True,
        check=True,
    )

    assert child.stdout.split() == [made.tsa_url, str(data_dir / "demo-pki" / "p12"), "True"]
