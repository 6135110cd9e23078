from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("v1/thong-diep/", views.inbox, name="inbox"),
    path("v1/thong-diep/lo/", views.batch_inbox, name="batch-inbox"),
]
