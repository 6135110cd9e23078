"""With its demo PKI, the demo's results are really signed and verify as valid."""

import pytest

from motcua.demo.seed import seed_dossiers
from motcua.dossiers.models import ResultDocument


@pytest.mark.sqlite_pass  # the signatures; the demo's seed runs on both engines (test_demo_seed)
def test_demo_results_are_signed_and_valid(demo_province_with_pki):
    from motcua.signatures.selectors import verdict_for_result

    seed_dossiers(28, signed_results=2)
    signed = list(ResultDocument.objects.filter(is_signed=True))
    # Two dossiers signed by the leader; each issued copy the clerk sealed is a signed result too.
    assert len({result.dossier_id for result in signed}) == 2
    for result in signed:
        assert verdict_for_result(result).verdict == "valid"
