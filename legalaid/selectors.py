"""Reads in legal aid that more than one page, form or document needs."""

from __future__ import annotations

from core.models import Lawyer, PractitionerStatus


def assignable_lawyers(case):
    """Lawyers who may be assigned to `case` directly: practising members of an active pool
    of the case's centre (or any practising lawyer of the centre's region when the centre has
    no pool yet)."""
    from legalaid.models import PoolMember

    lawyers = Lawyer.objects.filter(status=PractitionerStatus.PRACTISING)
    if case is None:
        return lawyers.none()
    members = PoolMember.objects.filter(
        centre_id=case.organization_id, status=PoolMember.Status.ACTIVE
    )
    if members.exists():
        return lawyers.filter(pk__in=members.values("lawyer_id")).order_by("name")
    return lawyers.filter(region_code__startswith=case.region_code[:6]).order_by("name")
