"""Developer and demo settings: SQLite in var/, debug on, a local-only secret key."""

import os

from .base import *  # noqa: F403
from .base import SECRET_KEY as _SECRET_KEY

DEBUG = os.environ.get("MOTCUA_DEBUG", "1") == "1"
# A fixed key is acceptable only because this settings module never serves real data.
SECRET_KEY = _SECRET_KEY or "dev-only-insecure-key-never-use-in-production"
WHITENOISE_USE_FINDERS = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
