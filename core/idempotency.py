"""Run a creating service once per submission key (see SubmissionKey)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError, transaction

from core.models import SubmissionKey

T = TypeVar("T")
_VALID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def new_key() -> str:
    return uuid.uuid4().hex


def is_valid_key(key: str | None) -> bool:
    return bool(key and _VALID.match(key))


def run_once(
    *, key: str, scope: str, create: Callable[[], T], load: Callable[[str], T]
) -> tuple[T, bool]:
    """Return (object, created). A repeated key returns the object of the first submission.

    The key row and the object are written in one transaction, so a failed submission leaves
    no key behind and can be retried with the same key.
    """
    existing = SubmissionKey.objects.filter(key=key, scope=scope).first()
    if existing is not None and existing.object_id:
        return _load(load, existing.object_id), False
    try:
        with transaction.atomic():
            marker = SubmissionKey.objects.create(key=key, scope=scope)
            obj = create()
            marker.object_id = str(obj.pk)
            marker.save(update_fields=["object_id"])
            return obj, True
    except IntegrityError:
        # A concurrent request with the same key won the race; answer with its object.
        existing = SubmissionKey.objects.filter(key=key, scope=scope).first()
        if existing is None or not existing.object_id:
            raise
        return _load(load, existing.object_id), False


def _load(load: Callable[[str], T], object_id: str) -> T:
    """The first submission's object; if it has been deleted since, the key cannot be
    answered with it, nor silently reused for a new one."""
    from django.core.exceptions import ObjectDoesNotExist
    from django.utils.translation import gettext as _

    from core.errors import Conflict

    try:
        return load(object_id)
    except ObjectDoesNotExist:
        raise Conflict(
            _(
                "This Idempotency-Key was used for a record that has since been deleted or is "
                "no longer yours to see; send the request with a new key."
            )
        ) from None
