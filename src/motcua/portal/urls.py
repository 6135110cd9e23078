from django.urls import path

from .views import apply, catalogue, dossiers, payments, tracking, verification

app_name = "portal"
urlpatterns = [
    path("", catalogue.home, name="home"),
    path("thu-tuc/<str:code>/", catalogue.procedure, name="procedure"),
    path("thu-tuc/<str:code>/mau-don/<int:document_id>.pdf", catalogue.blank_form, name="blank_form"),
    path("thu-tuc/<str:code>/nop-truc-tuyen/", apply.start, name="apply"),
    path("nop-ho-so/<uuid:draft_id>/", apply.resume, name="apply_resume"),
    path("nop-ho-so/<uuid:draft_id>/to-khai/", apply.details, name="apply_details"),
    path("nop-ho-so/<uuid:draft_id>/luu-tam/", apply.autosave, name="apply_autosave"),
    path("nop-ho-so/<uuid:draft_id>/giay-to/", apply.documents, name="apply_documents"),
    path("nop-ho-so/<uuid:draft_id>/giay-to/<int:document_id>/", apply.document_slot, name="apply_slot"),
    path("nop-ho-so/<uuid:draft_id>/xem-lai/", apply.review, name="apply_review"),
    path("nop-ho-so/<uuid:draft_id>/xoa/", apply.discard, name="apply_discard"),
    path("ho-so/", dossiers.my_dossiers, name="my_dossiers"),
    path("ho-so/<str:code>/", dossiers.dossier_detail, name="dossier"),
    path("ho-so/<str:code>/da-nop/", dossiers.submitted, name="submitted"),
    path("ho-so/<str:code>/bo-sung/", dossiers.supplement, name="supplement"),
    path("ho-so/<str:code>/rut-ho-so/", dossiers.withdraw, name="withdraw"),
    path("ho-so/<str:code>/danh-gia/", dossiers.rate, name="rate"),
    path("ho-so/<str:code>/ket-qua/", dossiers.result, name="result"),
    path("ho-so/<str:code>/giay-xac-nhan.pdf", dossiers.acknowledgement, name="acknowledgement"),
    path("ho-so/<str:code>/mau-<str:number>.pdf", dossiers.form, name="form"),
    path("ho-so/<str:code>/thanh-toan/", payments.pay, name="pay"),
    path("ho-so/<str:code>/bien-lai/<str:number>.pdf", payments.receipt, name="receipt"),
    path("thanh-toan/ket-qua/", payments.returned, name="payment_returned"),
    path("tra-cuu/", tracking.track, name="track"),
    path("tra-cuu/<str:code>/", tracking.track_detail, name="track_detail"),
    path("tra-cuu/<str:code>/gan-tai-khoan/", tracking.claim, name="track_claim"),
    path("xac-minh-chu-ky/", verification.verify, name="verify"),
    path("xac-minh-chu-ky/bao-cao/<str:pk>.xml", verification.verify_report, name="verify_report"),
]
