"""What holds on a given day, read from the registers' dates (never stored, never a job run on
the day): a body standing, a power in force, a certificate's status.

A certificate's status on a day, first match wins:
1. before its issue day: not yet issued;
2. revoked (吊销) on or before the day: revoked;
3. cancelled (注销) on or before the day: cancelled;
4. after its last valid day: expired;
5. within a suspension (暂扣: from `suspended_on`, until the day before `lifted_on`): suspended;
6. otherwise valid.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q

from enforcement.choices import CertificateStatus


def body_standing_q(day: datetime.date, prefix: str = "") -> Q:
    """Q on EnforcementBody (or, with `prefix` "body__", on a row pointing to one): it stood on
    `day` (established on or before it, or before records were kept; not yet abolished)."""
    return (Q(**{f"{prefix}established_on__isnull": True})
            | Q(**{f"{prefix}established_on__lte": day})) & (
        Q(**{f"{prefix}abolished_on__isnull": True}) | Q(**{f"{prefix}abolished_on__gt": day})
    )  # fmt: skip


def body_stands_on(body, day: datetime.date) -> bool:
    return (body.established_on is None or body.established_on <= day) and (
        body.abolished_on is None or body.abolished_on > day
    )


def power_valid_q(day: datetime.date) -> Q:
    """Q on Power: in force on `day` (both ends included)."""
    return Q(valid_from__lte=day) & (Q(valid_until__isnull=True) | Q(valid_until__gte=day))


def suspended_q(day: datetime.date, prefix: str = "") -> Q:
    """Q on Suspension: running on `day`."""
    return Q(**{f"{prefix}suspended_on__lte": day}) & (
        Q(**{f"{prefix}lifted_on__isnull": True}) | Q(**{f"{prefix}lifted_on__gt": day})
    )


def certificate_valid_q(day: datetime.date) -> Q:
    """Q on Certificate: valid on `day` (status 6 above)."""
    from enforcement.models import Suspension

    running = Suspension.objects.filter(suspended_q(day), certificate=OuterRef("pk"))
    return (
        Q(issued_on__lte=day, valid_until__gte=day)
        & (Q(revoked_on__isnull=True) | Q(revoked_on__gt=day))
        & (Q(cancelled_on__isnull=True) | Q(cancelled_on__gt=day))
        & ~Q(Exists(running))
    )


def officer_certified_q(day: datetime.date) -> Q:
    """Q on Officer: holds a certificate valid on `day`."""
    from enforcement.models import Certificate

    valid = Certificate.objects.filter(certificate_valid_q(day), officer=OuterRef("pk"))
    return Q(Exists(valid))


def certificate_status_on(certificate, day: datetime.date, suspensions=None) -> str:
    """The status of `certificate` on `day` (see the module's docstring). `suspensions` may be
    given (already loaded) to spare a query."""
    if day < certificate.issued_on:
        return CertificateStatus.NOT_YET
    if certificate.revoked_on and certificate.revoked_on <= day:
        return CertificateStatus.REVOKED
    if certificate.cancelled_on and certificate.cancelled_on <= day:
        return CertificateStatus.CANCELLED
    if day > certificate.valid_until:
        return CertificateStatus.EXPIRED
    if suspensions is None:
        suspensions = certificate.suspensions.all()
    for s in suspensions:
        if s.suspended_on <= day and (s.lifted_on is None or s.lifted_on > day):
            return CertificateStatus.SUSPENDED
    return CertificateStatus.VALID


def year_before(day: datetime.date) -> datetime.date:
    """The same day a year earlier (29 February: the 28th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def certificate_status_q(status: str, day: datetime.date) -> Q:
    """Q on Certificate: its status on `day` is `status` (the same order as
    `certificate_status_on`), for the list's filter."""
    from enforcement.models import Suspension

    issued = Q(issued_on__lte=day)
    revoked = Q(revoked_on__lte=day)
    cancelled = Q(cancelled_on__lte=day)
    expired = Q(valid_until__lt=day)
    running = Q(Exists(Suspension.objects.filter(suspended_q(day), certificate=OuterRef("pk"))))
    if status == CertificateStatus.NOT_YET:
        return ~issued
    if status == CertificateStatus.REVOKED:
        return issued & revoked
    if status == CertificateStatus.CANCELLED:
        return issued & ~revoked & cancelled
    if status == CertificateStatus.EXPIRED:
        return issued & ~revoked & ~cancelled & expired
    if status == CertificateStatus.SUSPENDED:
        return issued & ~revoked & ~cancelled & ~expired & running
    return certificate_valid_q(day)
