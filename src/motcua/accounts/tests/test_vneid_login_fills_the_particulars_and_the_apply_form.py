"""A citizen logs in with VNeID (the loopback sandbox) and applies for a judicial record without
retyping their particulars: name, ID number, birth date and address come from the identity's claims,
are shown read-only, and cannot be altered by a posted form; the ID-card scan is replaced by data
from the national population database, and the dossier records both facts for the sync flags.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from motcua.accounts.idp import DEMO_CITIZENS
from motcua.accounts.models import ExternalIdentity, User
from motcua.dossiers import selectors
from motcua.dossiers.models import Dossier
from motcua.portal.tests.support import JUDICIAL_RECORD, PDF, id_card_document, mandatory_documents

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

CHAU = "vneid-045190000101"


def test_vneid_login_then_apply_without_retyping(vneid, judicial, live_server, page, shoot, tmp_path):
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    expect(page.locator("main a.button").first).to_have_text("Đăng nhập bằng VNeID")  # first on the page
    shoot(page, "vneid-1-login")
    page.get_by_role("link", name="Đăng nhập bằng VNeID").click()
    shoot(page, "vneid-2-provider")
    page.get_by_role("button", name=re.compile("Nguyễn Thị Minh Châu")).click()
    page.wait_for_url(live_server.url + "/ho-so/")

    user = User.objects.get(national_id="045190000101")
    assert (user.full_name, user.birth_date, user.address) == (
        "Nguyễn Thị Minh Châu",
        date(1990, 4, 12),
        "12 Lê Duẩn, phường Đông Hà, tỉnh Quảng Trị",
    )
    assert user.has_verified_national_id  # the account records that VNeID vouched for it
    assert ExternalIdentity.objects.get(user=user).subject == CHAU
    page.goto(live_server.url + "/tai-khoan/thong-tin/")
    expect(page.locator("#vneid-verified")).to_contain_text("xác thực qua VNeID")

    page.goto(live_server.url + f"/thu-tuc/{JUDICIAL_RECORD}/nop-truc-tuyen/")
    for field, value in (
        ("#applicant-name", "Nguyễn Thị Minh Châu"),
        ("#applicant-id_number", "045190000101"),
        ("#applicant-address", "12 Lê Duẩn, phường Đông Hà, tỉnh Quảng Trị"),
        ("#form-ho_ten", "Nguyễn Thị Minh Châu"),
        ("#form-so_dinh_danh", "045190000101"),
        ("#form-ngay_sinh", "12/04/1990"),
        ("#form-noi_thuong_tru", "12 Lê Duẩn, phường Đông Hà, tỉnh Quảng Trị"),
    ):
        expect(page.locator(field)).to_have_value(value)
        expect(page.locator(field)).not_to_be_editable()
    # Only what the identity does not know is typed.
    page.get_by_role("radio", name="Nữ", exact=True).check()
    page.get_by_label("Nơi sinh").fill("Đông Hà, Quảng Trị")
    page.get_by_role("radio", name="Phiếu số 1").check()
    page.get_by_label("Mục đích sử dụng Phiếu lý lịch tư pháp").fill("Bổ sung hồ sơ xin việc")
    shoot(page, "vneid-3-apply-prefilled")
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    card = id_card_document()
    expect(page.locator(f"#slot-{card.pk}")).to_contain_text("Dữ liệu từ Cơ sở dữ liệu quốc gia về dân cư")
    scan = tmp_path / "to-khai.pdf"
    scan.write_bytes(PDF)
    for document in mandatory_documents():
        if document.pk != card.pk:
            page.set_input_files(f"#doc-{document.pk}", str(scan))
            expect(page.locator(f"#slot-{document.pk} .slot-file")).to_be_visible()
    shoot(page, "vneid-4-documents-population-data")
    page.get_by_role("button", name="Tiếp tục").click()
    page.locator("input[name=declaration]").check()
    shoot(page, "vneid-5-review")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url(re.compile("/da-nop/"))
    shoot(page, "vneid-6-submitted")

    dossier = Dossier.objects.get(owner=user)
    assert (dossier.applicant_name, dossier.applicant_id_number) == ("Nguyễn Thị Minh Châu", "045190000101")
    assert dossier.form_data["ngay_sinh"] == "1990-04-12"
    assert selectors.logged_in_with_vneid(dossier)
    assert selectors.used_population_data(dossier)
    assert selectors.population_data_documents(dossier) == [card.pk]
    assert not dossier.attachments.filter(required_document=card).exists()


def test_posted_particulars_cannot_replace_the_identity(vneid, judicial, client):
    from motcua.accounts.oidc import fill_empty_profile_fields, profile_from_claims
    from motcua.portal.models import ApplicationDraft

    user = User.objects.create_user("chau", full_name="", email="")
    user.national_id = "045190000101"
    user.save()
    fill_empty_profile_fields(user, profile_from_claims({"sub": CHAU, **DEMO_CITIZENS[CHAU]}))
    user.refresh_from_db()
    assert user.has_verified_national_id
    assert user.birth_date == date(1990, 4, 12)
    client.force_login(user)
    client.get(f"/thu-tuc/{JUDICIAL_RECORD}/nop-truc-tuyen/")
    draft = ApplicationDraft.objects.get(owner=user)
    client.post(
        f"/nop-ho-so/{draft.pk}/to-khai/",
        {
            "applicant-kind": "citizen",
            "applicant-name": "Người Khác",
            "applicant-id_number": "045190099999",
            "form-ho_ten": "Người Khác",
            "form-ngay_sinh": "01/01/2000",
            "action": "save",
        },
    )
    draft.refresh_from_db()
    assert draft.applicant["name"] == "Nguyễn Thị Minh Châu"
    assert draft.applicant["id_number"] == "045190000101"
    assert draft.form_input["ho_ten"] == "Nguyễn Thị Minh Châu"
    assert draft.form_input["ngay_sinh"] == "1990-04-12"


def test_without_vneid_the_id_card_scan_is_still_asked_for_and_nothing_is_flagged(judicial):
    from motcua.dossiers.services import submission

    plain = User.objects.create_user("mai", full_name="Phạm Thị Mai", national_id="045190012399")
    assert not submission.vouched_by_vneid(plain, {"id_number": "045190012399"})
    verified = User.objects.create_user("chau", national_id="045190000101")
    verified.national_id_verified_at = verified.date_joined
    assert submission.vouched_by_vneid(verified, {"id_number": "045190000101"})
    assert not submission.vouched_by_vneid(verified, {"id_number": "045190012399"})  # someone else
    assert not submission.vouched_by_vneid(verified, {"id_number": "045190000101", "kind": "organisation"})
