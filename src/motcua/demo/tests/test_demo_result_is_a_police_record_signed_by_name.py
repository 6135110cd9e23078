"""The demo's judicial record result is a Phiếu lý lịch tư pháp of Công an tỉnh, signed in the leader's name.

Never the login name: a citizen reads this paper.
"""

import io

import pytest
from pypdf import PdfReader

from motcua.demo.stories import waiting_for_approval
from motcua.signatures.models import Certificate


@pytest.mark.sqlite_pass  # what the paper says; the demo's seed runs on both engines (test_demo_seed)
def test_the_record_names_the_police_and_the_leader(demo_province_with_pki):
    users = demo_province_with_pki
    (dossier,) = waiting_for_approval(users, 1)

    result = dossier.results.get()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(result.file.read())).pages)
    assert "BỘ CÔNG AN" in text
    assert "CÔNG AN TỈNH QUẢNG TRỊ" in text
    assert "PHIẾU LÝ LỊCH TƯ PHÁP SỐ 1" in text
    assert "Hoàng Đức Thắng" in text
    assert "lanhdao" not in text
    personal = Certificate.objects.get(kind="personal", user=users["lanhdao"])
    assert personal.subject_common_name == "Hoàng Đức Thắng"
