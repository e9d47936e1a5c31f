"""Settings for Fazhi, read from the environment (see `.env.example`).

Nothing configured means: SQLite in `var/`, tasks in-process, secrets generated into `var/`.
A deployment sets DATABASE_URL (PostgreSQL), FAZHI_SECRET_KEY, FAZHI_FIELD_KEYS and
FAZHI_INDEX_KEY, FAZHI_ALLOWED_HOSTS, and leaves FAZHI_DEBUG off.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from fazhi.env import env_bool, env_int, env_list, env_map, env_str, persistent_secret

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("FAZHI_DATA_DIR") or BASE_DIR / "var")

DEBUG = env_bool("FAZHI_DEBUG", False)
SECRET_KEY = env_str("FAZHI_SECRET_KEY") or persistent_secret(DATA_DIR / "secret_key")
ALLOWED_HOSTS = env_list("FAZHI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("FAZHI_CSRF_TRUSTED_ORIGINS")

# Personal data at rest: Fernet keys (the first encrypts, all decrypt, so keys can rotate) and
# a separate HMAC key for the blind indexes used for exact look-ups of encrypted values.
FIELD_ENCRYPTION_KEYS = env_list("FAZHI_FIELD_KEYS") or [
    persistent_secret(DATA_DIR / "field_key", lambda: Fernet.generate_key().decode())
]
BLIND_INDEX_KEY = env_str("FAZHI_INDEX_KEY") or persistent_secret(DATA_DIR / "index_key")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "django_bootstrap5",
    "django_htmx",
    "core.axes_app.AxesConfig",
    "auditlog",
    "django_tasks",
    "django_tasks_db",
    "captcha",
    "fazhi",
    "core",
    "cases",
    "indicators",
    "portal",
    "reports",
    "mediation",
    "legalaid",
    "reconsideration",
    "litigation",
    "legality",
    "normative",
    "decisions",
    "enforcement",
    "education",
    "legalservice",
    "profession",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.AuditlogMiddleware",
    "core.middleware.CacheOutageMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so that its process_exception is asked first.
    "core.middleware.LostConnectionMiddleware",
]

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"
AUTH_USER_MODEL = "core.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "fazhi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
                "cases.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'fazhi.sqlite3'}",
        conn_max_age=env_int("FAZHI_DB_CONN_MAX_AGE", 0),
        # A connection the database dropped is noticed before the request uses it.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions avoid "database is locked" on lock upgrade; WAL lets readers run
    # while one writer works, which is what the embedded default needs.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One process needs no shared cache. Several app servers (or gunicorn workers) must share one,
# because the portal's one-time codes and rate limits and the calendar's cache version live in
# it: set FAZHI_REDIS_URL (e.g. redis://127.0.0.1:6379/0).
REDIS_URL = env_str("FAZHI_REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fazhi",
        }
    }

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("FAZHI_PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "core.validators.CharacterClassPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login lockout (django-axes): after N failures for one username from one address, the pair
# is locked for the cool-off period.
AXES_FAILURE_LIMIT = env_int("FAZHI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("FAZHI_LOGIN_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_VERBOSE = False
# The client's address: REMOTE_ADDR, or behind FAZHI_PROXY_COUNT trusted reverse proxies the
# address the first of them saw (core.net.client_ip) — never what a client writes into
# X-Forwarded-For. The login lockout, the portal's limits and the audit log all use it.
FAZHI_PROXY_COUNT = env_int("FAZHI_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "core.net.client_address"
# Failed logins from one address across all usernames (password spraying): refused for the
# cool-off period once this many fail within it.
FAZHI_LOGIN_ADDRESS_LIMIT = env_int("FAZHI_LOGIN_ADDRESS_LIMIT", 30)

# Excel imports: refused before reading when the file expands beyond this or has more rows
# (core/spreadsheets.py).
FAZHI_IMPORT_MAX_ROWS = env_int("FAZHI_IMPORT_MAX_ROWS", 20000)
FAZHI_IMPORT_MAX_UNCOMPRESSED_MB = env_int("FAZHI_IMPORT_MAX_UNCOMPRESSED_MB", 100)
# A sheet declaring more data rows than this (or not saying) is imported by the task worker with
# a progress page instead of inside the request (core.jobs).
FAZHI_IMPORT_BACKGROUND_ROWS = env_int("FAZHI_IMPORT_BACKGROUND_ROWS", 1000)

# Background tasks (Django's task framework, django-tasks; the queue is a database table).
# "inprocess": the process that queues a task also runs it in a thread (the embedded default);
# "external": `fazhi db_worker` runs as a service of its own (docs/operators/deploy.md).
FAZHI_TASK_WORKER = env_str("FAZHI_TASK_WORKER") or "inprocess"
if FAZHI_TASK_WORKER not in ("inprocess", "external"):
    raise ImproperlyConfigured("FAZHI_TASK_WORKER must be 'inprocess' or 'external'")
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Limits of the public portal, per hour unless said otherwise.
FAZHI_PORTAL_APPLY_PER_ADDRESS = env_int("FAZHI_PORTAL_APPLY_PER_ADDRESS", 10)
FAZHI_PORTAL_APPLY_PER_PHONE_DAY = env_int("FAZHI_PORTAL_APPLY_PER_PHONE_DAY", 3)
FAZHI_PORTAL_TRACK_PER_ADDRESS = env_int("FAZHI_PORTAL_TRACK_PER_ADDRESS", 10)
FAZHI_PORTAL_TRACK_PER_CODE = env_int("FAZHI_PORTAL_TRACK_PER_CODE", 5)
FAZHI_PORTAL_VERIFY_PER_ADDRESS = env_int("FAZHI_PORTAL_VERIFY_PER_ADDRESS", 20)
# Site-wide, from all addresses together: once this many online applications (or tracking
# look-ups that send an SMS code) arrived within the hour, the forms ask for a picture
# challenge (core/challenge.py).
FAZHI_PORTAL_APPLY_CEILING = env_int("FAZHI_PORTAL_APPLY_CEILING", 200)
FAZHI_PORTAL_TRACK_CEILING = env_int("FAZHI_PORTAL_TRACK_CEILING", 500)
# The picture challenge: a small sum, drawn by django-simple-captcha, valid for 10 minutes.
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.math_challenge"
CAPTCHA_MATH_CHALLENGE_OPERATOR = "×"
CAPTCHA_TIMEOUT = 10
CAPTCHA_FONT_SIZE = 32
# Legible for older eyes: little rotation, dots but no arcs across the digits.
CAPTCHA_LETTER_ROTATION = (-12, 12)
CAPTCHA_NOISE_FUNCTIONS = ("captcha.helpers.noise_dots",)
# The regions the portal serves (region codes of 2–12 digits, e.g. 4401 for 广州市): its street
# lists offer nothing outside them. Empty: the regions of the top-level justice bureaus, those
# with no supervising organisation (portal/regions.py).
FAZHI_PORTAL_REGIONS = env_list("FAZHI_PORTAL_REGIONS")
# The name of the reconsideration authority (行政复议机关) a bureau's documents carry, by the
# bureau's 12-digit region code, where it is not the people's government of that region
# (reconsideration/documents.py), e.g. "440105000000=广州市海珠区人民政府".
FAZHI_RECON_AUTHORITY_NAMES = env_map("FAZHI_RECON_AUTHORITY_NAMES")
# Legality review periods in working days (legality/process.py; ❓ configurable: 国办发〔2018〕
# 115号 gives 5–15 working days for normative documents; Decree 713 Art. 26 "一般不少于7个工作日"
# for major decisions; contracts have no national period). The minimum flags an opinion given
# sooner; it does not refuse it.
FAZHI_LEGALITY_DOCUMENT_REVIEW_DAYS = env_int("FAZHI_LEGALITY_DOCUMENT_REVIEW_DAYS", 15)
FAZHI_LEGALITY_DOCUMENT_MIN_DAYS = env_int("FAZHI_LEGALITY_DOCUMENT_MIN_DAYS", 5)
FAZHI_LEGALITY_DECISION_REVIEW_DAYS = env_int("FAZHI_LEGALITY_DECISION_REVIEW_DAYS", 15)
FAZHI_LEGALITY_DECISION_MIN_DAYS = env_int("FAZHI_LEGALITY_DECISION_MIN_DAYS", 7)
FAZHI_LEGALITY_CONTRACT_REVIEW_DAYS = env_int("FAZHI_LEGALITY_CONTRACT_REVIEW_DAYS", 10)
FAZHI_LEGALITY_CONTRACT_MIN_DAYS = env_int("FAZHI_LEGALITY_CONTRACT_MIN_DAYS", 0)
# Normative documents (normative/; ❓ configurable, reference/statutes-lines.md §B): filing within
# 30 days of publication, filing review in 2 months, 30 days to answer a correction suggestion,
# 60 days to answer a citizen's review proposal; validity at most 5 years, 2 for 暂行/试行;
# evaluation due 6 months before expiry. Unified numbers by region-code prefix (regular
# expressions, longest prefix wins), e.g. "4401=^(?P<prefix>穗府规)〔(?P<year>\d{4})〕(?P<seq>\d+)号$"
# (normative/validity.py for the default and the groups).
FAZHI_NORMATIVE_FILING_DAYS = env_int("FAZHI_NORMATIVE_FILING_DAYS", 30)
FAZHI_NORMATIVE_FILING_REVIEW_MONTHS = env_int("FAZHI_NORMATIVE_FILING_REVIEW_MONTHS", 2)
FAZHI_NORMATIVE_ANSWER_DAYS = env_int("FAZHI_NORMATIVE_ANSWER_DAYS", 30)
FAZHI_NORMATIVE_PROPOSAL_ANSWER_DAYS = env_int("FAZHI_NORMATIVE_PROPOSAL_ANSWER_DAYS", 60)
FAZHI_NORMATIVE_VALIDITY_YEARS = env_int("FAZHI_NORMATIVE_VALIDITY_YEARS", 5)
FAZHI_NORMATIVE_PROVISIONAL_VALIDITY_YEARS = env_int(
    "FAZHI_NORMATIVE_PROVISIONAL_VALIDITY_YEARS", 2
)
FAZHI_NORMATIVE_EVALUATE_MONTHS = env_int("FAZHI_NORMATIVE_EVALUATE_MONTHS", 6)
FAZHI_NORMATIVE_NUMBER_FORMATS = env_map("FAZHI_NORMATIVE_NUMBER_FORMATS")
# Major administrative decisions: published within 20 working days of the decision (❓ by
# analogy with 政府信息公开条例 Art. 26; reference/statutes-lines.md §A step 8).
FAZHI_DECISION_PUBLICATION_DAYS = env_int("FAZHI_DECISION_PUBLICATION_DAYS", 20)
# Enforcement supervision (enforcement/; ❓ configurable, reference/statutes-lines.md §C.3): the
# pass mark of a qualification exam sitting (fixed on the sitting when it is set up), the
# training hours of the 12 months before sign-up that an officer needs to sit the exam (local
# rule), and the certificate look-ups one address may make on the portal per hour.
FAZHI_ENFORCEMENT_PASS_MARK = env_int("FAZHI_ENFORCEMENT_PASS_MARK", 60)
FAZHI_ENFORCEMENT_MIN_TRAINING_HOURS = env_int("FAZHI_ENFORCEMENT_MIN_TRAINING_HOURS", 40)
FAZHI_ENFORCEMENT_LOOKUP_PER_ADDRESS = env_int("FAZHI_ENFORCEMENT_LOOKUP_PER_ADDRESS", 30)
# Publication of enforcement decisions (CF Art. 48): licences and penalties within 7 working days
# (❓ 国办发〔2018〕118号), other kinds within 20 (❓ local rule); withdrawal within 3 is statutory.
FAZHI_ENFORCEMENT_PUBLICATION_DAYS = env_int("FAZHI_ENFORCEMENT_PUBLICATION_DAYS", 7)
FAZHI_ENFORCEMENT_PUBLICATION_DAYS_OTHER = env_int("FAZHI_ENFORCEMENT_PUBLICATION_DAYS_OTHER", 20)
# Complaints about enforcement (❓ local rules; reference/statutes-lines.md §C.8): the bureau's
# handling period and a body's reply to a dispatch, in working days.
FAZHI_ENFORCEMENT_COMPLAINT_DAYS = env_int("FAZHI_ENFORCEMENT_COMPLAINT_DAYS", 30)
FAZHI_ENFORCEMENT_DISPATCH_DAYS = env_int("FAZHI_ENFORCEMENT_DISPATCH_DAYS", 10)
# The enforcement documents (enforcement/documents.py): the period a 行政执法监督意见书 gives the
# body to correct (calendar days; 30 in 山东省行政执法监督条例 Art. 28, ❓ the national 条例), and
# the legal basis each document cites, by document (letter, notice, opinion), where a deployment
# words it otherwise than the defaults (FAZHI_ENFORCEMENT_DOCUMENT_BASIS="opinion=…,rectification=…").
FAZHI_ENFORCEMENT_OPINION_DAYS = env_int("FAZHI_ENFORCEMENT_OPINION_DAYS", 30)
FAZHI_ENFORCEMENT_DOCUMENT_BASIS = env_map("FAZHI_ENFORCEMENT_DOCUMENT_BASIS")
# The basis the 普法 documents cite (education.documents): the national 谁执法谁普法 opinion by
# default; a province with its own regulation names it (e.g. 《山东省法治宣传教育条例》第十条).
FAZHI_EDUCATION_DOCUMENT_BASIS = env_str(
    "FAZHI_EDUCATION_DOCUMENT_BASIS", "《关于实行国家机关“谁执法谁普法”普法责任制的意见》"
)
# The legal-services sector (profession; reference/statutes-lines.md §E.1). The window of a law
# firm's annual inspection, as month-day of its first and last day (◑ e.g. 1 April–31 May), the
# calendar days to file the result with the city-level bureau after grading (Art. 24 sets no
# period ❓), and a complaint against a lawyer or firm: working days to accept it and calendar
# days from receipt to its decision (❓ no period in the reference: a choice, docs/operators).
FAZHI_PROFESSION_INSPECTION_OPENS = env_str("FAZHI_PROFESSION_INSPECTION_OPENS", "04-01")
FAZHI_PROFESSION_INSPECTION_CLOSES = env_str("FAZHI_PROFESSION_INSPECTION_CLOSES", "05-31")
FAZHI_PROFESSION_INSPECTION_FILING_DAYS = env_int("FAZHI_PROFESSION_INSPECTION_FILING_DAYS", 30)
FAZHI_PROFESSION_COMPLAINT_ACCEPT_DAYS = env_int("FAZHI_PROFESSION_COMPLAINT_ACCEPT_DAYS", 10)
FAZHI_PROFESSION_COMPLAINT_DAYS = env_int("FAZHI_PROFESSION_COMPLAINT_DAYS", 60)

# Sessions: short-lived, HTTP-only, secure cookies outside development.
SECURE_COOKIES = env_bool("FAZHI_SECURE_COOKIES", not DEBUG)
# Database sessions that survive a connection lost under them (core/sessions.py).
SESSION_ENGINE = "core.sessions"
SESSION_COOKIE_AGE = env_int("FAZHI_SESSION_HOURS", 8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every asset is local (bureau intranets have no internet) and no page runs inline script.
FAZHI_CONTENT_SECURITY_POLICY = env_str(
    "FAZHI_CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
)
FAZHI_PERMISSIONS_POLICY = env_str(
    "FAZHI_PERMISSIONS_POLICY",
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
)
SECURE_HSTS_SECONDS = env_int("FAZHI_HSTS_SECONDS", 0)
SECURE_SSL_REDIRECT = env_bool("FAZHI_SSL_REDIRECT", False)
if env_bool("FAZHI_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("FAZHI_STATIC_ROOT") or DATA_DIR / "static")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Serve straight from the apps' static folders when `fazhi collectstatic` has not been run.
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DATA_DIR / "files", "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploaded files live outside the web root and are only handed out by views that check
# permissions; there is deliberately no MEDIA_URL route.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first so that an unauthenticated request gets 401 with WWW-Authenticate.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["core.api_filters.StrictFilterBackend"],
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "VIEW_NAME_FUNCTION": "core.api.view_name",
    "VIEW_DESCRIPTION_FUNCTION": "core.api.view_description",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "法治平台接口 Fazhi API",
    "DESCRIPTION": "法治 — 司法行政业务平台接口 (REST, OpenAPI 3)",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets two lines (or two fields) share a field name with, named once each.
    "ENUM_NAME_OVERRIDES": {
        "AssignmentMethodEnum": "legalaid.choices.AssignmentMethod",
        "ConsultationChannelEnum": "legalaid.models.ConsultationChannel",
        "CaseChannelEnum": "cases.models.Channel",
        "CategoryEnum": "legalaid.choices.Category",
        "MaterialCategoryEnum": "legality.choices.MaterialCategory",
        "LegalityConclusionEnum": "legality.choices.Conclusion",
    },
}

# Audit trail (django-auditlog): the correlation id of every entry is our request id.
AUDITLOG_CID_GETTER = "core.middleware.get_request_id"
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"
BOOTSTRAP5 = {"set_placeholder": False, "server_side_validation": True, "success_css_class": ""}

EMAIL_BACKEND = env_str("FAZHI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("FAZHI_FROM_EMAIL", "fazhi@localhost")

# Reminders and notifications: a clock is "due soon" this many days before its due date; the
# digest and other notifications are also e-mailed when FAZHI_NOTIFY_EMAIL is on (configure the
# mail backend with FAZHI_EMAIL_BACKEND / EMAIL_HOST etc.).
FAZHI_DUE_SOON_DAYS = env_int("FAZHI_DUE_SOON_DAYS", 3)
FAZHI_NOTIFY_EMAIL = env_bool("FAZHI_NOTIFY_EMAIL", False)
FAZHI_SITE_URL = env_str("FAZHI_SITE_URL", "http://127.0.0.1:8000")
EMAIL_HOST = env_str("FAZHI_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("FAZHI_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("FAZHI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("FAZHI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("FAZHI_EMAIL_TLS", False)

# People's mediation: the local target for concluding a dispute (人民调解工作若干规定 Art. 33:
# normally one month) and how much longer it may run with both parties' consent.
FAZHI_MEDIATION_TERM_MONTHS = env_int("FAZHI_MEDIATION_TERM_MONTHS", 1)
FAZHI_MEDIATION_EXTENSION_MONTHS = env_int("FAZHI_MEDIATION_EXTENSION_MONTHS", 1)

# Legal aid (法律援助法 Art. 43, reference/statutes.md §2 ❓): the review period (7 days; the Law
# does not say working days, the 2012 rule did) and the assignment period (3 days), in
# calendar days unless FAZHI_LEGALAID_PERIOD_UNIT=working_days; the local service target for
# the review, in working days (one sample report: one working day); the period for the
# lawyer's case file after the matter ends (30 days ❓); how long lawyers may opt in to a
# draw, in hours; the default cap of open cases per pool lawyer; how many of the lowest
# ranked are proposed for removal each year, and the notice (appeal) period in days.
FAZHI_LEGALAID_PERIOD_UNIT = env_str("FAZHI_LEGALAID_PERIOD_UNIT", "days")
if FAZHI_LEGALAID_PERIOD_UNIT not in ("days", "working_days"):
    raise ImproperlyConfigured("FAZHI_LEGALAID_PERIOD_UNIT must be 'days' or 'working_days'")
FAZHI_LEGALAID_REVIEW_DAYS = env_int("FAZHI_LEGALAID_REVIEW_DAYS", 7)
FAZHI_LEGALAID_ASSIGN_DAYS = env_int("FAZHI_LEGALAID_ASSIGN_DAYS", 3)
FAZHI_LEGALAID_OBJECTION_DAYS = env_int("FAZHI_LEGALAID_OBJECTION_DAYS", 5)
FAZHI_LEGALAID_TARGET_WORKING_DAYS = env_int("FAZHI_LEGALAID_TARGET_WORKING_DAYS", 1)
FAZHI_LEGALAID_FILE_DAYS = env_int("FAZHI_LEGALAID_FILE_DAYS", 30)
FAZHI_LEGALAID_OPT_IN_HOURS = env_int("FAZHI_LEGALAID_OPT_IN_HOURS", 24)
FAZHI_LEGALAID_WORKLOAD_CAP = env_int("FAZHI_LEGALAID_WORKLOAD_CAP", 10)
FAZHI_LEGALAID_REMOVE_LOWEST = env_int("FAZHI_LEGALAID_REMOVE_LOWEST", 10)
FAZHI_LEGALAID_APPEAL_DAYS = env_int("FAZHI_LEGALAID_APPEAL_DAYS", 15)

# Public portal: the SMS gateway that delivers one-time codes and the applicant's notices (a
# class with send(phone, text)); the default prints them to the server log, which is only
# right for the demo.
FAZHI_SMS_GATEWAY = env_str("FAZHI_SMS_GATEWAY", "portal.sms.ConsoleGateway")

# Documents (文书) and reports as PDF, by LibreOffice (cases/pdf.py, docs/operators/pdf.md):
# the warm unoserver to use (host:port; empty: never), else a one-shot soffice (path; empty:
# found on PATH), and how long one conversion may take, in seconds.
FAZHI_UNOSERVER = env_str("FAZHI_UNOSERVER", "127.0.0.1:2003")
FAZHI_SOFFICE = env_str("FAZHI_SOFFICE", "")
FAZHI_PDF_TIMEOUT = env_int("FAZHI_PDF_TIMEOUT", 120)

# Attachments: the largest upload accepted, in megabytes.
FAZHI_ATTACHMENT_MAX_MB = env_int("FAZHI_ATTACHMENT_MAX_MB", 20)

# Masking of personal data in lists: how many leading/trailing characters stay visible.
FAZHI_MASK_ID = (env_int("FAZHI_MASK_ID_HEAD", 3), env_int("FAZHI_MASK_ID_TAIL", 4))
FAZHI_MASK_PHONE = (3, 4)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.middleware.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("FAZHI_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
