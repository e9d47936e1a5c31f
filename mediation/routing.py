"""订单式推送: an online request goes to the committee for the street of the dispute's address
and its type. An industry committee of the district that takes the type wins; otherwise the
street's own committee; otherwise the street's justice office; otherwise the district's
bureau-level committee or office. The justice office can re-route a request (the `reroute`
transition)."""

from __future__ import annotations

from core.models import Organization, OrganizationKind
from mediation.choices import CommitteeKind
from mediation.models import Committee


def route(street_code: str, dispute_type: str) -> Organization | None:
    district = street_code[:6]
    active = Committee.objects.filter(organization__is_active=True).select_related("organization")
    industry = active.filter(kind=CommitteeKind.INDUSTRY, region_code__startswith=district)
    for committee in industry.order_by("region_code", "organization__name", "pk"):
        if dispute_type in (committee.industry_types or []):
            return committee.organization
    local = [CommitteeKind.STREET, CommitteeKind.TOWNSHIP]
    street = (
        active.filter(region_code=street_code, kind__in=local)
        .order_by("organization__name")
        .first()
    )
    if street:
        return street.organization
    office = Organization.objects.filter(
        region_id=street_code, kind=OrganizationKind.JUSTICE_OFFICE, is_active=True
    ).first()
    if office:
        return office
    fallback = (
        active.filter(region_code__startswith=district, kind__in=local)
        .order_by("region_code", "organization__name")
        .first()
    )
    if fallback:
        return fallback.organization
    return Organization.objects.filter(
        region__code__startswith=district,
        kind=OrganizationKind.JUSTICE_OFFICE,
        is_active=True,
    ).first()
