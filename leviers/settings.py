"""Leviers settings, read from the environment.

Development works with no variable set (SQLite in ./var, DEBUG on). Production is
`LEVIERS_ENV=production`: the system checks in `leviers.core.checks` then refuse a weak or
default secret, DEBUG on, an empty or wildcard ALLOWED_HOSTS and static files that were not
collected, and `wsgi.py` runs them at start-up. Any other value of `LEVIERS_ENV` stops here.
"""

from pathlib import Path

import dj_database_url
import jinja2
from django.core.exceptions import ImproperlyConfigured

from leviers.env import env_bool, env_choice, env_decimal, env_int, env_int_list, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("LEVIERS_VAR_DIR", str(BASE_DIR / "var")))

ENVIRONMENT = env_choice("LEVIERS_ENV", ("development", "production"), "development")
PRODUCTION = ENVIRONMENT == "production"

DEFAULT_SECRET_KEY = "dev-only-insecure-secret-key-change-me"
SECRET_KEY = env_str("SECRET_KEY") or DEFAULT_SECRET_KEY
DEBUG = env_bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "leviers.core.views.csrf_failure"  # a French page, like the other errors

INSTALLED_APPS = [
    "leviers.core.apps.AdminConfig",  # django.contrib.admin, its login throttled
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "leviers.core",
    "simple_history",
    "rules",
    # Before allauth: its templates (allauth/layouts, elements) are overridden there.
    "leviers.accounts",
    # Sign-in by e-mail (one-time code, optional password), e-mail verification, rate limits,
    # the sessions a person sees and ends (accounts/urls.py gives them French URLs).
    "allauth",
    "allauth.account",
    "allauth.usersessions",
    "leviers.territories",
    "leviers.services",
    "leviers.screening",
    "leviers.catalogue",
    "leviers.journey",
    "leviers.outreach",
    "leviers.observatory",
    "leviers.workspace",
    "leviers.meetings",
    "leviers.rotas",
    "leviers.funding",
    "leviers.clubs",
    "leviers.participation",
    "leviers.training",
    "leviers.api",
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "/compte/connexion/"
# Object permissions go through one door (accounts/permissions.py, with `rules`).
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_REDIRECT_URL = "/compte/"

# django-allauth (docs/decisions.md): a person signs up with an e-mail address only and signs in
# with a one-time code sent there; a password is optional (set later from « Mon compte »).
ACCOUNT_ADAPTER = "leviers.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1"]  # password1 optional: a code is enough
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 15 * 60  # a village's mail can be slow
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Leviers] "
# A mail to the account's address when its password or address changes (allauth's pages;
# the admin's, accounts/admin.py): nobody signs in as someone else without them knowing.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
# Rate limits (allauth's, kept in the shared cache like core/ratelimit.py): brute force on
# passwords and codes is stopped by address and by e-mail address.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/15m/key",
    "request_login_code": "20/m/ip,3/m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/10s/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# Sessions are recorded at sign-in (no middleware, no query per request).
USERSESSIONS_TRACK_ACTIVITY = False

MIDDLEWARE = [
    "leviers.core.middleware.UntrustedForwardedProtoMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "leviers.core.middleware.RejectNulCharacterMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "leviers.core.middleware.SignInRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "leviers.core.middleware.ContentSecurityPolicyMiddleware",
    "leviers.core.middleware.SecretLinkHeadersMiddleware",
]
# Pages reached by a secret link (core/middleware.py): never indexed; the edit link never cached.
NOINDEX_URL_NAMES = {"journey:roadmap", "journey:roadmap-edit", "journey:roadmap-pdf"}
NO_STORE_URL_NAMES = {"journey:roadmap-edit"}

ROOT_URLCONF = "leviers.urls"
WSGI_APPLICATION = "leviers.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "leviers.core.context_processors.layout_urls",
                "leviers.core.navigation.navigation_links",
            ],
        },
    },
    {
        # Large fragments only (leviers/core/jinja.py); an unknown variable is an error.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "leviers.core.jinja.environment",
            "undefined": jinja2.StrictUndefined,
        },
    },
]

if "DATABASE_URL" not in __import__("os").environ:
    VAR_DIR.mkdir(parents=True, exist_ok=True)

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'leviers.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if env_str("DATABASE_TEST_NAME", ""):
    # The database the tests create and drop ("test_" + the name by default): two runs at once
    # on one server need two names.
    DATABASES["default"]["TEST"] = {"NAME": env_str("DATABASE_TEST_NAME", "")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several readers and one writer without "database is locked" during imports.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# The cache holds the rate limits, so in production it is shared by every process and host:
# Redis with REDIS_URL, else a table of the database (created by core's migration 0002).
# Development and tests keep a bounded per-process memory cache.
CACHE_TABLE = "leviers_cache"
if env_str("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("REDIS_URL"),
        }
    }
