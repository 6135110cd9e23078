"""Production settings: everything from the environment, refuse to start without a secret key.

This is what `motcua` and `motcua.wsgi` use unless DJANGO_SETTINGS_MODULE says otherwise.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import LOGGING as _LOGGING
from .base import SECRET_KEY, env_bool

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "Chưa đặt MOTCUA_SECRET_KEY: cấu hình vận hành (motcua.settings.production) không chạy khi thiếu "
        "khóa bí mật. Đặt biến này, hoặc chọn cấu hình khác bằng DJANGO_SETTINGS_MODULE "
        "(ví dụ motcua.settings.dev trên máy phát triển)."
    )

DEBUG = False
# A reverse proxy that terminates TLS says so in X-Forwarded-Proto (it must overwrite what clients send).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Plain HTTP is redirected to HTTPS, except the health check: load balancers probe it over plain HTTP on
# the internal network. Off when the proxy redirects by itself.
SECURE_SSL_REDIRECT = env_bool("MOTCUA_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = env_bool("MOTCUA_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("MOTCUA_SECURE_COOKIES", True)
# Browsers that saw the site once use HTTPS only, for a year (sent on HTTPS responses only).
SECURE_HSTS_SECONDS = int(os.environ.get("MOTCUA_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("MOTCUA_HSTS_INCLUDE_SUBDOMAINS", True)
# Asking browsers' built-in lists to carry the domain is the domain owner's decision and hard to undo.
SECURE_HSTS_PRELOAD = env_bool("MOTCUA_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# Logs as JSON lines (one object per line, for a log shipper), like `motcua serve`'s access log;
# MOTCUA_LOG_FORMAT=text for plain lines.
if os.environ.get("MOTCUA_LOG_FORMAT", "json") == "json":
    LOGGING = {
        **_LOGGING,
        "formatters": {"json": {"()": "motcua.web.logjson.JsonFormatter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    }
