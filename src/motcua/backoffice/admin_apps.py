"""The Django admin's app config, kept apart from `apps.py` so the back office keeps one default config."""

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    """The Django admin, served by `StaffAdminSite` (password and TOTP, like the back office)."""

    default_site = "motcua.backoffice.admin_site.StaffAdminSite"
