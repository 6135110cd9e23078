from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .errors import not_found_view
from .views.actions import ACTION_VIEWS
from .views.auth import TokenDetailView, TokenListView, TokenView
from .views.calendar import DueDateView
from .views.catalog import AgencyDetailView, AgencyListView, ProcedureDetailView, ProcedureListView
from .views.dossiers import (
    AttachmentDownloadView,
    CounterDossierView,
    DossierDetailView,
    DossierListView,
    DossierTrackView,
    ResultDownloadView,
)
from .views.feedback import ACTION_VIEWS as FEEDBACK_ACTION_VIEWS
from .views.feedback import FeedbackDetailView, FeedbackListView
from .views.reports import Form06View
from .views.signatures import SignatureReportView, SignatureVerifyView

v1 = [
    path("auth/token", TokenView.as_view(), name="api-token"),
    path("auth/tokens", TokenListView.as_view(), name="api-token-list"),
    path("auth/tokens/<int:token_id>", TokenDetailView.as_view(), name="api-token-detail"),
    path("procedures/", ProcedureListView.as_view(), name="api-procedure-list"),
    path("procedures/<str:code>/", ProcedureDetailView.as_view(), name="api-procedure-detail"),
    path("agencies/", AgencyListView.as_view(), name="api-agency-list"),
    path("agencies/<str:code>/", AgencyDetailView.as_view(), name="api-agency-detail"),
    path("dossiers/", DossierListView.as_view(), name="api-dossier-list"),
    path("dossiers/<str:code>/", DossierDetailView.as_view(), name="api-dossier-detail"),
    path("dossiers/<str:code>/track", DossierTrackView.as_view(), name="api-dossier-track"),
    path(
        "dossiers/<str:code>/attachments/<int:attachment_id>",
        AttachmentDownloadView.as_view(),
        name="api-dossier-attachment",
    ),
    path(
        "dossiers/<str:code>/results/<int:result_id>", ResultDownloadView.as_view(), name="api-dossier-result"
    ),
    *(
        path(f"dossiers/<str:code>/{slug}", view.as_view(), name=f"api-dossier-{slug}")
        for slug, view in ACTION_VIEWS.items()
    ),
    path("counter-dossiers/", CounterDossierView.as_view(), name="api-counter-dossiers"),
    path("calendar/due", DueDateView.as_view(), name="api-calendar-due"),
    path("signatures/verify", SignatureVerifyView.as_view(), name="api-signatures-verify"),
    path("signatures/reports/<str:report_id>", SignatureReportView.as_view(), name="api-signatures-report"),
    path("feedback/", FeedbackListView.as_view(), name="api-feedback-list"),
    path("feedback/<str:code>/", FeedbackDetailView.as_view(), name="api-feedback-detail"),
    *(
        path(f"feedback/<str:code>/{slug}", view.as_view(), name=f"api-feedback-{slug}")
        for slug, view in FEEDBACK_ACTION_VIEWS.items()
    ),
    path("reports/form-06", Form06View.as_view(), name="api-report-form-06"),
    re_path(r"", not_found_view),  # last: anything else under v1/ is a JSON 404
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's initializer as a script of its own (?script), not inline.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/swagger_ui.html"),
        name="api-docs",
    ),
    path("v1/", include(v1)),
]
