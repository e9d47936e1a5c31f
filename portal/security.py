"""One-time codes and rate limits for public endpoints (cache-backed)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache

from core.limits import rate_limited  # noqa: F401  (the portal's views read them from here)
from core.net import client_ip  # noqa: F401

OTP_TTL = 10 * 60
TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_tracking_code() -> str:
    """A 10-character code for an applicant to follow a case (about 50 bits)."""
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(10))


OTP_ATTEMPTS = 5


def _digest(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


def issue_otp(tracking_code: str) -> str:
    code = f"{secrets.randbelow(1_000_000):06d}"
    cache.set(f"fazhi:otp:{tracking_code}", {"digest": _digest(code), "tries": 0}, OTP_TTL)
    return code


def otp_matches(tracking_code: str, code: str) -> bool:
    """Whether `code` is the live code for `tracking_code`, without spending it: a form checks
    the code first, the rest of its input next, and spends the code (check_otp) only when it
    writes. A wrong code counts as a try, as in check_otp."""
    key = f"fazhi:otp:{tracking_code}"
    entry = cache.get(key)
    if not entry:
        return False
    if entry["tries"] >= OTP_ATTEMPTS:
        cache.delete(key)
        return False
    if hmac.compare_digest(entry["digest"], _digest((code or "").strip())):
        return True
    entry["tries"] += 1
    cache.set(key, entry, OTP_TTL)
    return False


def check_otp(tracking_code: str, code: str) -> bool:
    key = f"fazhi:otp:{tracking_code}"
    entry = cache.get(key)
    if not entry:
        return False
    if entry["tries"] >= OTP_ATTEMPTS:
        cache.delete(key)
        return False
    if hmac.compare_digest(entry["digest"], _digest((code or "").strip())):
        cache.delete(key)
        return True
    entry["tries"] += 1
    cache.set(key, entry, OTP_TTL)
    return False
