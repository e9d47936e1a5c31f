"""Who is on the other end of a request."""

from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str:
    """The address the request came from, trusting exactly FAZHI_PROXY_COUNT reverse proxies:
    with none, the socket's address (REMOTE_ADDR) and nothing the client wrote; with N, the
    N-th address from the right of X-Forwarded-For, the one our first proxy saw. Entries to its
    left were written by the client and are never read, so a made-up header cannot give each
    request a fresh address (rate limits, login lockout and the audit log all use this)."""
    import ipaddress

    remote = request.META.get("REMOTE_ADDR") or "unknown"
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
    candidate = chain[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
