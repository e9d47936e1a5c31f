"""The change log: which models are audited, and the reads that are audited too.

django-auditlog writes one row per create, update and delete of a registered model, with the
actor, the remote address, the request id (as its correlation id) and the before/after values
of each changed field. Encrypted personal fields appear masked in that diff; their blind
indexes are left out. Rows are append-only: the admin offers no change or delete, and database
triggers (migration core.0002) refuse UPDATE and DELETE on the table for every connection.
"""

from __future__ import annotations

import contextlib

from auditlog.context import auditlog_value, set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db import transaction

from core.models import Lawyer, Membership, Organization, Party, Region, User

auditlog.register(
    Party,
    exclude_fields=["id_number_index", "phone_index", "updated_at", "version"],
    mask_fields=["id_number", "phone"],
)
auditlog.register(Organization, exclude_fields=["updated_at"])
auditlog.register(Membership)
auditlog.register(Region)
auditlog.register(User, exclude_fields=["password", "last_login"], mask_fields=["phone"])
auditlog.register(Lawyer, mask_fields=["phone"])


def record_access(*, actor, instance, field: str, request=None) -> LogEntry:
    """Write an ACCESS row saying that `actor` saw the full value of `field` on `instance`."""
    from core.middleware import get_request_id

    try:
        # The address the audit middleware derived for this request (X-Forwarded-For aware).
        remote_addr = (auditlog_value.get() or {}).get("remote_addr")
    except LookupError:
        remote_addr = None
    if remote_addr is None and request is not None:
        remote_addr = request.META.get("REMOTE_ADDR")
    with transaction.atomic():
        return LogEntry.objects.log_create(
            instance,
            force_log=True,
            action=LogEntry.Action.ACCESS,
            actor=actor,
            remote_addr=remote_addr,
            changes=None,
            additional_data={"revealed_field": field},
            cid=get_request_id(),
        )


def entries_for(instance):
    return (
        LogEntry.objects.get_for_object(instance)
        .select_related("actor")
        .order_by("-timestamp", "-id")
    )


@contextlib.contextmanager
def acting(actor):
    """Attribute the audit rows written inside the block to `actor`.

    Services are also called outside requests (CLI, tasks, tests), where the middleware has set
    no actor. Inside a request the request's remote address is kept, and its context restored
    afterwards.
    """
    try:
        current = auditlog_value.get()
    except LookupError:
        current = None
    # Always a fresh context, even for the request's own user: django-auditlog sets its
    # context variable without restoring it, so after a request has ended (a test client's,
    # a task's) the variable may still name a user whose signal receiver is gone, and rows
    # written then would have no actor. The token lets us put back exactly what was there
    # before (nothing, or the request's context, whose receiver stays connected).
    token = auditlog_value.set({})
    try:
        with set_actor(actor, remote_addr=(current or {}).get("remote_addr")):
            yield
    finally:
        auditlog_value.reset(token)
