from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("thong-bao/", views.callback, name="callback"),
    path("dptracuuthanhtoanhs", views.bill_lookup, name="bill_lookup"),
]
