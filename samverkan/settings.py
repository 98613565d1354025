"""Samverkan's settings. Everything that differs between machines comes from the environment
(see README, "Inställningar / Settings")."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from samverkan.core.env import env_bool, env_int, env_json, env_list, env_str
from samverkan.core.secret_key import secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

DEBUG = env_bool("SAMVERKAN_DEBUG", False)
# Issue 13: with DEBUG off, no start without a long random SAMVERKAN_SECRET_KEY; with DEBUG on
# and none set, a development key made once in var/secret_key (samverkan/core/secret_key.py).
SECRET_KEY = secret_key(debug=DEBUG, key_file=BASE_DIR / "var" / "secret_key")
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
    "samverkan.backup",
    "samverkan.imports",
    "samverkan.records",
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
    "samverkan.accounts.middleware.SessionLifetimeMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "samverkan.accounts.middleware.SecondFactorMiddleware",
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
# A process keeps its connection for DATABASE_CONN_MAX_AGE seconds (60 by default: no new
# connection per request under gunicorn; 0 with DEBUG on, where the development server's thread
# per request would only leave connections behind), and checks a kept connection before
# reusing it (CONN_HEALTH_CHECKS), so that a restarted PostgreSQL costs one reconnect, not a 500.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'samverkan.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writes; the busy timeout (20 s) makes a writer wait for
    # the lock. IMMEDIATE takes the write lock when a transaction begins, not at its first
    # write: a transaction that read first and then wants to write could otherwise not wait
    # ("database is locked", a 500, issue 18 §2); now concurrent saves queue up, and the later
    # one sees the earlier one's version and ends in the conflict message.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every process, so that login limits hold across workers.
_cache_url = env_str("CACHE_URL", "")
CACHES: dict[str, dict[str, object]]
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
    # Django's and allauth's, loading the user with their person (people/backends.py).
    "samverkan.people.backends.ModelBackend",
    "samverkan.people.backends.AuthenticationBackend",
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
# Failed logins are throttled per address and per (account, address) (allauth's rate limits,
# keyed in samverkan/accounts/adapter.py); the slower per-account limit is further down.
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
                # Issue 18 §3: a server that accepts and never answers must not hold the
                # worker: each connect, read and write gives up after this many seconds.
                "timeout": env_int("SAMVERKAN_EMAIL_TIMEOUT", 10),
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
# again by the sweep (retries of a failing e-mail: issue 15/18 part 18C below); the scheduler
# sweeps this often and enqueues the daily reminders from this hour (local time).
NOTIFICATIONS_STUCK_MINUTES = env_int("SAMVERKAN_NOTIFICATIONS_STUCK_MINUTES", 15)
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
# bench/run.py only: a hello-world view at /bench/hello/ to compare the pages against.
BENCH_HELLO = env_bool("SAMVERKAN_BENCH_HELLO", False)
# P4/ST2: survey results per network are shown only where at least this many answered.
SURVEY_MIN_RESPONSES = env_int("SAMVERKAN_SURVEY_MIN_RESPONSES", 5)

# --- Sign-in (issue 12). Each block belongs to one part of samverkan/accounts/. ------------
# accounts/oidc: the municipalities' OpenID Connect providers.
from samverkan.accounts.oidc import providers as oidc_providers  # noqa: E402

# SAMVERKAN_OIDC_PROVIDERS (JSON list) -> allauth's openid_connect apps, PKCE (S256) on.
SOCIALACCOUNT_PROVIDERS = oidc_providers.socialaccount_providers(
    oidc_providers.parse(env_json("SAMVERKAN_OIDC_PROVIDERS", []))
)
SOCIALACCOUNT_ADAPTER = "samverkan.accounts.oidc.adapter.SocialAccountAdapter"
SOCIALACCOUNT_REQUESTS_TIMEOUT = env_int("SAMVERKAN_OIDC_TIMEOUT", 5)
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_AUTO_SIGNUP = ACCOUNT_ALLOW_SIGNUPS
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # matching is the adapter's: verified e-mail only
SOCIALACCOUNT_LOGIN_ON_GET = False  # the login buttons POST (with CSRF)
# accounts/activation: activation links for people the system names.
ACTIVATION_DAYS = env_int("SAMVERKAN_ACTIVATION_DAYS", 14)
ACCOUNT_FORMS = {"reset_password": "samverkan.accounts.activation.forms.ResetPasswordForm"}
# accounts (adapter, middleware): second factor, login limits, session lifetimes, passwords.
# Second factor (allauth.mfa, samverkan/accounts/mfa.py): staff and superusers always need
# one; SAMVERKAN_MFA_REQUIRED says who else: "none", "secretariat" (default) or "all".
SECOND_FACTOR_REQUIRED = env_str("SAMVERKAN_MFA_REQUIRED", "secretariat")
if SECOND_FACTOR_REQUIRED not in ("none", "secretariat", "all"):
    raise ValueError("SAMVERKAN_MFA_REQUIRED must be none, secretariat or all")
# WebAuthn (security keys, passkeys as a second factor) beside the authenticator app; browsers
# need HTTPS, or http://localhost, which the server then accepts only when this is on.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env_bool("SAMVERKAN_WEBAUTHN_INSECURE_ORIGIN", DEBUG)
MFA_FORMS = {"add_webauthn": "samverkan.accounts.mfa_forms.AddWebAuthnForm"}
MFA_TOTP_ISSUER = env_str("SAMVERKAN_MFA_ISSUER", "Samverkan")
MFA_TOTP_TOLERANCE = 1  # a code from the previous or next 30 s still works (clock drift)
# Login limits (samverkan/accounts/adapter.py): ACCOUNT_RATE_LIMITS above limits failures per
# address and per (account, address); past LOGIN_ACCOUNT_LIMIT failures from all addresses,
# every attempt on the account is answered after a pause of up to LOGIN_DELAY_MAX_SECONDS.
LOGIN_ACCOUNT_LIMIT = env_str("SAMVERKAN_LOGIN_ACCOUNT_LIMIT", "20/h")
LOGIN_DELAY_MAX_SECONDS = env_int("SAMVERKAN_LOGIN_DELAY_MAX_SECONDS", 3)
# Behind a reverse proxy, the number of proxies whose X-Forwarded-For is trusted.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("SAMVERKAN_TRUSTED_PROXY_COUNT", 0)
# Sessions (samverkan/accounts/middleware.py): idle timeout and absolute lifetime.
SESSION_IDLE_MINUTES = env_int("SAMVERKAN_SESSION_IDLE_MINUTES", 60)
SESSION_MAX_HOURS = env_int("SAMVERKAN_SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
# Passwords (samverkan/accounts/passwords.py): at most 128 characters; the breached-password
# check (Pwned Passwords range API) only when SAMVERKAN_PWNED_PASSWORDS is on.
PWNED_PASSWORDS_CHECK = env_bool("SAMVERKAN_PWNED_PASSWORDS", False)
AUTH_PASSWORD_VALIDATORS.append({"NAME": "samverkan.accounts.passwords.MaximumLengthValidator"})
if PWNED_PASSWORDS_CHECK:
    AUTH_PASSWORD_VALIDATORS.append(
        {"NAME": "samverkan.accounts.passwords.BreachedPasswordValidator"}
    )
    PWNED_PASSWORDS = {"API_TIMEOUT": 2.0}

# --- Trust (issue 13): csp ---
# Content-Security-Policy on every response (Django's own CSP support, samverkan/site/csp.py):
# no inline script and no eval anywhere; inline <style> only with the request's nonce (the
# cooperation's colours and Django's admin: {% csp_nonce_attr %}; the charts' SVG: csp_markup).
# SAMVERKAN_CSP_REPORT_ONLY=true sends it as Content-Security-Policy-Report-Only instead (to
# try a change of policy); SAMVERKAN_CSP_REPORT_URI names where browsers report violations;
# SAMVERKAN_CSP_FORM_ACTION lists further origins forms may post or be redirected to (the
# sign-in providers of SAMVERKAN_OIDC_PROVIDERS are added by themselves).
from django.utils.csp import CSP  # noqa: E402

MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "samverkan.site.csp.ContentSecurityPolicyMiddleware",
)
_csp_template_options: dict[str, list[str]] = TEMPLATES[0]["OPTIONS"]  # type: ignore[assignment]
_csp_template_options["context_processors"].append("django.template.context_processors.csp")
_csp_template_options["builtins"].append("samverkan.site.templatetags.csp_tags")  # csp_markup
CSP_POLICY: dict[str, list[str]] = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF, *env_list("SAMVERKAN_CSP_FORM_ACTION")],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
if env_str("SAMVERKAN_CSP_REPORT_URI"):
    CSP_POLICY["report-uri"] = [env_str("SAMVERKAN_CSP_REPORT_URI")]
if env_bool("SAMVERKAN_CSP_REPORT_ONLY", False):
    SECURE_CSP: dict[str, list[str]] = {}
    SECURE_CSP_REPORT_ONLY = CSP_POLICY
else:
    SECURE_CSP = CSP_POLICY

# --- Trust (issue 13): secrets -------------------------------------------------------------
# SECRET_KEY is read near the top (samverkan/core/secret_key.py). Key rotation: the new key in
# SAMVERKAN_SECRET_KEY, the earlier ones in SAMVERKAN_SECRET_KEY_FALLBACKS (a JSON list, or
# separated by commas); what an old key signed (sessions, invitation answer links, password
# resets) keeps working until that key is taken out of the fallbacks.
from samverkan.core.secret_key import fallback_keys  # noqa: E402

SECRET_KEY_FALLBACKS = fallback_keys(debug=DEBUG)
# HTTPS, through SecurityMiddleware: HSTS for SAMVERKAN_HSTS_SECONDS (0, off, by default, as
# development needs; 31536000, a year, in production once every page is on HTTPS), with its
# includeSubDomains and preload flags; every http:// request redirected to https://.
SECURE_HSTS_SECONDS = env_int("SAMVERKAN_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SAMVERKAN_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SAMVERKAN_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("SAMVERKAN_SSL_REDIRECT", False)
# Behind a reverse proxy that ends TLS, SAMVERKAN_PROXY_SSL_HEADER=1 takes the proxy's
# "X-Forwarded-Proto: https" as proof of HTTPS. Only when the proxy sets that header itself on
# every request and drops a client's own: anyone else could send it.
if env_bool("SAMVERKAN_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Cookies only over HTTPS: SAMVERKAN_SECURE_COOKIES, on by itself where HTTP is redirected.
SESSION_COOKIE_SECURE = env_bool("SAMVERKAN_SECURE_COOKIES", SECURE_SSL_REDIRECT)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# --- Trust (issue 13): files ---
# Uploaded files are served by samverkan/site/files.py, which asks who may read them; nothing
# is served at MEDIA_URL. An upload may be at most SAMVERKAN_UPLOAD_MAX_MB; a larger request is
# refused from its Content-Length before its body is read (samverkan/site/uploads.py).
UPLOAD_MAX_MB = env_int("SAMVERKAN_UPLOAD_MAX_MB", 25)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "samverkan.site.uploads.UploadLimitMiddleware",
)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # a file past 2.5 MB goes to a temporary file
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # the form fields beside the files
# The web server may send the bytes once the view has decided: "nginx" (X-Accel-Redirect to
# SAMVERKAN_FILE_ACCEL_PREFIX, an internal location aliasing the media folder) or "apache"
# (X-Sendfile, mod_xsendfile); empty: Django streams the file.
FILE_ACCEL = env_str("SAMVERKAN_FILE_ACCEL", "")
if FILE_ACCEL not in ("", "nginx", "apache"):
    raise ValueError("SAMVERKAN_FILE_ACCEL must be empty, nginx or apache")
FILE_ACCEL_PREFIX = env_str("SAMVERKAN_FILE_ACCEL_PREFIX", "/skyddade-filer/")

# --- Data (issue 14): import ---
# The register import (samverkan/imports/): a file (or the files of one import together) may be
# at most SAMVERKAN_IMPORT_MAX_MB; an upload between its dry run and its confirmation is kept
# under MEDIA_ROOT/imports/ for at most SAMVERKAN_IMPORT_KEEP_HOURS and deleted once imported.
IMPORT_MAX_MB = env_int("SAMVERKAN_IMPORT_MAX_MB", 10)
IMPORT_KEEP_HOURS = env_int("SAMVERKAN_IMPORT_KEEP_HOURS", 24)

# --- Issue 15/18 part 18C: e-mail retries, abandoned tasks, read replica ---
# A notice whose e-mail failed is tried again after each of these delays in turn (minutes,
# comma-separated; the default adds up to 39 hours, so a mail server may be away for more than
# a day), then marked failed and listed for the secretariat (/inkorg/misslyckade/).
NOTIFICATIONS_RETRY_MINUTES = [
    int(m)
    for m in env_list("SAMVERKAN_NOTIFICATIONS_RETRY_MINUTES", "1,5,15,60,120,240,480,720,720")
]
# After the mail server failed to answer (down, hanging, refusing), no process tries it again
# for this many seconds: every other notice waits for the next sweep instead of each holding a
# worker for the SMTP timeout. Shared through the cache, so it holds across workers.
NOTIFICATIONS_OUTAGE_PAUSE_SECONDS = env_int("SAMVERKAN_NOTIFICATIONS_OUTAGE_PAUSE_SECONDS", 60)
# A task the database worker has marked running for longer than this was left by a worker that
# died (kill -9, a lost host): the sweep marks it failed. Longer than any task takes.
TASKS_ABANDONED_MINUTES = env_int("SAMVERKAN_TASKS_ABANDONED_MINUTES", 60)
# A read replica (PostgreSQL streaming replication): selectors that may read a few seconds old
# data run on it inside samverkan.core.replica.replica_reads(); everything else, and every
# write, uses the primary. Empty: one database.
if env_str("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env_str("DATABASE_REPLICA_URL"),
        conn_max_age=DATABASES["default"].get("CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["samverkan.core.replica.ReplicaRouter"]

# --- Issue 15/18 part 18A: served as deployed (static files, logging, production checks) ---
from whitenoise.compress import Compressor  # noqa: E402

# Static files are served by WhiteNoise from what `manage.py collectstatic` put in STATIC_ROOT:
# names with a content hash (cached for a year by browsers and proxies), gzip and Brotli copies
# beside them; placed right after SecurityMiddleware, as WhiteNoise asks, so a static file costs no
# session or database work. With DEBUG on, runserver and the finders serve them as before.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC_ROOT = Path(env_str("SAMVERKAN_STATIC_ROOT", str(BASE_DIR / "var" / "static")))
# Source maps are read only by developer tools: not worth compressing (half of collectstatic's
# time went on Brotli for the API documentation's maps).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
# Only the front-end files the pages load, not all of node_modules (which also holds the demo
# sign-in provider's code and axe-core, neither of which a production server should publish).
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("vendor/htmx.org/dist", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
# Logging: each line once (Django's own "django" handler printed every warning a second time
# through the root handler), and an ordinary 4xx (403, 404, 405) as one line without the
# traceback of the PermissionDenied or Http404 that made it; 5xx keep their traceback.
# runserver's request lines ("GET / HTTP/1.1" 200) keep Django's own handler and format.
LOGGING["filters"] = {"client_errors": {"()": "samverkan.site.logfilters.NoTracebackFor4xx"}}
LOGGING["formatters"] = {
    "django.server": {
        "()": "django.utils.log.ServerFormatter",
        "format": "[{server_time}] {message}",
        "style": "{",
    }
}
LOGGING["handlers"] = {
    "console": {"class": "logging.StreamHandler", "filters": ["client_errors"]},
    "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
}
LOGGING["loggers"] = {
    "django": {"handlers": [], "level": env_str("SAMVERKAN_LOG_LEVEL", "WARNING")},
    "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
}
# The settings a production instance must set (secret key, allowed hosts, site URL, e-mail,
# collected static files) are checked by `manage.py check --deploy` (samverkan/site/checks.py),
# which deploy/gunicorn.conf.py, `make serve` and the systemd units run before they start.

# --- Issue 15/18 part 18E: documents people open ---
# Every PDF is tagged and says which standard it follows: SAMVERKAN_PDF_VARIANT is WeasyPrint's
# pdf_variant, "pdf/ua-1" (PDF/UA-1, the default), "pdf/ua-2", or "" for tags without a claim.
# A caller asking for its own variant (the archive's PDF/A) gets it, tagged too.
PDF_VARIANT = env_str("SAMVERKAN_PDF_VARIANT", "pdf/ua-1")
if PDF_VARIANT not in ("pdf/ua-1", "pdf/ua-2", ""):
    raise ValueError('SAMVERKAN_PDF_VARIANT must be "pdf/ua-1", "pdf/ua-2" or empty')
# How often a subscribed calendar should fetch a feed again (REFRESH-INTERVAL and
# X-PUBLISHED-TTL, which Outlook, Apple Calendar and Thunderbird honour), in minutes.
CALENDAR_FEED_REFRESH_MINUTES = env_int("SAMVERKAN_CALENDAR_FEED_REFRESH_MINUTES", 60)
if CALENDAR_FEED_REFRESH_MINUTES < 1:
    raise ValueError("SAMVERKAN_CALENDAR_FEED_REFRESH_MINUTES must be at least 1")

# --- Issue 15/18 part 18B: no 500 under concurrency ---
# While the database cannot be reached (a PostgreSQL restart, SQLite's lock held past the busy
# timeout) a request is answered 503 with Retry-After: this many seconds (samverkan/site/
# unavailable.py; JSON under /api/, a Swedish page elsewhere). Just inside the security
# headers, outside every middleware that reads the database.
DATABASE_RETRY_AFTER_SECONDS = env_int("SAMVERKAN_DATABASE_RETRY_AFTER_SECONDS", 5)
MIDDLEWARE.insert(
    MIDDLEWARE.index("samverkan.site.csp.ContentSecurityPolicyMiddleware") + 1,
    "samverkan.site.unavailable.DatabaseUnavailableMiddleware",
)

# --- Issue 15/18 part 18D: no 500 on hostile input ---
# NUL bytes are removed from every query string before a view reads it (PostgreSQL cannot hold
# one; a filter such as ?omrade=a%00b was a 500). First, so that every later layer sees the
# clean query. The API cleans its bodies itself (samverkan/api/hostile.py).
MIDDLEWARE.insert(0, "samverkan.core.middleware.StripNulBytesMiddleware")

# --- Issue 17 part A: stored verdicts (samverkan/compliance/stored.py) ---
# A page evaluates inline at most this many networks whose stored verdicts are stale (about a
# dashboard page; more are shown as being updated until the task has run); the refresh of
# every network (nightly, `manage.py compliance --refresh`) works in batches of this many
# networks; a refresh or a mark that has not moved for this many minutes was left by a killed
# worker and is taken up by the next task.
COMPLIANCE_INLINE_MAX = env_int("SAMVERKAN_COMPLIANCE_INLINE_MAX", 50)
COMPLIANCE_REFRESH_BATCH = env_int("SAMVERKAN_COMPLIANCE_REFRESH_BATCH", 200)
COMPLIANCE_RUN_STALE_MINUTES = env_int("SAMVERKAN_COMPLIANCE_RUN_STALE_MINUTES", 10)

# --- Issue 16 part D: the catalogue inside the intranet (samverkan/site/embed.py) ---
# SAMVERKAN_EMBED_ORIGINS lists the origins (scheme://host[:port], e.g. the intranet's
# https://intranat.example.se) that may show the catalogue page /inbaddning/ in an iframe (CSP
# frame-ancestors on that page only; every other page keeps frame-ancestors 'none' and
# X-Frame-Options DENY) and whose scripts may read the public catalogue API (CORS through
# django-cors-headers, without credentials: only what an anonymous caller may read). Empty by
# default: Samverkan itself only. The Atom feed of catalogue changes (/natverk/andringar.atom)
# lists the newest SAMVERKAN_CATALOGUE_FEED_ITEMS changes.
EMBED_ORIGINS = env_list("SAMVERKAN_EMBED_ORIGINS", "")
INSTALLED_APPS.insert(INSTALLED_APPS.index("samverkan.history"), "corsheaders")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware"),
    "corsheaders.middleware.CorsMiddleware",
)
CORS_ALLOWED_ORIGINS = EMBED_ORIGINS
CORS_URLS_REGEX = r"^/api/v1/(networks(/[-a-zA-Z0-9_]+)?|municipalities)$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language")
CORS_ALLOW_CREDENTIALS = False
CORS_PREFLIGHT_MAX_AGE = 86400
CATALOGUE_FEED_ITEMS = env_int("SAMVERKAN_CATALOGUE_FEED_ITEMS", 30)

# --- Issue 16 part B2: notices that age, daily digest (samverkan/notifications/digest.py) ---
# A person who chose the daily digest (the default for the secretariat) gets one e-mail a day
# with the day's notices, composed by the sweep from this hour (local time) on; notices made
# later that day wait for the next day's digest.
NOTIFICATIONS_DIGEST_HOUR = env_int("SAMVERKAN_NOTIFICATIONS_DIGEST_HOUR", 7)

# --- Issue 16 part H: dates in one format per language (samverkan/site/formats/) ---
# English dates read "1 January 2015" everywhere, like the Swedish "1 januari 2015", instead of
# Django's "Jan. 1, 2015" beside the templates' "15 December 2026".
FORMAT_MODULE_PATH = ["samverkan.site.formats"]

# --- Issue 17 part E: fragments kept until the data changes (samverkan/history/fragments.py) ---
# The catalogue's and a network's public page are stored, rendered, in each process under a key
# that holds the newest history entry's id (one indexed query per request tells whether the
# data changed). Local memory: nothing to share, a stale fragment ages out. This many per
# process (about 15 KB each).
FRAGMENT_CACHE_ENTRIES = env_int("SAMVERKAN_FRAGMENT_CACHE_ENTRIES", 2000)
_fragments: dict[str, object] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "samverkan-fragments",
    "TIMEOUT": 24 * 3600,
    "OPTIONS": {"MAX_ENTRIES": FRAGMENT_CACHE_ENTRIES, "CULL_FREQUENCY": 4},
}
CACHES["fragments"] = _fragments
