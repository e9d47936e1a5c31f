"""The regions the public portal serves, and whom a citizen can call there.

The region table holds a whole province (core/data), but an installation serves one bureau's
jurisdiction: a citizen of 广州 must not be offered streets of 罗湖 or 东莞. The served regions
are FAZHI_PORTAL_REGIONS when the operator sets it, else the regions of the top-level justice
bureaus (those with no supervising organisation) — the root of the organisation tree.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import Q

from core.models import Organization, OrganizationKind, Region
from core.regions import RegionLevel, jurisdiction_prefix, normalize_code, within


def served_prefixes() -> list[str]:
    """Jurisdiction prefixes of the served regions; [] means the installation has no bureau
    yet and nothing is limited."""
    configured = settings.FAZHI_PORTAL_REGIONS
    if configured:
        try:
            codes = [normalize_code(code) for code in configured]
        except ValidationError as exc:
            raise ImproperlyConfigured(
                f"FAZHI_PORTAL_REGIONS: {exc.messages[0]} ({configured!r})"
            ) from None
    else:
        codes = Organization.objects.filter(
            kind=OrganizationKind.JUSTICE_BUREAU, parent__isnull=True, is_active=True
        ).values_list("region_id", flat=True)
    return sorted({jurisdiction_prefix(code) for code in codes})


def within_served(queryset, field: str):
    """`queryset` limited to the rows whose region (`field`, a region code) lies in a served
    region; unlimited while the installation has no bureau."""
    prefixes = served_prefixes()
    if not prefixes:
        return queryset
    condition = Q()
    for prefix in prefixes:
        condition |= within(field, prefix)
    return queryset.filter(condition)


def served_streets():
    """Townships and streets inside the served regions, with their district."""
    streets = Region.objects.filter(level=RegionLevel.TOWNSHIP).select_related("parent")
    return within_served(streets, "code").order_by("code")


def street_choices(streets=None):
    """Choices of `streets` (a queryset of townships and streets; the served ones by default)
    grouped by district, after an empty choice."""
    by_district: dict[str, list] = {}
    for s in served_streets() if streets is None else streets.select_related("parent"):
        by_district.setdefault(s.parent.name if s.parent else "", []).append((s.code, s.name))
    return [("", "—"), *by_district.items()]


def contact_of(organization: Organization | None) -> tuple[str, str]:
    """(name, telephone) of the nearest unit a citizen can call: the organisation itself if it
    has a telephone, else the first unit above it that has one."""
    seen = set()
    unit = organization
    while unit is not None and unit.pk not in seen:
        if unit.phone:
            return unit.name, unit.phone
        seen.add(unit.pk)
        unit = unit.parent
    return (organization.name if organization else ""), ""
