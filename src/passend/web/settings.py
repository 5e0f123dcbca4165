"""Django settings for Passend.

SQLite under PASSEND_DATA_DIR is the embedded default; DATABASE_URL selects PostgreSQL.
Behind a TLS-terminating reverse proxy set PASSEND_HTTPS=1 (secure cookies, HSTS) and
PASSEND_TRUSTED_PROXIES=1 (client IP from X-Forwarded-For for lockout and audit); see
docs/deploy.md.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from passend.settings_paths import data_dir, secret_file

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()

SECRET_KEY = os.environ.get("PASSEND_SECRET_KEY") or secret_file("django-secret.key").hex()
DEBUG = os.environ.get("PASSEND_DEBUG", "") == "1"
ALLOWED_HOSTS = [
    h
    for h in os.environ.get("PASSEND_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h
]
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("PASSEND_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "passend.reference",
    "passend.care",
    "passend.contracten",
    "passend.imports",
    "passend.accounts",
    "passend.planning",
    "passend.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "passend.web.beveiliging.BeveiligingsHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "passend.web.taal.TaalMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "passend.accounts.audit.AuditMiddleware",
    "passend.web.toegang.ToegangMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "passend.web.urls"
WSGI_APPLICATION = "passend.web.wsgi.application"

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
                "passend.web.context.passend",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'passend.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers (web, analyses) work while an import writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

#: "analyse": results of analyses, shared by the gunicorn workers (see web/analysedata.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "analyse": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache" / "analyse"),
        "TIMEOUT": 7 * 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

# -- accounts: login, lockout (django-axes), passwords, TOTP (django-otp) ---------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AXES_FAILURE_LIMIT = int(os.environ.get("PASSEND_LOCKOUT_POGINGEN", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("PASSEND_LOCKOUT_MINUTEN", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "passend/account/geblokkeerd.html"
AXES_CLIENT_IP_CALLABLE = "passend.accounts.audit.client_ip"
AXES_VERBOSE = False
PASSEND_TRUSTED_PROXIES = int(os.environ.get("PASSEND_TRUSTED_PROXIES", "0"))
OTP_TOTP_ISSUER = "Passend"
#: Roles that must use TOTP (demo users excepted); PASSEND_TOTP_VERPLICHT=0 switches it off.
PASSEND_TOTP_VERPLICHT_ROLLEN = (
    frozenset({"beheerder", "regio-analist"})
    if os.environ.get("PASSEND_TOTP_VERPLICHT", "1") != "0"
    else frozenset()
)
#: Failed logins from one IP address, across usernames, before that address must wait.
PASSEND_IP_POGINGEN = int(os.environ.get("PASSEND_IP_POGINGEN", "20"))

# -- i18n ---------------------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR.parent / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# -- static files: everything local, served by WhiteNoise -------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("PASSEND_STATIC_ROOT") or DATA_DIR / "static")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_MAX_AGE = 3600

# -- uploads: kept in the data dir and removed after the import ---------------------------------
UPLOAD_DIR = DATA_DIR / "uploads"
FILE_UPLOAD_TEMP_DIR = str(UPLOAD_DIR / "tmp")
(UPLOAD_DIR / "tmp").mkdir(parents=True, exist_ok=True, mode=0o700)
FILE_UPLOAD_PERMISSIONS = 0o600
DATA_UPLOAD_MAX_NUMBER_FILES = 2000
PASSEND_MAX_UPLOAD_MB = int(os.environ.get("PASSEND_MAX_UPLOAD_MB", "1024"))
#: Run uploads' imports in a background thread (the page polls for progress). Tests that use
#: the in-process test client switch this off to import within the request.
PASSEND_IMPORT_ACHTERGROND = True
#: How long a process trusts its last look at the import ledger before checking for new data.
PASSEND_DATAVERSIE_SECONDEN = float(os.environ.get("PASSEND_DATAVERSIE_SECONDEN", "2"))

# -- security -----------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
#: No inline script or style anywhere; Vega runs with its CSP-safe expression interpreter.
PASSEND_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
PASSEND_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
if os.environ.get("PASSEND_HTTPS", "") == "1":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-passend-sessie"
    CSRF_COOKIE_NAME = "__Host-passend-csrf"
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True

# -- REST API -----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "passend.web.api.toegang.TokenAuthenticatie",
        "passend.web.api.toegang.SessieAuthenticatie",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["passend.web.api.toegang.RolToegang"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Passend API",
    "DESCRIPTION": (
        "Geaggregeerde stuurinformatie jeugdhulp en Wmo (0-27) binnen het bereik van de "
        "gebruiker. Authenticatie: `Authorization: Token <sleutel>`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

#: The pseudonymisation key: from the environment (hex) or a 0600 file in the data dir.
PASSEND_PSEUDONYM_KEY_HEX = os.environ.get("PASSEND_PSEUDONYM_KEY", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"bsn_mask": {"()": "passend.logging_privacy.BsnMaskFilter"}},
    "formatters": {
        "privacy": {
            "()": "passend.logging_privacy.PrivacyFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s: %(message)s",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["bsn_mask"],
            "formatter": "privacy",
        },
        "file": {
            "class": "logging.FileHandler",
            "filename": str(DATA_DIR / "passend.log"),
            "filters": ["bsn_mask"],
            "formatter": "privacy",
            "encoding": "utf-8",
        },
    },
    "root": {"handlers": ["console", "file"], "level": os.environ.get("PASSEND_LOG_LEVEL", "INFO")},
    # Refusals (403) are in the audit log; axes logs every login at INFO; WeasyPrint and
    # fontTools log each layout/subsetting step at INFO.
    "loggers": {
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
