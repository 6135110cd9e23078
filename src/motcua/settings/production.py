"""Production settings: everything from the environment, refuse to start without a secret key."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool

if not SECRET_KEY:
    raise ImproperlyConfigured("MOTCUA_SECRET_KEY must be set in production.")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("MOTCUA_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("MOTCUA_SECURE_COOKIES", True)
SECURE_HSTS_SECONDS = int(__import__("os").environ.get("MOTCUA_HSTS_SECONDS", "0"))
SECURE_CONTENT_TYPE_NOSNIFF = True
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
