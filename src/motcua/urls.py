from django.contrib import admin
from django.urls import include, path

from motcua.web.views import health

urlpatterns = [
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    path("api/", include("motcua.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("can-bo/", include("motcua.backoffice.urls")),
    path("tai-khoan/", include("motcua.accounts.urls")),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("", include("motcua.portal.urls")),
]

handler500 = "motcua.api.errors.server_error"
