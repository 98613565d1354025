"""Samverkan's settings. Everything that differs between machines comes from the environment
(see README, "Inställningar / Settings")."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from samverkan.core.env import env_bool, env_int, env_json, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

DEBUG = env_bool("SAMVERKAN_DEBUG", False)
SECRET_KEY = env_str("SAMVERKAN_SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
ALLOWED_HOSTS = env_list("SAMVERKAN_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("SAMVERKAN_CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SAMVERKAN_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.usersessions",
    "auditlog",
    "django_htmx",
    "django_tasks_db",
    "ninja",  # the API docs' Swagger assets served locally, not from a CDN
    "samverkan.history",
    "samverkan.cooperation",
    "samverkan.people",
    "samverkan.accounts",
    "samverkan.networks",
    "samverkan.agreements",
    "samverkan.meetings",
    "samverkan.compliance",
    "samverkan.notifications",
    "samverkan.api",
    "samverkan.costs",
    "samverkan.surveys",
    "samverkan.reports",
    "samverkan.dashboard",
    "samverkan.demo",
    "samverkan.site",  # last: its ready() finds every room's plug-in modules
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "samverkan.site.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "samverkan.site.middleware.HtmxMessagesMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
]

ROOT_URLCONF = "samverkan.urls"
WSGI_APPLICATION = "samverkan.wsgi.application"

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
                "django.template.context_processors.i18n",
                "samverkan.site.context_processors.cooperation",
                "samverkan.site.context_processors.unread_notifications",
            ],
            "builtins": ["samverkan.site.templatetags.samverkan_tags"],
        },
    }
]

# SQLite is the embedded default; production sets DATABASE_URL=postgres://…
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'samverkan.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every process, so that login limits hold across workers.
_cache_url = env_str("CACHE_URL", "")
if _cache_url.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "samverkan_cache",
        }
    }

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ALLOW_SIGNUPS = env_bool("SAMVERKAN_ALLOW_SIGNUPS", False)
ACCOUNT_ADAPTER = "samverkan.accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
# Failed logins are throttled per account and per address (allauth's rate limits).
ACCOUNT_RATE_LIMITS = {"login_failed": env_str("SAMVERKAN_LOGIN_LIMIT", "10/m/ip,5/300s/key")}

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static", ("vendor", BASE_DIR / "node_modules")]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("SAMVERKAN_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))

# E-mail through Django's mail API (MAILERS, Django 6.1): console by default, SMTP by setting.
if env_str("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST"),
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
        }
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "samverkan@localhost")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Notices (samverkan/notifications/delivery.py): a notice left in "sending" this long is sent
# again by the sweep; a failing e-mail is retried this many times; the scheduler sweeps this
# often and enqueues the daily reminders from this hour (local time).
NOTIFICATIONS_STUCK_MINUTES = env_int("SAMVERKAN_NOTIFICATIONS_STUCK_MINUTES", 15)
NOTIFICATIONS_MAX_ATTEMPTS = env_int("SAMVERKAN_NOTIFICATIONS_MAX_ATTEMPTS", 5)
NOTIFICATIONS_SWEEP_MINUTES = env_int("SAMVERKAN_NOTIFICATIONS_SWEEP_MINUTES", 5)
REMINDERS_HOUR = env_int("SAMVERKAN_REMINDERS_HOUR", 6)

AUDITLOG_LOGENTRY_MODEL = "history.HistoryEntry"
AUDITLOG_INCLUDE_ALL_MODELS = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SAMVERKAN_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("SAMVERKAN_LOG_LEVEL", "WARNING")},
}

# Catalogue page size; the dashboard has its own.
CATALOGUE_PAGE_SIZE = env_int("SAMVERKAN_CATALOGUE_PAGE_SIZE", 20)
# N6: contact details are stale after this many months without confirmation.
CONTACTS_STALE_MONTHS = env_int("SAMVERKAN_CONTACTS_STALE_MONTHS", 12)
# How long a process may reuse the dashboard's verdicts while nothing recorded has changed.
COMPLIANCE_CACHE_SECONDS = env_int("SAMVERKAN_COMPLIANCE_CACHE_SECONDS", 60)
# bench/run.py only: a hello-world view at /bench/hello/ to compare the pages against.
BENCH_HELLO = env_bool("SAMVERKAN_BENCH_HELLO", False)
# P4/ST2: survey results per network are shown only where at least this many answered.
SURVEY_MIN_RESPONSES = env_int("SAMVERKAN_SURVEY_MIN_RESPONSES", 5)

# --- Sign-in (issue 12). Each block belongs to one part of samverkan/accounts/. ------------
# accounts/oidc: the municipalities' OpenID Connect providers.
# accounts/activation: activation links for people the system names.
# accounts (adapter, middleware): second factor, login limits, session lifetimes, passwords.
