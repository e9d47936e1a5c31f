"""Request ids: every request gets one (or keeps a valid X-Request-ID from the proxy); it is
returned in the response, written into every log line and every audit row of the request."""

from __future__ import annotations

import contextvars
import logging
import re
import uuid

from auditlog.middleware import AuditlogMiddleware as _AuditlogMiddleware

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
        from core.net import client_ip

        return client_ip(request)


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
