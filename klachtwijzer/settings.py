"""Settings for Klachtwijzer.

One file: environments differ only by environment variables, all listed in ``.env.example``.
The defaults run the demo on an embedded SQLite database under ``var/``.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("KLACHTWIJZER_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The default is for the demo and the tests only: the web and worker processes refuse to start with it
# when DEBUG is false (``accounts/security.py``), and `check --deploy` flags it.
DEMO_SECRET_KEY = "django-insecure-klachtwijzer-demo-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEMO_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "klachtwijzer.letters.apps.TasksDatabaseConfig",  # django_tasks_db, named in Dutch
    "klachtwijzer.accounts",
    "klachtwijzer.complaints",
    "klachtwijzer.learning",
    "klachtwijzer.ombudsman",
    "klachtwijzer.partners",
    "klachtwijzer.reporting",
    "klachtwijzer.intake",
    "klachtwijzer.satisfaction",
    "klachtwijzer.letters",
    "klachtwijzer.notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "klachtwijzer.request_size.RequestSizeLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "klachtwijzer.urls"
WSGI_APPLICATION = "klachtwijzer.wsgi.application"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "klachtwijzer.accounts.context_processors.municipality",
                "klachtwijzer.navigation.main_menu",
                "klachtwijzer.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'klachtwijzer.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# One catalogue per app (makemessages files each string under the first path that contains it),
# and the project's own for the shared templates.
LOCALE_PATHS = [
    PACKAGE_DIR / app / "locale"
    for app in (
        "accounts",
        "complaints",
        "learning",
        "ombudsman",
        "reporting",
        "intake",
        "letters",
        "notifications",
        "partners",
        "satisfaction",
    )
] + [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = None

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media-not-served/"  # attachments are served only through views that check access
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and env_bool("STATIC_MANIFEST", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploads: a file over 2 MB is streamed to a temporary file, never held whole; the fields besides the
# files may take 2.5 MB (Django's default); a whole request over REQUEST_MAX_SIZE (5 attachments of 10 MB,
# complaints.attachments, plus 1 MB for the text) is refused with 413 before its body is read
# (klachtwijzer/request_size.py). The web server's own limit (nginx client_max_body_size) must be the same.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
REQUEST_MAX_SIZE = 5 * 10 * 1024 * 1024 + 1024 * 1024

# E-mail
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "klachten@gemeente.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks: a database-backed queue, so the embedded default needs no broker.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Delivery and reminders (docs/operations.md) -----------------------------------------------------
# A failed e-mail (letter or notification) is tried again SEND_RETRIES times, waiting
# SEND_RETRY_BASE_SECONDS, then twice as long each time. A task still "running" after
# STALE_TASK_MINUTES belongs to a worker that died and is queued again.
SEND_RETRIES = int(os.environ.get("SEND_RETRIES", "5"))
SEND_RETRY_BASE_SECONDS = int(os.environ.get("SEND_RETRY_BASE_SECONDS", "60"))
STALE_TASK_MINUTES = int(os.environ.get("STALE_TASK_MINUTES", "15"))
# The worker runs the reminder pass every day at REMINDER_HOUR (local time); reminders come
# REMINDER_WORKING_DAYS working days before a term or due date; the digest goes on DIGEST_WEEKDAY
# (0 = Monday).
REMINDER_HOUR = int(os.environ.get("REMINDER_HOUR", "6"))
REMINDER_WORKING_DAYS = int(os.environ.get("REMINDER_WORKING_DAYS", "3"))
DIGEST_WEEKDAY = int(os.environ.get("DIGEST_WEEKDAY", "0"))

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache"
        if env_bool("CACHE_IN_DATABASE", False)
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "klachtwijzer-cache",
    }
}
if os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL", "").startswith(("redis://", "rediss://")):
    # Shared by every web process, like the database cache; Django's own backend on redis-py.
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("REDIS_URL") or os.environ["CACHE_URL"],
    }
elif os.environ.get("CACHE_URL", "").startswith("db://"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": os.environ["CACHE_URL"].removeprefix("db://") or "klachtwijzer-cache",
    }

# The municipality's defaults; the Municipality record in the database overrides them once it exists.
MUNICIPALITY_NAME = os.environ.get("MUNICIPALITY_NAME", "Gemeente Voorbeeld")
# The second line for complaints (Awb 9:17): the Nationale ombudsman, or the municipality's own
# ombudsman or ombudscommissie (kind "national", "municipal" or "committee").
OMBUDSMAN_NAME = os.environ.get("OMBUDSMAN_NAME", "Nationale ombudsman")
OMBUDSMAN_KIND = os.environ.get("OMBUDSMAN_KIND", "national")
REFERENCE_PREFIX = os.environ.get("REFERENCE_PREFIX", "KLW")

# Security: the production values follow DEBUG=false; `klachtwijzer check --deploy` passes with
# SECRET_KEY set and SECURE_SSL=true (see docs/operations.md).
SECURE_SSL = env_bool("SECURE_SSL", False)
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
SECURE_SSL_REDIRECT = SECURE_SSL
SECURE_HSTS_SECONDS = 31536000 if SECURE_SSL else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL
SECURE_HSTS_PRELOAD = SECURE_SSL
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}


# --- Staff authentication and hardening (docs/security.md) -------------------------------------------
# Kept in one block so that other changes to this file stay apart from it.
def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


# Sessions: at most SESSION_COOKIE_AGE after logging in, SESSION_IDLE_TIMEOUT without a request, and
# gone when the browser closes (``accounts.security.SessionTimeoutMiddleware``).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)

# Client addresses: X-Forwarded-For counts only when the request comes from one of these proxies
# (addresses or networks). BEHIND_PROXY=true alone trusts a proxy on the same machine.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1" if env_bool("BEHIND_PROXY", False) else "")

# The resident's status link stops working this many days after the complaint was closed.
STATUS_LINK_DAYS_AFTER_CLOSING = env_int("STATUS_LINK_DAYS_AFTER_CLOSING", 400)
# A report job (finalising, the draft's PDF or DOCX) busy this long without finishing counts as stopped.
REPORT_JOB_STALE_MINUTES = env_int("REPORT_JOB_STALE_MINUTES", 15)

# The public form's rate limit per client address (``intake/ratelimit.py``).
INTAKE_SUBMISSIONS_PER_HOUR = env_int("INTAKE_SUBMISSIONS_PER_HOUR", 5)
INTAKE_ADDITIONS_PER_HOUR = env_int("INTAKE_ADDITIONS_PER_HOUR", 20)
# The satisfaction survey's link works this many days after closing; answers per address per hour.
SATISFACTION_SURVEY_DAYS = env_int("SATISFACTION_SURVEY_DAYS", 60)
SATISFACTION_ANSWERS_PER_HOUR = env_int("SATISFACTION_ANSWERS_PER_HOUR", 20)

# Lockout (django-axes): 5 failed logins for one username from one address lock that pair for 15 minutes.
INSTALLED_APPS += [
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "two_factor",
]
# Two-factor authentication (django-two-factor-auth on django-otp): TOTP with recovery codes, required
# for the roles in TWO_FACTOR_ROLES (those that see complainants' data, and the privacy officer, who
# reads the access log and exports all data held about a person; add board or administrator).
_AUTH_MIDDLEWARE = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
MIDDLEWARE[_AUTH_MIDDLEWARE + 1 : _AUTH_MIDDLEWARE + 1] = [
    "django_otp.middleware.OTPMiddleware",
    "klachtwijzer.accounts.security.RequireTwoFactorMiddleware",
]
TWO_FACTOR_ROLES = env_list("TWO_FACTOR_ROLES", "coordinator,handler,manager,partner,privacy_officer")
TWO_FACTOR_PATCH_ADMIN = False
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Klachtwijzer")
TWO_FACTOR_REMEMBER_COOKIE_AGE = None
MIDDLEWARE += [
    "klachtwijzer.accounts.security.SessionTimeoutMiddleware",
    "csp.middleware.CSPMiddleware",
    "klachtwijzer.accounts.security.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "klachtwijzer.accounts.security.locked_out"
AXES_CLIENT_IP_CALLABLE = "klachtwijzer.accounts.security.axes_client_address"
AXES_USERNAME_FORM_FIELD = "username"

# Single sign-on (OpenID Connect, mozilla-django-oidc), on when OIDC_RP_CLIENT_ID is set: the person from
# the identity provider becomes the existing user with that e-mail address or username (accounts/oidc.py).
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_OP_DISCOVERY_ENDPOINT = os.environ.get("OIDC_OP_DISCOVERY_ENDPOINT", "")
for _name in ("AUTHORIZATION", "TOKEN", "USER", "JWKS"):
    if os.environ.get(f"OIDC_OP_{_name}_ENDPOINT"):
        globals()[f"OIDC_OP_{_name}_ENDPOINT"] = os.environ[f"OIDC_OP_{_name}_ENDPOINT"]
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "")
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_AUTHENTICATE_CLASS = "klachtwijzer.accounts.oidc.AuthenticationRequestView"
OIDC_CALLBACK_CLASS = "klachtwijzer.accounts.oidc.AuthenticationCallbackView"
LOGIN_REDIRECT_URL_FAILURE = "/inloggen/"
if OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS.append("klachtwijzer.accounts.oidc.ExistingUserBackend")
INSTALLED_APPS += ["mozilla_django_oidc"]

# Content Security Policy (django-csp): nothing inline but the theme's colours, which carry a nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# --- end of staff authentication and hardening --------------------------------------------------------

# How long the personal-data access log is kept (docs/privacy.md, "The log's own retention"): entries older
# than this many years are removed by `klachtwijzer prune_access_log`, which keeps the hash chain verifiable.
ACCESS_LOG_YEARS = env_int("ACCESS_LOG_YEARS", 5)
