"""Every admin list and add page opens for the administrator (catalogue, agencies, staff, calendar)."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from motcua.accounts.models import User
from motcua.backoffice.tests.support import staff_login
from motcua.news.setup import ensure_news_site

MUST_HAVE = {"catalog.Procedure", "agencies.Agency", "agencies.StaffRole", "workcalendar.CalendarOverride"}


@pytest.mark.django_db
def test_every_registered_admin_page_opens(client):
    # The site as installed: Wagtail's root collection and pages come from its data migrations, which
    # an earlier transactional test's flush on the same worker removes (PostgreSQL truncates).
    ensure_news_site()
    administrator = User.objects.create_superuser("quantri-test", "qt@example.vn", "mot-mat-khau-dai-2025")
    staff_login(client, administrator)
    request = RequestFactory().get("/admin/")
    request.user = administrator
    opened = set()
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        response = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        assert response.status_code == 200, meta.label
        opened.add(meta.label)
        if model_admin.has_add_permission(request):
            assert client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_add")).status_code == 200
    assert opened >= MUST_HAVE
