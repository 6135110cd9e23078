from django.urls import path

from . import views

app_name = "signatures"
urlpatterns = [
    path("", views.verify_page, name="verify"),
    path("bao-cao/<str:pk>.xml", views.report_xml, name="report-xml"),
]
