from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from motcua.backoffice.views.auth import logout as staff_logout
from motcua.news import admin_access, media
from motcua.news import views as news_views
from motcua.web.views import health, set_language

urlpatterns = [
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    path("api/", include("motcua.api.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("lien-thong/", include("motcua.exchange.urls")),
    path("thanh-toan/nen-tang/", include("motcua.payments.urls")),
    # The news editors' Wagtail admin, behind the staff login with TOTP (motcua.news.admin_access).
    path("can-bo/bien-tap/login/", admin_access.login, name="news_admin_login"),
    path("can-bo/bien-tap/logout/", staff_logout),
    path(
        "can-bo/bien-tap/",
        include(decorate_urlpatterns(wagtailadmin_urls.urlpatterns, admin_access.staff_second_factor)),
    ),
    path("can-bo/", include("motcua.backoffice.urls")),
    path("tai-lieu/", include(wagtaildocs_urls)),
    re_path(r"^media/(?P<path>images/[^/]+)$", media.rendition, name="news_rendition"),
    path("lien-he/", news_views.contact, name="contact"),
    # The news pages: the Wagtail site's root page is the news index (motcua.news). Wagtail's
    # front-end login form is not a way in: the portal's login is (staff never log in there).
    path("tin-tuc/_util/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("tin-tuc/", include("wagtail.urls")),
    path("tai-khoan/", include("motcua.portal.account_urls")),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("", include("motcua.portal.urls")),
]

# Our own error pages, in the portal's look and the user's language (JSON under /api/).
handler400 = "motcua.web.errors.bad_request"
handler403 = "motcua.web.errors.permission_denied"
handler404 = "motcua.web.errors.page_not_found"
handler500 = "motcua.web.errors.server_error"
