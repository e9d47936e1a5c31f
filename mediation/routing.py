"""订单式推送: an online request goes to the committee for the street of the dispute's address
and its type. An industry committee of the district that takes the type wins; otherwise the
street's own committee; otherwise, going up, the street's justice office; otherwise a
committee at the district level; otherwise a justice office of the district; as a last resort
another street's committee of the district, whose justice office can re-route the request (the
`reroute` transition). Only when the district has none of these is there no one to send it to,
and the applicant is told whom to call instead (mediation.online)."""

from __future__ import annotations

from core.models import Organization, OrganizationKind
from mediation.choices import CommitteeKind
from mediation.models import Committee

LOCAL_KINDS = (CommitteeKind.STREET, CommitteeKind.TOWNSHIP)


def route(street_code: str, dispute_type: str) -> Organization | None:
    district = street_code[:6]
    active = Committee.objects.filter(organization__is_active=True).select_related("organization")
    industry = active.filter(kind=CommitteeKind.INDUSTRY, region_code__startswith=district)
    for committee in industry.order_by("region_code", "organization__name", "pk"):
        if dispute_type in (committee.industry_types or []):
            return committee.organization
    street = (
        active.filter(region_code=street_code, kind__in=LOCAL_KINDS)
        .order_by("organization__name")
        .first()
    )
    if street:
        return street.organization
    offices = Organization.objects.filter(kind=OrganizationKind.JUSTICE_OFFICE, is_active=True)
    office = offices.filter(region_id=street_code).order_by("name").first()
    if office:
        return office
    above = (
        active.filter(region_code=district.ljust(12, "0"))
        .exclude(kind__in=(CommitteeKind.INDUSTRY, CommitteeKind.STUDIO))
        .order_by("organization__name")
        .first()
    )
    if above:
        return above.organization
    office = offices.filter(region__code__startswith=district).order_by("region_id", "name")
    if office.exists():
        return office.first()
    neighbour = (
        active.filter(region_code__startswith=district, kind__in=LOCAL_KINDS)
        .order_by("region_code", "organization__name")
        .first()
    )
    return neighbour.organization if neighbour else None


def serves_street_itself(organization: Organization, street_code: str) -> bool:
    """Whether the request went to the street's own committee (or to an industry committee
    for its type) rather than to a unit standing in for a street without a committee."""
    committee = Committee.objects.filter(organization=organization).first()
    if committee is None:
        return False
    return committee.kind == CommitteeKind.INDUSTRY or committee.region_code == street_code
