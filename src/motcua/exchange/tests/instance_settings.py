"""Settings of one motcua instance started by the two-instance test: the test settings, a real database."""

from motcua.settings.test import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
