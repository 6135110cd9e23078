from django.contrib import admin
from django.urls import include, path

from motcua.web.views import health

urlpatterns = [
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    path("api/", include("motcua.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("lien-thong/", include("motcua.exchange.urls")),
    path("thanh-toan/nen-tang/", include("motcua.payments.urls")),
    path("can-bo/", include("motcua.backoffice.urls")),
    path("tai-khoan/", include("motcua.portal.account_urls")),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("", include("motcua.portal.urls")),
]

# Our own error pages, in the portal's look and the user's language (JSON under /api/).
handler400 = "motcua.web.errors.bad_request"
handler403 = "motcua.web.errors.permission_denied"
handler404 = "motcua.web.errors.page_not_found"
handler500 = "motcua.web.errors.server_error"
