"""Counters in the shared cache: rate limits of the portal, failed logins per address."""

from __future__ import annotations

from django.core.cache import cache


def _name(bucket: str, key: str) -> str:
    return f"fazhi:rl:{bucket}:{key}"


def hit(bucket: str, key: str, window: int) -> int:
    """Count one hit for `key` in `bucket`; the number of hits within the `window` seconds
    since the first."""
    name = _name(bucket, key)
    if cache.add(name, 1, window):
        return 1
    try:
        return cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, window)
        return 1


def hits(bucket: str, key: str) -> int:
    """The hits counted so far, without counting one."""
    return cache.get(_name(bucket, key)) or 0


def rate_limited(bucket: str, key: str, limit: int, window: int) -> bool:
    """Count one hit; True when `limit` hits within `window` seconds are exceeded."""
    return hit(bucket, key, window) > limit