elif PRODUCTION:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Mail
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Leviers <ne-pas-repondre@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The site's address as e-mails write it (digests link back to the projects).
# Temporary drinks licences of an association per calendar year: Code de la santé publique,
# article L3334-2, 2nd paragraph (« dans la limite de cinq autorisations annuelles pour chaque
# association »), version in force since 1 January 2016 (ordonnance n° 2015-1682);
# checked 2026-12-06 on consolidated copies, see docs/creneaux.md (sports clubs: L3335-4).
ROTAS_DRINKS_LICENCES_PER_YEAR = env_int("LEVIERS_DRINKS_LICENCES_PER_YEAR", 5)
# Warn when an association has this many licences left, or fewer, after a slot.
ROTAS_DRINKS_LICENCES_WARN_REMAINING = env_int("LEVIERS_DRINKS_LICENCES_WARN_REMAINING", 1)
# `leviers rappeler-creneaux` reminds the holders of the slots starting within this many hours.
ROTAS_REMINDER_HOURS = env_int("LEVIERS_ROTAS_REMINDER_HOURS", 48)

SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Security headers (all environments) and secure cookies (production).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
# A load balancer asks for the health page in plain HTTP: it answers there, never redirects.
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
# Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (core/http.py).
# With none, both headers are ignored: anyone could write them.
TRUSTED_PROXIES = env_list("LEVIERS_TRUSTED_PROXIES", [])
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXIES else None
# Failed admin logins allowed per window, from one address and naming one username; then the
# login page answers 429 until the window ends (core/admin_site.py).
ADMIN_LOGIN_FAILURES = env_int("LEVIERS_ADMIN_LOGIN_FAILURES", 5)
ADMIN_LOGIN_USERNAME_FAILURES = env_int("LEVIERS_ADMIN_LOGIN_USERNAME_FAILURES", 10)
ADMIN_LOGIN_WINDOW = env_int("LEVIERS_ADMIN_LOGIN_WINDOW", 15 * 60)
# Funding plans (leviers/funding, docs/financement.md). A volunteer hour is valued, when a
# budget line asks for it, at the gross hourly SMIC in mainland France: 12.02 € from
# 1 January 2026 (+1.18 %, announced by the ministry of Labour in December 2025; it was 11.88 €
# from 1 November 2024). The usual convention for associations' contributions in kind
# (accounts 86/87); a site may choose another rate (1.5 or 2 SMIC for supervision).
VOLUNTEER_HOUR_RATE = env_decimal("LEVIERS_VOLUNTEER_HOUR_RATE", "12.02")
# Days before a deadline when `leviers rappeler-echeances` tells the team (one activity each).
FUNDING_REMINDER_DAYS = sorted(set(env_int_list("LEVIERS_FUNDING_REMINDER_DAYS", [14, 3])))
# Clubs of local authorities (leviers/clubs, docs/club.md). Documents of a meeting's report are
# kept under MEDIA_ROOT (never served by the web server: the site checks who asks, then sends
# them as downloads); the largest accepted, in bytes.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
CLUB_ATTACHMENT_MAX_BYTES = env_int("LEVIERS_CLUB_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
# `leviers rappeler-rencontres` reminds the registered people of a meeting this many days before.
CLUB_REMINDER_DAYS = env_int("LEVIERS_CLUB_REMINDER_DAYS", 2)
# `leviers envoyer-lettre-club`: at most one letter per club and period ("mois" or "semaine").
CLUB_LETTER_PERIOD = env_choice("LEVIERS_CLUB_LETTER_PERIOD", ("mois", "semaine"), "mois")
# Training paths (leviers/training, docs/formation.md): a club's facilitators see how many people
# of its member organisations started or completed each module, never a count below this one
# (« moins de 5 »): small cells would name people in a small commune.
TRAINING_MIN_CELL = env_int("LEVIERS_TRAINING_MIN_CELL", 5)
# Aller-vers (leviers/outreach, docs/aller-vers.md): the visit journal of outreach teams, the
# most sensitive data of the site. Off unless an operator turns it on: its pages answer 404.
OUTREACH_ENABLED = env_bool("LEVIERS_OUTREACH", False)
# Statistics: a count below this is shown « < 5 » and never exported.
OUTREACH_MIN_CELL = env_int("LEVIERS_OUTREACH_MIN_CELL", 5)
# `leviers anonymiser-accompagnement`: records with no activity for this many months.
OUTREACH_ANONYMISE_AFTER_MONTHS = env_int("LEVIERS_OUTREACH_ANONYMISE_AFTER_MONTHS", 24)
if env_str("BEHIND_HTTPS_PROXY"):
    raise ImproperlyConfigured(
        "La variable BEHIND_HTTPS_PROXY n'existe plus : nommez les mandataires de confiance dans "
        "LEVIERS_TRUSTED_PROXIES (par exemple 127.0.0.1), leur en-tête X-Forwarded-Proto est "
        "alors cru."
    )

# Error reports mask what identifies a person in posted forms (core/reporting.py).
DEFAULT_EXCEPTION_REPORTER_FILTER = "leviers.core.reporting.PersonalDataReporterFilter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
