"""Django settings. Everything that differs between machines comes from the environment.

Production is the default: PASOK_DEBUG=1 (what `make run` sets) turns on development, with
its published keys. Without it Pasok starts only with its own PASOK_SECRET_KEY and
PASOK_BID_KEYS (pasok.keys says what they must be and how to make them).

DATABASE_URL selects the database (PostgreSQL in production, e.g.
postgres://postgres@127.0.0.1:5432/test); without it Pasok uses SQLite under var/.
"""

import datetime as dt
import os
from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from pasok import keys
from pasok.database import database

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("PASOK_VAR_DIR", Path.cwd() / "var")).resolve()

DEBUG = os.environ.get("PASOK_DEBUG", "0") == "1"
if DEBUG:
    SECRET_KEY = os.environ.get("PASOK_SECRET_KEY") or keys.DEVELOPMENT_SECRET_KEY
    # Empty: pasok.tenders.sealing derives development's bid key from SECRET_KEY.
    PASOK_BID_KEYS = os.environ.get("PASOK_BID_KEYS", "")
else:
    SECRET_KEY = keys.production_secret_key(os.environ.get("PASOK_SECRET_KEY", ""))
    PASOK_BID_KEYS = keys.production_bid_keys(os.environ.get("PASOK_BID_KEYS", ""))
ALLOWED_HOSTS = os.environ.get("PASOK_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "pasok.ops",  # before django_tasks_db: its `db_worker` command is the one run
    "django_tasks",
    "django_tasks_db",
    "csp",
    "pasok.shell",
    "pasok.web",  # before "ninja": its templates/ninja/swagger.html is the one served
    "ninja",  # Swagger UI from static files, not a CDN (/api/v1/docs works offline)
    "pasok.audit",
    "pasok.accounts",
    "pasok.suppliers",
    "pasok.tkdn",
    "pasok.tenders",
    "pasok.allocation",
    "pasok.contracts",
    "pasok.inspection",
    "pasok.payments",
    "pasok.scorecards",
    "pasok.insights",
    "pasok.rfqs",
    "pasok.mediation",
    "pasok.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pasok.web.links.BaseUrlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: a signed-in person's own language and time zone.
    "pasok.web.middleware.LanguageMiddleware",
    "pasok.web.middleware.RequestSizeMiddleware",
    "pasok.web.middleware.TimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "pasok.web.middleware.NotFoundMiddleware",
    "pasok.web.middleware.MethodNotAllowedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "pasok.urls"
WSGI_APPLICATION = "pasok.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pasok.shell.navigation.navigation",
                "pasok.shell.navigation.language_switch",
            ],
            "builtins": ["pasok.web.templatetags.pasok"],
        },
    }
]

# Connections kept, pooled or through PgBouncer: pasok.database (PASOK_DB_* variables).
DATABASES = {"default": database(os.environ, f"sqlite:///{VAR_DIR / 'pasok.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["pasok.accounts.backends.OrganisationBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "shell:home"
LOGOUT_REDIRECT_URL = "shell:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Bahasa Indonesia first; English is a complete switch.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

STATIC_URL = "/static/"
# In development WhiteNoise serves straight from the apps (finders). Production serves what
# `pasok serve` collected into var/static: names carry a hash of the content (cached for
# ever by browsers), compressed ahead of time.
STATIC_ROOT = None if DEBUG else VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# The foundries map's land (web.base_map): npm's world-atlas, which `make install` (npm ci)
# puts in node_modules/, beside var/.
BASE_MAP = Path(os.environ.get(
    "PASOK_BASE_MAP", Path.cwd() / "node_modules/world-atlas/land-10m.json"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
                    if DEBUG else "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
# Uploads. A request over PASOK_MAX_REQUEST_MB (by its Content-Length) is refused before its
# body is read (pasok.web.middleware.RequestSizeMiddleware), the API's with a JSON 413; each
# kind of file has its own, smaller limit (pasok.web.file_limits). The API sends a bid's
# documents base64-encoded in JSON, which Django holds in memory: the same bound. Uploaded
# files over Django's default 2,5 MB wait in a temporary file, not in memory.
PASOK_MAX_REQUEST_BYTES = int(os.environ.get("PASOK_MAX_REQUEST_MB", "40")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = PASOK_MAX_REQUEST_BYTES

EMAIL_BACKEND = os.environ.get(
    "PASOK_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("PASOK_FROM_EMAIL", "Pasok <noreply@pasok.local>")
# Links in e-mails (pasok.web.links): PASOK_BASE_URL when set (production), else the address
# of the request that caused the mail, else where `pasok run` serves (it sets
# PASOK_SERVED_URL for its worker).
PASOK_BASE_URL = os.environ.get("PASOK_BASE_URL", "")
PASOK_SERVED_URL = os.environ.get("PASOK_SERVED_URL", "http://127.0.0.1:8000")

# Rate limits (pasok.web.throttle) count in the cache. Production keeps it in the database,
# shared by every request worker and every server (`pasok serve` creates the table);
# development and the tests keep Django's per-process memory cache.
if not DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": "pasok_cache"}}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("PASOK_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Signing in and API tokens ------------------------------------------------------------
# Failed sign-ins are counted by django-axes in the database, so every app server shares them
# (pasok.accounts.login_throttle): PASOK_LOGIN_FAILURES for one e-mail address, or
# PASOK_LOGIN_ADDRESS_FAILURES from one client address (an office signs in from one), within
# PASOK_LOGIN_PAUSE_MINUTES pause signing in there for that long.
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]
AXES_HANDLER = "pasok.accounts.login_throttle.LoginThrottle"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = int(os.environ.get("PASOK_LOGIN_FAILURES", "5"))
PASOK_LOGIN_ADDRESS_FAILURES = int(os.environ.get("PASOK_LOGIN_ADDRESS_FAILURES", "30"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("PASOK_LOGIN_PAUSE_MINUTES", "15")))
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the time the page names stays true
AXES_USERNAME_CALLABLE = "pasok.accounts.login_throttle.account_of"
AXES_CLIENT_IP_CALLABLE = "pasok.accounts.login_throttle.address_of"
AXES_LOCKOUT_CALLABLE = "pasok.accounts.login_throttle.paused_response"
AXES_ENABLE_ADMIN = False  # the admin is read-only; platform admins unlock on accounts:lockouts
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are nobody's record
AXES_VERBOSE = False  # no banner on every `pasok` command
# A client's address is the one these proxies saw (X-Forwarded-For), the same proxies whose
# X-Forwarded-Proto `pasok serve` believes; behind them every request would come from one.
PASOK_TRUSTED_PROXIES = os.environ.get("PASOK_FORWARDED_ALLOW_IPS", "127.0.0.1,::1").split(",")
# An API token stops working this many days after it is made.
PASOK_API_TOKEN_DAYS = int(os.environ.get("PASOK_API_TOKEN_DAYS", "90"))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Scripts, styles, images and fonts only from the site's own files: no inline script, no
# inline style, nothing from elsewhere. It holds in development too, so a page that breaks
# it breaks where its author sees it (tests/browser/test_content_security_policy.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # HTTPS only. Behind a proxy, `pasok serve` (gunicorn) takes X-Forwarded-Proto from
    # PASOK_FORWARDED_ALLOW_IPS alone, so SECURE_PROXY_SSL_HEADER stays unset: Django
    # would trust that header from anyone. Load balancers check /healthz over plain HTTP.
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PASOK_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
