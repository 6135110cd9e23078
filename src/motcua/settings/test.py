"""Test settings: fast hashing, in-memory e-mail, tasks run immediately."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STATIC_ROOT = None  # tests never collect static files; whitenoise serves from the finders
WHITENOISE_USE_FINDERS = True
# Each test client loads the middleware afresh; WhiteNoise would list every static file of every app
# (some 4,000) each time, 80 ms a client. Looked up per request instead, as the development server does.
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# pytest captures output itself; a console handler would hold on to a stream pytest has closed.
LOGGING = {"version": 1, "disable_existing_loggers": False}
