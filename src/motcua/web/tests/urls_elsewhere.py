"""A URL configuration of one page, for the test that changes ROOT_URLCONF."""

from django.http import HttpResponse
from django.urls import path

urlpatterns = [path("elsewhere/", lambda request: HttpResponse(), name="elsewhere")]
