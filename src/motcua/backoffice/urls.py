"""The back office under /can-bo/ (Vietnamese paths, as officers read them)."""

from django.urls import path

from .views import approval, auth, clerk, dossier, exchange, intake, lists, payments, printing, tokens

app_name = "backoffice"
urlpatterns = [
    path("", lists.home, name="home"),
    path("dang-nhap/", auth.login, name="login"),
    path("xac-thuc/", auth.totp, name="totp"),
    path("dang-ky-xac-thuc/", auth.enrol, name="enrol"),
    path("dang-xuat/", auth.logout, name="logout"),
    path("ma-truy-cap/", tokens.api_tokens, name="api_tokens"),
    path("ma-truy-cap/<int:token_id>/thu-hoi/", tokens.revoke_api_token, name="revoke_api_token"),
    path("tiep-nhan/", intake.counter, name="counter"),
    path("tiep-nhan/dang-ky/<str:procedure_code>/", intake.register, name="register_dossier"),
    path("danh-sach/<slug:kind>/", lists.worklist, name="worklist"),
    path("danh-sach/cho-phe-duyet/phe-duyet/", approval.approve_selected, name="approve_selected"),
    path("phe-duyet-nhieu-ho-so/<uuid:batch_id>/", approval.batch_approval, name="batch_approval"),
    path("dieu-hanh/", lists.leader, name="leader"),
    path("thong-bao/", lists.notices, name="notices"),
    path("thong-bao/huy-hieu/", lists.notice_badge, name="notice_badge"),
    path("tim/", dossier.find, name="find"),
    path("can-bo-don-vi/", dossier.officers, name="officers"),
    path("lien-thong/van-ban-di/", exchange.sent, name="exchange_sent"),
    path("van-thu/", clerk.desk, name="clerk"),
    path("van-thu/so/<slug:slug>/", clerk.register, name="clerk_register"),
    path("van-thu/van-ban-den/vao-so/", clerk.register_paper, name="register_incoming"),
    path("van-thu/van-ban-den/<int:pk>/", clerk.incoming, name="incoming"),
    path("van-thu/van-ban-di/<int:pk>/", clerk.outgoing, name="outgoing"),
    path("so-theo-doi/", printing.register, name="register"),
    path("so-theo-doi/pdf/", printing.register_pdf, name="register_pdf"),
    path("ho-so/<str:code>/", dossier.detail, name="dossier"),
    path("ho-so/<str:code>/thao-tac/<slug:action>/", dossier.act, name="act"),
    path("ho-so/<str:code>/tep/<int:pk>/", dossier.attachment, name="attachment"),
    path("ho-so/<str:code>/tep/<int:pk>/xem/", dossier.attachment_preview, name="attachment_preview"),
    path("ho-so/<str:code>/ket-qua/<int:pk>/", dossier.result_file, name="result"),
    path("ho-so/<str:code>/mau-<str:number>.pdf", printing.form, name="form"),
    path("ho-so/<str:code>/phieu-kiem-soat/", printing.control, name="control"),
    path("ho-so/<str:code>/bien-lai/<str:number>.pdf", payments.receipt, name="receipt"),
    path("doi-soat-thanh-toan/", payments.reconcile, name="reconciliation"),
]
