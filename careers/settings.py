"""Settings for careers, read from the environment with safe development defaults.

DJANGO_SECRET_KEY      signing key; the production entry points refuse to start without it
DJANGO_DEBUG           "1"/"true" turns debug on; off unless set
DJANGO_ALLOWED_HOSTS   comma-separated host names (default: localhost names)
DATABASE_URL           e.g. postgres://user:pass@127.0.0.1:5432/careers; default a SQLite file
DATABASE_CONN_MAX_AGE  seconds a connection is reused (default 600; 0 closes it per request)
REDIS_URL              e.g. redis://127.0.0.1:6379/0; optional shared cache
DJANGO_ADMIN_PATH      where the editors' admin lives (default "admin/")
DJANGO_STATIC_ROOT     where collectstatic writes, and nginx serves from (default staticfiles/)
The rate limits, DJANGO_TRUSTED_PROXIES, DJANGO_MAX_REQUEST_BYTES and the rest: README, Settings.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from import_export.formats import base_formats

from careers.catalog.spreadsheet_cells import SpreadsheetSafeCSV
from careers.plumbing.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG")

# The development key lets `manage.py start` and the tests run on a fresh clone; the production
# entry points (careers/wsgi.py, careers/asgi.py) refuse to serve with it while DEBUG is off.
DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "import_export",
    "axes",
    "careers",
]

MIDDLEWARE = [
    "careers.plumbing.middleware.request_log",
    "careers.plumbing.middleware.limit_request_size",
    "django.middleware.security.SecurityMiddleware",
    "careers.plumbing.middleware.permissions_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages gzipped as they leave, unless a proxy in front does it (DJANGO_GZIP=0 behind the
    # nginx of `manage.py nginx_config`). Static files come precompressed either way.
    *(["django.middleware.gzip.GZipMiddleware"] if env_flag("DJANGO_GZIP", True) else []),
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "careers.web.pagecache.fill_holes",
    "django_htmx.middleware.HtmxMiddleware",
    "careers.plumbing.middleware.readable_method_errors",
    # Records which editor made each admin change in the catalog's history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careers.urls"
# None: runserver (`manage.py start`) serves Django's own handler; careers.wsgi is the
# production entry point, which refuses the development secret key.
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "careers.web.pagecache.holes",  # after csrf and csp: it stands in for both
                "careers.web.navigation.nav_tracks",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Kept open between requests (checked before reuse): opening a connection and setting
        # it up costs more than serving a page from the page cache.
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one request writes; IMMEDIATE transactions and a busy
    # timeout make concurrent writers wait their turn instead of failing with "locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "careers",
            # A Redis that stops answering costs a request at most this long, not a worker.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered pages, in each process's own memory: their keys carry the catalog's edition from the
# database, so a process never serves a page from before an edit (careers/web/pagecache.py).
# Pieces of pages made only of the catalog (a quiz question, a track's market facts), in each
# process's own memory: their keys carry the catalog's edition too, and what else they show.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "careers-fragments",
    "TIMEOUT": 3600,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "careers-pages",
    "TIMEOUT": 3600,
    "OPTIONS": {"MAX_ENTRIES": 500},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # collectstatic (run by `manage.py start` and on deploy) writes hashed, compressed copies:
    # browsers may cache them forever, and whitenoise serves gzip/brotli.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Accounts are optional: they only gather a person's assessments in one list.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my_assessments"
LOGOUT_REDIRECT_URL = "home"

# Sign-in lockout (django-axes): five failures for one username from one address pause it for
# 15 minutes, checked before any password is hashed; a successful sign-in resets the count.
# Failures live in the database, so every app process sees them.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "careers.plumbing.ratelimit.client_ip"
AXES_LOCKOUT_CALLABLE = "careers.web.account_pages.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are nobody's business but the person's

ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"

# django-import-export: each import runs in one transaction, so a bad row writes nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
# Left unset, django-import-export lets any staff member import and export every table: here an
# import needs the model's change permission and an export its view permission.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

SESSION_COOKIE_HTTPONLY = True
# Django's cached_db sessions with REDIS_URL, its database sessions without (careers/plumbing/
# sessions.py: an unreachable cache is only slower).
SESSION_ENGINE = "careers.plumbing.sessions"
CSRF_COOKIE_HTTPONLY = True  # htmx reads the token from the page, never from the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Scripts and styles only from this site (htmx's tag carries the nonce); no inline code, no
# eval, nothing from elsewhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

# Behind TLS (production), DJANGO_HTTPS=1 makes cookies secure, redirects http to https and
# sends HSTS. Off by default so `manage.py start` works on http://127.0.0.1:8000.
if env_flag("DJANGO_HTTPS"):
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if host[0] not in ".["]

# Editors import and export catalog tables as CSV or JSON. The CSV is written so a spreadsheet
# runs no cell as a formula, and read back as it was (careers/catalog/spreadsheet_cells.py);
# the library's own escape is left off: it only drops a leading "=", from JSON too.
IMPORT_EXPORT_FORMATS = [SpreadsheetSafeCSV, base_formats.JSON]
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False

# Writes per person, counted in the shared cache: scope → (requests, seconds). Quiz answers
# count per session, progress and saved what-ifs per roadmap, sign-ins per address (each one
# hashes a password), kept results (finished quizzes and saved what-ifs) per address: a
# classroom of 40 fits, a script that makes a session per result stops at 100 rows an hour.
# See careers/plumbing/ratelimit.py.
RATE_LIMITS = {
    "quiz": (int(os.environ.get("DJANGO_QUIZ_RATE", "120")), 60),
    "progress": (int(os.environ.get("DJANGO_PROGRESS_RATE", "240")), 60),
    "signin": (int(os.environ.get("DJANGO_SIGNIN_RATE", "30")), 60),
    "save": (int(os.environ.get("DJANGO_SAVE_RATE", "20")), 3600),
    "result": (int(os.environ.get("DJANGO_RESULT_RATE", "100")), 3600),
}
# The ceiling for one address however many sessions it makes: a whole classroom fits under it.
ADDRESS_RATE_FACTOR = int(os.environ.get("DJANGO_ADDRESS_RATE_FACTOR", "20"))
ADDRESS_RATE_LIMITS = {
    scope: (RATE_LIMITS[scope][0] * ADDRESS_RATE_FACTOR, RATE_LIMITS[scope][1])
    for scope in ("quiz", "progress")
}
TRUSTED_PROXIES = int(os.environ.get("DJANGO_TRUSTED_PROXIES", "0"))

# The largest request body accepted, files included (an import of the whole catalog is about
# 250 KB): larger ones get a 413 before anything reads them. The proxy's client_max_body_size
# says the same (manage.py nginx_config).
MAX_REQUEST_BYTES = int(os.environ.get("DJANGO_MAX_REQUEST_BYTES", str(2 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BYTES

# One JSON line per log record on stderr, whichever logger writes it (careers/plumbing/logs.py).
LOGGING = logging_config(os.environ.get("DJANGO_LOG_LEVEL", "INFO"))
# A Host this site does not serve (a scan, a stale DNS name) is refused with the 400 page and
# logged as one warning line, not as an error with a traceback on every request.
LOGGING["filters"]["as_warning"] = {"()": "careers.plumbing.logs.AsWarningWithoutTraceback"}
LOGGING["loggers"]["django.security.DisallowedHost"] = {"filters": ["as_warning"]}
