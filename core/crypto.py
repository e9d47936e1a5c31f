"""Encryption at rest for personal data, and blind indexes for exact look-ups.

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256) from the `cryptography` package.
FAZHI_FIELD_KEYS holds one or more keys: the first encrypts, all decrypt, so a key can be
rotated by prepending a new one and re-saving rows (see docs/operators/backup.md; there is no
automated re-encryption command yet). A blind index is an
HMAC-SHA256 of the normalised value under a separate key (FAZHI_INDEX_KEY): equal values give
equal indexes, so "find the party with this ID number" is an indexed equality match, while the
column reveals nothing without the key.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

TOKEN_PREFIX = "fz1:"


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "FAZHI_FIELD_KEYS must be Fernet keys (32 url-safe base64 bytes), comma-separated"
        ) from exc


def encrypt(value: str) -> str:
    token = _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).encrypt(value.encode())
    return TOKEN_PREFIX + token.decode()


def decrypt(token: str) -> str:
    if not token.startswith(TOKEN_PREFIX):
        raise ValueError("not an encrypted value")
    try:
        raw = _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).decrypt(
            token[len(TOKEN_PREFIX) :].encode()
        )
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "An encrypted column could not be decrypted with FAZHI_FIELD_KEYS: wrong or missing key"
        ) from exc
    return raw.decode()


def blind_index(value: str) -> str:
    if not value:
        return ""
    digest = hmac.new(settings.BLIND_INDEX_KEY.encode(), value.encode(), hashlib.sha256)
    return digest.hexdigest()


class EncryptedCharField(models.TextField):
    """A text column that holds ciphertext; Python code sees the clear value.

    Only `isnull` and exact look-ups on the empty string make sense on ciphertext; search goes
    through the companion `BlindIndexField`.
    """

    def __init__(self, *args, max_length: int | None = None, **kwargs):
        self.clear_max_length = max_length
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.clear_max_length is not None:
            kwargs["max_length"] = self.clear_max_length
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        if value.startswith(TOKEN_PREFIX):
            return value
        return encrypt(value)

    def formfield(self, **kwargs):
        from django import forms

        defaults = {"form_class": forms.CharField, "max_length": self.clear_max_length}
        defaults.update(kwargs)
        defaults.pop("widget", None)
        return super(models.TextField, self).formfield(**defaults)


class BlindIndexField(models.CharField):
    """HMAC of another field's normalised value, kept in step on every save."""

    def __init__(self, *args, source: str = "", **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for key in ("max_length", "editable", "blank", "db_index"):
            kwargs.pop(key, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = blind_index(getattr(model_instance, self.source) or "")
        setattr(model_instance, self.attname, value)
        return value


def mask(value: str, head: int, tail: int) -> str:
    """`440105********1234`: keep `head` and `tail` characters, star the rest."""
    if not value:
        return ""
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[len(value) - tail :]
