"""Settings shared by every environment; everything deployment-specific comes from the environment."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = Path(os.environ.get("MOTCUA_PROJECT_DIR", BASE_DIR.parent.parent))
DATA_DIR = Path(os.environ.get("MOTCUA_DATA_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("MOTCUA_SECRET_KEY", "")
DEBUG = env_bool("MOTCUA_DEBUG")
ALLOWED_HOSTS = env_list("MOTCUA_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("MOTCUA_CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "motcua.web.errors.csrf_failure"

MOTCUA_SITE_NAME = os.environ.get("MOTCUA_SITE_NAME", "Cổng Dịch vụ công")
MOTCUA_PROVINCE_NAME = os.environ.get("MOTCUA_PROVINCE_NAME", "Tỉnh Quảng Trị")

# Demo mode is the only place where the well-known demo password may exist.
DEMO_MODE = env_bool("MOTCUA_DEMO")

INSTALLED_APPS = [
    "motcua.backoffice.admin_apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "motcua.core.task_queue_app.TaskQueueConfig",
    "motcua.core",
    "motcua.web",
    "motcua.printing",
    "motcua.accounts",
    "motcua.agencies",
    "motcua.catalog",
    "motcua.workcalendar",
    "motcua.dossiers",
    "motcua.dossiers.anchors",
    "motcua.signatures",
    "motcua.exchange",
    "motcua.payments",
    "motcua.dvcqg",
    "motcua.documents",
    "motcua.interagency",
    "motcua.feedback",
    "motcua.stats",
    "motcua.api",
    "motcua.portal",
    "motcua.backoffice",
    "motcua.demo",
    "motcua.backups",
    "motcua.antivirus",
    # News (docs/news.md): Wagtail, its admin behind the staff login with TOTP at /can-bo/bien-tap/.
    "motcua.news",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
]

MIDDLEWARE = [
    "motcua.core.middleware.HeaderSizeLimitMiddleware",
    # The public catalogue's pages for anonymous visitors, whole, with the headers the chain below gave
    # them (motcua.web.pagecache): before the rest, so that a hit costs nearly nothing.
    "motcua.web.pagecache.SharedPageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "motcua.web.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.web.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # django-otp's, the session's authenticator read as a prepared read.
    "motcua.backoffice.otp_middleware.PreparedOTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

# Content-Security-Policy of every page (django-csp): scripts and styles only from our own static
# files, never inline, so that injected markup cannot run. QR codes are data: images; the back
# office shows documents in a same-origin frame. A response that sets its own policy keeps it
# (files: motcua.web.files).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Wagtail, for the news (motcua.news, docs/news.md). The admin speaks Vietnamese first; editors may
# upload only pictures and office documents, within the portal's upload limit; every attachment is a
# download, never shown inline.
WAGTAIL_SITE_NAME = MOTCUA_SITE_NAME
WAGTAILADMIN_BASE_URL = os.environ.get("MOTCUA_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_I18N_ENABLED = False
# Staff passwords are the back office's business (set by an administrator, docs/decisions.md).
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_USAGE_COUNT_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
# The editors' uploads go through the virus scanner like every other door (motcua.antivirus).
WAGTAILIMAGES_IMAGE_FORM_BASE = "motcua.antivirus.editor_forms.ScannedImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "motcua.antivirus.editor_forms.ScannedDocumentForm"
WAGTAILEMBEDS_FINDERS: list[dict] = []  # no oEmbed calls to third parties from the admin
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no editor's e-mail hash sent to Gravatar

SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

TEMPLATES = [
    {
        # Django's, with `{% url %}` and `{% translate %}` keeping what they compute per process.
        "BACKEND": "motcua.web.template_engine.DjangoTemplates",
        "NAME": "django",  # the name Django's own backend has, which code asks for
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "motcua.web.context_processors.site",
            ],
        },
    },
]


def database_from_env() -> dict:
    """SQLite in DATA_DIR by default; any database through MOTCUA_DATABASE_URL."""
    url = os.environ.get("MOTCUA_DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=int(os.environ.get("MOTCUA_DB_CONN_MAX_AGE", "60")))
    else:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_DIR / "motcua.sqlite3")}
    if config["ENGINE"].endswith("sqlite3"):
        # IMMEDIATE transactions take the write lock at BEGIN, so two writers queue instead of
        # failing half-way; WAL lets readers go on while one writes.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    return config


DATABASES = {"default": database_from_env()}
# PostgreSQL: the reads every request runs (motcua.core.prepared) are prepared on the server once per
# connection. Off ("0") behind a pooler that hands one client's statements to several server
# connections (PgBouncer in transaction mode before 1.21).
MOTCUA_DATABASE_PREPARE = os.environ.get("MOTCUA_DATABASE_PREPARE", "1") != "0"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    # Django's rules with our own Vietnamese (and English) messages.
    {"NAME": "motcua.accounts.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "motcua.accounts.passwords.MinimumLengthValidator"},
    {"NAME": "motcua.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "motcua.accounts.passwords.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["motcua.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("MOTCUA_STATIC_ROOT", DATA_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MOTCUA_MEDIA_ROOT", DATA_DIR / "media"))
STORAGES: dict[str, dict] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}


def s3_storage(bucket: str, location: str = "") -> dict:
    """An S3-compatible bucket (MinIO, Ceph, a cloud's object store) through django-storages.

    Objects are private and served by motcua's own views (files.py), never by a public URL; a name
    already taken gets another, as on a local disk (file_overwrite off), so nothing is replaced.
    """
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "location": location,
            "endpoint_url": os.environ.get("MOTCUA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MOTCUA_S3_REGION", "us-east-1"),
            "access_key": os.environ.get("MOTCUA_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("MOTCUA_S3_SECRET_KEY") or None,
            # MinIO and most servers on a private network answer at one host name, bucket in the path.
            "addressing_style": os.environ.get("MOTCUA_S3_ADDRESSING_STYLE", "path"),
            "signature_version": "s3v4",
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
            "querystring_expire": 300,
            "verify": env_bool("MOTCUA_S3_VERIFY_TLS", True),
        },
    }


# Uploads, results, printed forms and every other stored file: on the local disk (MEDIA_ROOT), or in
# an S3-compatible bucket when MOTCUA_S3_BUCKET names one (docs/operations.md, "Redis and object
# storage"). Every reader and writer goes through Django's storage API, so nothing else changes.
MOTCUA_S3_BUCKET = os.environ.get("MOTCUA_S3_BUCKET", "")
if MOTCUA_S3_BUCKET:
    STORAGES["default"] = s3_storage(MOTCUA_S3_BUCKET, os.environ.get("MOTCUA_S3_PREFIX", ""))
# Infected files, and uploads accepted unscanned while clamd was down, are kept apart from the stored
# files and never served nor backed up: in MOTCUA_QUARANTINE_ROOT on this machine, or in a bucket of
# their own when several hosts share the work (motcua.antivirus.services.quarantine_storage).
if os.environ.get("MOTCUA_S3_QUARANTINE_BUCKET"):
    STORAGES["quarantine"] = s3_storage(os.environ["MOTCUA_S3_QUARANTINE_BUCKET"])

# GET /health/ answers anyone with "up" or "down" only; monitoring that sends
# "Authorization: Bearer <this token>" (and admins) also gets the database, task queue and version.
MOTCUA_HEALTH_TOKEN = os.environ.get("MOTCUA_HEALTH_TOKEN", "")

# Upload limits: a scanned document rarely exceeds 10 MB; refuse anything larger early.
MOTCUA_MAX_UPLOAD_BYTES = int(os.environ.get("MOTCUA_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = MOTCUA_MAX_UPLOAD_BYTES + 1024 * 1024
# Quotas counted by the dossier services whatever the door: files and bytes one dossier may hold, and
# bytes one account may upload to its dossiers in 24 hours.
MOTCUA_DOSSIER_MAX_FILES = int(os.environ.get("MOTCUA_DOSSIER_MAX_FILES", "60"))
MOTCUA_DOSSIER_MAX_BYTES = int(os.environ.get("MOTCUA_DOSSIER_MAX_BYTES", str(150 * 1024 * 1024)))
MOTCUA_ACCOUNT_DAILY_UPLOAD_BYTES = int(
    os.environ.get("MOTCUA_ACCOUNT_DAILY_UPLOAD_BYTES", str(500 * 1024 * 1024))
)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Virus scanning (motcua.antivirus; Directive 14/CT-TTg): clamd's socket, "/run/clamav/clamd.ctl" or
# "tcp://clamav:3310"; empty scans nothing (the demo). When clamd is down, "refuse" uploads (default) or
# "queue" them: accepted, kept aside and rescanned later. Infected files go to the quarantine folder,
# outside the media storage.
MOTCUA_CLAMD = os.environ.get("MOTCUA_CLAMD", "")
MOTCUA_CLAMD_TIMEOUT = float(os.environ.get("MOTCUA_CLAMD_TIMEOUT", "30"))
MOTCUA_SCAN_WHEN_DOWN = os.environ.get("MOTCUA_SCAN_WHEN_DOWN", "refuse")
MOTCUA_QUARANTINE_ROOT = Path(os.environ.get("MOTCUA_QUARANTINE_ROOT", DATA_DIR / "quarantine"))

# Dossier code pattern (domain-vn.md section 3.3): tokens {agency}, {yyyy}, {yy}, {mm}, {dd}, {seq:N}.
MOTCUA_DOSSIER_CODE_PATTERN = os.environ.get("MOTCUA_DOSSIER_CODE_PATTERN", "{agency}-{yyyy}{mm}{dd}-{seq:7}")

# Background tasks: in the database (default, no extra service; `motcua worker` runs db_worker), or on
# Redis through RQ (MOTCUA_TASKS_BACKEND=rq or django_tasks_rq.RQBackend, MOTCUA_REDIS_URL; `motcua
# worker` then runs RQ's worker). Task code is the same for both.
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "db": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "redis": "django_tasks_rq.RQBackend",
}
_tasks_backend = os.environ.get("MOTCUA_TASKS_BACKEND", "") or "database"
TASKS = {"default": {"BACKEND": TASK_BACKENDS.get(_tasks_backend, _tasks_backend)}}
MOTCUA_REDIS_URL = os.environ.get("MOTCUA_REDIS_URL", "")
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": MOTCUA_REDIS_URL or "redis://127.0.0.1:6379/0"}}

# The cache: each process's own memory by default; shared by every web process and worker on Redis
# when MOTCUA_CACHE_URL names one (e.g. redis://redis:6379/1, a database apart from the task queue's).
# The API's rate limits, the public statistics and the signature verdicts are kept there.
MOTCUA_CACHE_URL = os.environ.get("MOTCUA_CACHE_URL", "")
if MOTCUA_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": MOTCUA_CACHE_URL,
            "KEY_PREFIX": os.environ.get("MOTCUA_CACHE_PREFIX", "motcua"),
            "TIMEOUT": 300,
        }
    }
    # Sessions are written to the database and read through the cache: a Redis that restarts, is
    # flushed or evicts keys under memory pressure costs a database read, never a login (the "cache"
    # engine would log people out silently). Sessions are then backed up with the database.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The public catalogue's pages, search results and API answers are cached under a stamp that every
# change of the catalogue bumps (motcua.catalog.cache): at once for every process on Redis; with each
# process's own memory, the other processes see a change when their entries expire, so sooner.
MOTCUA_CATALOGUE_CACHE_SECONDS = int(
    os.environ.get("MOTCUA_CATALOGUE_CACHE_SECONDS", "300" if MOTCUA_CACHE_URL else "30")
)
# On Redis, each process keeps the catalogue's stamp as Redis pushes its changes (client-side tracking,
# motcua.core.shared_redis): no round trip per cached page. Off for a Redis proxy that does not
# relay CLIENT TRACKING's pushes (a Redis that refuses the command is detected and read directly).
MOTCUA_WATCH_REDIS_KEYS = env_bool("MOTCUA_WATCH_REDIS_KEYS", True)
# The shared pages' memory in each web process (motcua.web.pagecache), oldest out first.
MOTCUA_PAGE_CACHE_BYTES = int(os.environ.get("MOTCUA_PAGE_CACHE_BYTES", str(32 * 1024 * 1024)))
# A task RUNNING longer than this lost its worker (kill -9) and runs again (`motcua worker`).
MOTCUA_TASK_LEASE_SECONDS = int(os.environ.get("MOTCUA_TASK_LEASE_SECONDS", "900"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "motcua.api.authentication.BearerTokenAuthentication",
        # A staff account's session only after the TOTP step and while not idle.
        "motcua.api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "motcua.api.errors.exception_handler",
    # "catalogue": the search as one types (api.views.catalog); a load test raises it by the environment.
    "DEFAULT_THROTTLE_RATES": {
        "token": "20/min",
        "track": "30/min",
        "catalogue": os.environ.get("MOTCUA_API_CATALOGUE_RATE", "600/min"),
    },
    "DEFAULT_PARSER_CLASSES": [
        "motcua.api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "motcua API",
    "DESCRIPTION": "API v1 của hệ thống một cửa điện tử và cổng dịch vụ công motcua.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No badge fetched from the public validator: the page loads nothing from elsewhere.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["motcua.api.schema.only_the_public_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "motcua.api.schema.refused_credentials_are_documented",
    ],
}

API_TOKEN_TTL_HOURS = int(os.environ.get("MOTCUA_API_TOKEN_TTL_HOURS", "12"))

# Digital signatures (motcua.signatures.conf documents each). Passphrases and PINs are never
# settings: a certificate record names the environment variable that holds its secret.
MOTCUA_SIGNATURE_TSA_URL = os.environ.get("MOTCUA_SIGNATURE_TSA_URL", "")
MOTCUA_SIGNATURE_TRUST_DIR = os.environ.get("MOTCUA_SIGNATURE_TRUST_DIR", "")
MOTCUA_SIGNATURE_KEY_DIR = os.environ.get("MOTCUA_SIGNATURE_KEY_DIR", str(DATA_DIR / "keys"))
MOTCUA_PKCS11_MODULE = os.environ.get("MOTCUA_PKCS11_MODULE", "")
MOTCUA_PKCS11_PIN_ENV = os.environ.get("MOTCUA_PKCS11_PIN_ENV", "MOTCUA_PKCS11_PIN")
MOTCUA_SIGNATURE_RESULT_LEVEL = os.environ.get("MOTCUA_SIGNATURE_RESULT_LEVEL", "B-T")
MOTCUA_SIGNATURE_EXPIRY_WARNING_DAYS = int(os.environ.get("MOTCUA_SIGNATURE_EXPIRY_WARNING_DAYS", "30"))
MOTCUA_SIGNATURE_MAX_VERIFY_BYTES = int(
    os.environ.get("MOTCUA_SIGNATURE_MAX_VERIFY_BYTES", str(20 * 1024 * 1024))
)
MOTCUA_SIGNATURE_FETCH_REVOCATION = env_bool("MOTCUA_SIGNATURE_FETCH_REVOCATION", True)
MOTCUA_SIGNATURE_VERIFY_TIMEOUT = float(os.environ.get("MOTCUA_SIGNATURE_VERIFY_TIMEOUT", "30"))
# Speed and bounds of signing and verifying (docs/signatures.md, "Throughput and bounds").
MOTCUA_SIGNATURE_REVOCATION_CACHE = env_bool("MOTCUA_SIGNATURE_REVOCATION_CACHE", True)
MOTCUA_SIGNATURE_WORKERS = int(os.environ.get("MOTCUA_SIGNATURE_WORKERS", "0"))
MOTCUA_SIGNATURE_SIGN_TIMEOUT = float(os.environ.get("MOTCUA_SIGNATURE_SIGN_TIMEOUT", "120"))
MOTCUA_SIGNATURE_VERIFY_CONCURRENCY = int(os.environ.get("MOTCUA_SIGNATURE_VERIFY_CONCURRENCY", "0"))
MOTCUA_SIGNATURE_VERIFY_PER_CLIENT = int(os.environ.get("MOTCUA_SIGNATURE_VERIFY_PER_CLIENT", "2"))
# What validation may fetch (docs/signatures.md, "What is fetched"): besides the OCSP/CRL/issuer
# addresses our own certificates name, these prefixes or hosts; private addresses only when allowed.
MOTCUA_SIGNATURE_FETCH_ALLOW = env_list("MOTCUA_SIGNATURE_FETCH_ALLOW")
MOTCUA_SIGNATURE_FETCH_PRIVATE = env_bool("MOTCUA_SIGNATURE_FETCH_PRIVATE")
MOTCUA_SIGNATURE_FETCH_TIMEOUT = float(os.environ.get("MOTCUA_SIGNATURE_FETCH_TIMEOUT", "8"))
MOTCUA_SIGNATURE_FETCH_DEADLINE = float(os.environ.get("MOTCUA_SIGNATURE_FETCH_DEADLINE", "20"))
MOTCUA_SIGNATURE_FETCH_MAX_REQUESTS = int(os.environ.get("MOTCUA_SIGNATURE_FETCH_MAX_REQUESTS", "20"))
MOTCUA_SIGNATURE_FONT = os.environ.get("MOTCUA_SIGNATURE_FONT", "")
MOTCUA_SIGNATURE_FONT_BOLD = os.environ.get("MOTCUA_SIGNATURE_FONT_BOLD", "")

# Checkpoints of the dossiers' event chains (motcua.dossiers.anchors.conf documents each). The folder
# defaults to $MOTCUA_DATA_DIR/anchors; point it at separate, write-once storage in production.
MOTCUA_ANCHOR_DIR = os.environ.get("MOTCUA_ANCHOR_DIR", "")
MOTCUA_ANCHOR_AGENCY = os.environ.get("MOTCUA_ANCHOR_AGENCY", "")
MOTCUA_ANCHOR_OVERLAP_MINUTES = int(os.environ.get("MOTCUA_ANCHOR_OVERLAP_MINUTES", "60"))
MOTCUA_ANCHOR_MAX_AGE_HOURS = float(os.environ.get("MOTCUA_ANCHOR_MAX_AGE_HOURS", "26"))

# Back office (/can-bo/): staff sessions end after this many idle seconds; TOTP is required for every
# staff role. The issuer is the name authenticator apps show next to the code.
MOTCUA_STAFF_IDLE_SECONDS = int(os.environ.get("MOTCUA_STAFF_IDLE_SECONDS", "1800"))
OTP_TOTP_ISSUER = os.environ.get("MOTCUA_TOTP_ISSUER", "motcua")
# Nobody reads an authenticator's secret in the admin (backoffice.admin replaces django-otp's pages).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("MOTCUA_LOG_LEVEL", "INFO")},
    # pyHanko narrates every CRL and OCSP fetch at INFO; only its warnings matter to an operator.
    "loggers": {"pyhanko": {"level": "WARNING"}, "pyhanko_certvalidator": {"level": "WARNING"}},
}

AUTHENTICATION_BACKENDS = [
    "motcua.accounts.backends.MotcuaBackend",
    "motcua.accounts.oidc.CitizenOIDCBackend",
]

# Citizen accounts (portal): log in with phone or e-mail.
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:my_dossiers"
LOGOUT_REDIRECT_URL = "portal:home"
# Login limits (accounts.backends): this many failures from one address lock that address out of that
# account for the minutes given; past SLOWDOWN_AFTER failures in the window from everywhere, each
# attempt at the account waits 1 s, 2 s, 4 s… up to SLOWDOWN_MAX_SECONDS, except from addresses the
# account logged in from in the last KNOWN_ADDRESS_DAYS.
MOTCUA_LOGIN_MAX_FAILURES = int(os.environ.get("MOTCUA_LOGIN_MAX_FAILURES", "5"))
MOTCUA_LOGIN_LOCK_MINUTES = int(os.environ.get("MOTCUA_LOGIN_LOCK_MINUTES", "15"))
MOTCUA_LOGIN_SLOWDOWN_AFTER = int(os.environ.get("MOTCUA_LOGIN_SLOWDOWN_AFTER", "20"))
MOTCUA_LOGIN_SLOWDOWN_WINDOW_MINUTES = int(os.environ.get("MOTCUA_LOGIN_SLOWDOWN_WINDOW_MINUTES", "60"))
MOTCUA_LOGIN_SLOWDOWN_MAX_SECONDS = int(os.environ.get("MOTCUA_LOGIN_SLOWDOWN_MAX_SECONDS", "300"))
MOTCUA_LOGIN_KNOWN_ADDRESS_DAYS = int(os.environ.get("MOTCUA_LOGIN_KNOWN_ADDRESS_DAYS", "60"))
SESSION_COOKIE_AGE = int(os.environ.get("MOTCUA_SESSION_HOURS", "12")) * 3600
SESSION_COOKIE_HTTPONLY = True
PASSWORD_RESET_TIMEOUT = 2 * 3600
# Anonymous tracking by code + lookup secret: wrong attempts per client address before a pause.
MOTCUA_TRACKING_MAX_FAILURES = int(os.environ.get("MOTCUA_TRACKING_MAX_FAILURES", "10"))
MOTCUA_TRACKING_LOCK_MINUTES = int(os.environ.get("MOTCUA_TRACKING_LOCK_MINUTES", "15"))
# Reverse proxies in front of the web processes (0: none); their X-Forwarded-For names the client
# (motcua.core.net). With networks given, the header is read only from a peer inside them.
MOTCUA_TRUSTED_PROXIES = int(os.environ.get("MOTCUA_TRUSTED_PROXIES", "0"))
MOTCUA_TRUSTED_PROXY_NETWORKS = env_list("MOTCUA_TRUSTED_PROXY_NETWORKS")
# Every API throttle keys on motcua.core.net; DRF's own reading of the header is set to agree with it.
REST_FRAMEWORK["NUM_PROXIES"] = MOTCUA_TRUSTED_PROXIES
# Online submission (dossiers.submission_limits): "throttle" lets anybody file, within the limits per
# client address; "account" asks for a login first. 0 turns a limit off.
MOTCUA_ANONYMOUS_SUBMISSION = os.environ.get("MOTCUA_ANONYMOUS_SUBMISSION", "throttle")
if MOTCUA_ANONYMOUS_SUBMISSION not in ("throttle", "account"):
    raise ImproperlyConfigured('MOTCUA_ANONYMOUS_SUBMISSION must be "throttle" or "account".')
MOTCUA_SUBMISSIONS_PER_ADDRESS_HOUR = int(os.environ.get("MOTCUA_SUBMISSIONS_PER_ADDRESS_HOUR", "10"))
MOTCUA_SUBMISSIONS_PER_ADDRESS_DAY = int(os.environ.get("MOTCUA_SUBMISSIONS_PER_ADDRESS_DAY", "30"))
MOTCUA_SUBMISSIONS_PER_ACCOUNT_DAY = int(os.environ.get("MOTCUA_SUBMISSIONS_PER_ACCOUNT_DAY", "20"))
# Bounded input: request headers in total, nesting of a JSON body.
MOTCUA_MAX_HEADER_BYTES = int(os.environ.get("MOTCUA_MAX_HEADER_BYTES", str(16 * 1024)))
MOTCUA_MAX_JSON_DEPTH = int(os.environ.get("MOTCUA_MAX_JSON_DEPTH", "64"))
# Public address of the portal's tracking page, quoted in e-mails to applicants (empty: not quoted).
MOTCUA_TRACKING_URL = os.environ.get("MOTCUA_TRACKING_URL", "")

# OpenID Connect login (e.g. the national identity service), off unless a client id is set.
OIDC_RP_CLIENT_ID = os.environ.get("MOTCUA_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("MOTCUA_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("MOTCUA_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("MOTCUA_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("MOTCUA_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("MOTCUA_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("MOTCUA_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("MOTCUA_OIDC_SCOPES", "openid email profile phone address")
OIDC_USE_PKCE = env_bool("MOTCUA_OIDC_USE_PKCE")
# Match the ID token's key id against the provider's keys; a provider with one key and no "kid" in
# its tokens needs this off (the signature is still checked).
OIDC_VERIFY_KID = env_bool("MOTCUA_OIDC_VERIFY_KID", True)
OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL_FAILURE = "/tai-khoan/dang-nhap/?oidc=loi"
MOTCUA_OIDC_ISSUER = os.environ.get("MOTCUA_OIDC_ISSUER", "")
MOTCUA_OIDC_PROVIDER_NAME = os.environ.get("MOTCUA_OIDC_PROVIDER_NAME", "Tài khoản định danh điện tử")
MOTCUA_OIDC_NATIONAL_ID_CLAIM = os.environ.get("MOTCUA_OIDC_NATIONAL_ID_CLAIM", "national_id")

# One-time codes by text message (accounts.phone_codes); the gateway itself is read from
# MOTCUA_SMS_GATEWAY_URL / MOTCUA_SMS_API_KEY / MOTCUA_SMS_SENDER by accounts.sms (docs/vneid-sms.md).
MOTCUA_SMS_CODE_MINUTES = int(os.environ.get("MOTCUA_SMS_CODE_MINUTES", "5"))
MOTCUA_SMS_CODE_ATTEMPTS = int(os.environ.get("MOTCUA_SMS_CODE_ATTEMPTS", "5"))
MOTCUA_SMS_CODES_PER_PHONE = int(os.environ.get("MOTCUA_SMS_CODES_PER_PHONE", "3"))  # per 15 minutes
MOTCUA_SMS_CODES_PER_ADDRESS = int(os.environ.get("MOTCUA_SMS_CODES_PER_ADDRESS", "10"))  # per hour

DEFAULT_FROM_EMAIL = os.environ.get("MOTCUA_FROM_EMAIL", "motcua <khongtraloi@motcua.local>")
EMAIL_HOST = os.environ.get("MOTCUA_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("MOTCUA_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("MOTCUA_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("MOTCUA_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("MOTCUA_EMAIL_TLS")

# Online applications never submitted are deleted, with their uploads, after this many days
# without a change (`motcua purge_drafts`, run daily).
MOTCUA_DRAFT_RETENTION_DAYS = int(os.environ.get("MOTCUA_DRAFT_RETENTION_DAYS", "90"))
# What one citizen may keep in drafts: files per draft in total, and drafts open at once.
MOTCUA_DRAFT_MAX_BYTES = int(os.environ.get("MOTCUA_DRAFT_MAX_BYTES", str(50 * 1024 * 1024)))
MOTCUA_MAX_OPEN_DRAFTS = int(os.environ.get("MOTCUA_MAX_OPEN_DRAFTS", "10"))

# Readers' comments on the news and messages from the contact page (motcua.news.services): per client
# address (core/net.py), counted in the database; links allowed in one text; banned words (compared
# without accents), a comma-separated list that replaces the default one.
MOTCUA_COMMENTS_PER_ADDRESS_HOUR = int(os.environ.get("MOTCUA_COMMENTS_PER_ADDRESS_HOUR", "5"))
MOTCUA_COMMENTS_PER_ADDRESS_DAY = int(os.environ.get("MOTCUA_COMMENTS_PER_ADDRESS_DAY", "20"))
MOTCUA_COMMENT_MAX_LINKS = int(os.environ.get("MOTCUA_COMMENT_MAX_LINKS", "2"))
MOTCUA_COMMENT_BANNED_WORDS = env_list(
    "MOTCUA_COMMENT_BANNED_WORDS", "đồ ngu,ngu như bò,khốn nạn,mẹ kiếp,cá độ,lô đề,casino,cờ bạc online"
)
