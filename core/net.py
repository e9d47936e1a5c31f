"""Who is on the other end of a request."""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _ip(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The address the request came from, trusting exactly FAZHI_PROXY_COUNT reverse proxies:
    with none, the socket's address (REMOTE_ADDR) and nothing the client wrote; with N, the
    N-th address from the right of X-Forwarded-For, the one our first proxy saw. Entries to its
    left were written by the client and are never read, so a made-up header cannot give each
    request a fresh address (rate limits, login lockout and the audit log all use this). None
    when there is no valid address (a request made inside the process, e.g. a test login);
    the login lockout and the audit log store it in an address column, which takes no other
    text."""
    remote = _ip(request.META.get("REMOTE_ADDR"))
    count = settings.FAZHI_PROXY_COUNT
    if count <= 0:
        return remote
    chain = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(chain) < count:
        return remote
    return _ip(chain[-count]) or remote


def client_ip(request) -> str:
    """client_address as a key for counters: "unknown" stands for no address."""
    return client_address(request) or "unknown"
