"""Request ids: every request gets one (or keeps a valid X-Request-ID from the proxy); it is
returned in the response, written into every log line and every audit row of the request."""

from __future__ import annotations

import contextvars
import logging
import re
import uuid

from auditlog.middleware import AuditlogMiddleware as _AuditlogMiddleware

logger = logging.getLogger(__name__)

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "fazhi_request_id", default=None
)
_VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def get_request_id() -> str | None:
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = get_request_id() or "-"
        return True


class LanguageMiddleware:
    """Chinese unless the user chose otherwise.

    Pages are zh-hans by default whatever the browser asks for (a bureau PC with an English
    Windows must still show Chinese); the language switch sets a cookie that wins. The API,
    used by programs, also honours Accept-Language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        supported = {code for code, _name in settings.LANGUAGES}
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in supported:
            language = settings.LANGUAGE_CODE
            if request.path.startswith("/api/"):
                language = translation.get_language_from_request(request) or language
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch = response.get("Vary", "")
        if "Cookie" not in patch:
            response["Vary"] = f"{patch}, Cookie" if patch else "Cookie"
        return response


class AuditlogMiddleware(_AuditlogMiddleware):
    """django-auditlog's middleware, recording the address core.net.client_ip trusts rather
    than the first entry of X-Forwarded-For, which any client can write."""

    @staticmethod
    def _get_remote_addr(request):
        from core.net import client_address

        return client_address(request)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response. Every asset is
    served from this site and no page runs inline script, so the policy allows scripts from
    'self' only; inline style attributes remain allowed (layout only, no script)."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.csp = settings.FAZHI_CONTENT_SECURITY_POLICY
        self.permissions = settings.FAZHI_PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.csp:
            response.headers.setdefault("Content-Security-Policy", self.csp)
        if self.permissions:
            response.headers.setdefault("Permissions-Policy", self.permissions)
        return response


class CacheOutageMiddleware:
    """A shared cache (Redis) that is down must not turn into 500s. What cannot work without
    it (one-time codes, rate limits of the public portal) answers 503 with a message in the
    user's language; the rest degrades on its own (the holiday calendar reloads from the
    database, cases.calendar)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not _is_cache_outage(exception):
            return None
        from django.http import HttpResponse, JsonResponse
        from django.utils.translation import gettext as _

        logger.error("cache unavailable: %s", exception)
        message = _(
            "The service is briefly unavailable (a component is being restored). Nothing you "
            "entered was saved; please try again in a few minutes."
        )
        if request.path.startswith("/api/"):
            body = {"error": {"status": 503, "code": "unavailable", "message": message,
                              "fields": {}}}  # fmt: skip
            response = JsonResponse(body, status=503)
        else:
            from django.template.loader import render_to_string

            response = HttpResponse(
                render_to_string("unavailable.html", {"message": message}, request=request),
                status=503,
            )
        response["Retry-After"] = "120"
        return response


def _is_cache_outage(exception) -> bool:
    try:
        from redis.exceptions import RedisError
    except ImportError:  # pragma: no cover - redis is a dependency
        return False
    return isinstance(exception, RedisError)


def connection_lost(exception) -> bool:
    """The session ended under the request: PostgreSQL's SQLSTATE class 08 (connection
    exception) or 57P (the server shut the session down: an administrator, a crash, a
    restart), or the driver's own error without a SQLSTATE (the socket closed: "server closed
    the connection unexpectedly"). A statement timeout or a deadlock has its SQLSTATE and is
    not retried."""
    cause = exception.__cause__
    if cause is None or not hasattr(cause, "sqlstate"):
        return False
    state = cause.sqlstate
    return state is None or state.startswith(("08", "57P"))


def retry_safe(view):
    """Mark a view that may run again after its database connection was lost mid-request
    (`LostConnectionMiddleware`): its writes are one transaction under an idempotency key, so
    a second run finds the first one's result or writes what the first one rolled back."""
    view.retry_on_lost_connection = True
    return view


class LostConnectionMiddleware:
    """A database connection terminated under a request (a failover, a restarted pooler, an
    administrator's pg_terminate_backend) must not answer 500. `CONN_HEALTH_CHECKS` only
    replaces connections that died between requests; here a request whose view raised an
    OperationalError on a connection that no longer answers is run once more on a new
    connection, when that is safe: a read (GET, HEAD) or a view marked `retry_safe`, and no
    transaction left open. Everything else goes on to the usual error handling."""

    SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import OperationalError, connections

        match = getattr(request, "resolver_match", None)
        if not isinstance(exception, OperationalError) or match is None:
            return None
        if getattr(request, "_fazhi_retried", False):
            return None
        safe = request.method in self.SAFE_METHODS or getattr(
            match.func, "retry_on_lost_connection", False
        )
        opened = connections.all(initialized_only=True)
        if not safe or any(c.in_atomic_block for c in opened):
            return None
        lost = [c for c in opened if c.connection is None or not c.is_usable()]
        if not (lost or connection_lost(exception)):  # a real error, not a lost connection
            return None
        for conn in lost:
            conn.close()
        request._fazhi_retried = True
        logger.warning("database connection lost during %s %s; running the view again: %s",
                       request.method, request.path, exception)  # fmt: skip
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        return response
