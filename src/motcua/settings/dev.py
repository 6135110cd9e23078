"""Developer and demo settings: SQLite in var/, a local-only secret key, debug off unless asked for.

`motcua demo` runs on these. Debug is off so that a wrong address shows the portal's own error page,
never Django's debug page with every route; developers turn it on with MOTCUA_DEBUG=1.
"""

import os
import warnings
from typing import Any

from .base import *  # noqa: F403
from .base import LOGGING as _LOGGING
from .base import SECRET_KEY as _SECRET_KEY

DEBUG = os.environ.get("MOTCUA_DEBUG", "0") == "1"
# A fixed key is acceptable only because this settings module never serves real data.
SECRET_KEY = _SECRET_KEY or "dev-only-insecure-key-never-use-in-production"
# Static files come from the apps' folders through WhiteNoise, debug or not, with no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# The console shows the demo's accounts and address: printing a form narrates each font subset and
# layout step at INFO or DEBUG (thousands of lines); only warnings of those libraries are shown.
QUIET_LIBRARIES = ("weasyprint", "fontTools", "pyhanko", "pyhanko_certvalidator", "certomancer", "PIL")
_loggers: dict[str, Any] = dict(_LOGGING.get("loggers", {}))  # type: ignore[call-overload]
# pyHanko imports DSA support on start-up, which cryptography flags; nothing of ours uses DSA.
warnings.filterwarnings("ignore", message="DSA is deprecated")
LOGGING = {**_LOGGING, "loggers": _loggers | {name: {"level": "WARNING"} for name in QUIET_LIBRARIES}}
