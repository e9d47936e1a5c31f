"""Reads of public legal services: what the forms offer, the public list of service points,
the adviser coverage by street (computed by the registry's indicator, never by hand)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from core.models import Lawyer, Organization, PractitionerStatus, Region
from core.querysets import within_reach
from core.regions import PREFIX_LENGTH, RegionLevel, within
from legalservice.models import ServicePoint


def serving_units(user, perm: str, *, keep: int | None = None) -> QuerySet:
    """The organisations `user` may write for with `perm`: the active bureaus, justice offices
    and legal aid centres of their jurisdiction, and the organisation `keep` (an entry's own,
    deactivated since) when it is within it."""
    from legalservice.services import SERVING_KINDS

    active = Q(is_active=True) | Q(pk=keep) if keep else Q(is_active=True)
    units = Organization.objects.filter(active, kind__in=SERVING_KINDS)
    return within_reach(units, user, perm).order_by("region_id", "kind", "name")


def regions_for(user, perm: str, *, levels) -> QuerySet:
    """The regions of `levels` in the jurisdictions where `user` holds `perm`."""
    return within_reach(Region.objects.filter(level__in=levels), user, perm).order_by("code")


def points_for(user, perm: str, *, keep: int | None = None) -> QuerySet:
    """The active service points of `user`'s jurisdiction, and the point `keep` (a record's
    own, closed since) when it is within it."""
    active = Q(is_active=True) | Q(pk=keep) if keep else Q(is_active=True)
    return within_reach(ServicePoint.objects.filter(active), user, perm).order_by(
        "region_id", "level", "name"
    )


def lawyer_reach(user, perm: str) -> Q | None:
    """The lawyers `user` may name with `perm`: those of the counties where they hold it —
    wider than their jurisdiction on purpose (an adviser often comes from a firm of another
    street of the same district); None when they hold it nowhere."""
    counties = {p[: PREFIX_LENGTH[RegionLevel.COUNTY]] for p in user.jurisdictions(perm)}
    if not counties:
        return None
    condition = Q()
    for prefix in counties:
        condition |= within("region_code", prefix)
    return condition


def lawyers_for(user, perm: str) -> QuerySet:
    """Practising lawyers and grassroots legal workers of the counties where `user` holds
    `perm` (lawyer_reach)."""
    condition = lawyer_reach(user, perm)
    if condition is None:
        return Lawyer.objects.none()
    return (
        Lawyer.objects.filter(condition, status=PractitionerStatus.PRACTISING)
        .select_related("organization")
        .order_by("organization__name", "name")
    )


# -- the public list ---------------------------------------------------------------------------


@dataclass
class StreetGroup:
    code: str
    name: str
    points: list = field(default_factory=list)


@dataclass
class DistrictGroup:
    code: str
    name: str
    centres: list = field(default_factory=list)
    streets: list[StreetGroup] = field(default_factory=list)


def public_standing_points() -> QuerySet:
    """The points the portal shows: active, open today (established, not closed), run by a
    unit that stands today (not dissolved), in the regions the installation serves
    (portal.regions.within_served)."""
    from django.utils import timezone

    from indicators.registry import standing_on
    from portal.regions import within_served

    today = timezone.localdate()
    rows = ServicePoint.objects.filter(
        standing_on(today, since="established_on", until="closed_on", active="is_active"),
        standing_on(today, since="organization__established_on",
                    until="organization__dissolved_on", active="organization__is_active"),
        is_active=True, organization__is_active=True,
    )  # fmt: skip
    return within_served(rows, "region_id")


def public_points(district: str | None = None) -> list[DistrictGroup]:
    """The standing service points (public_standing_points), by district, then by street: a
    district's (or city's) centres at the head of the district, each street's station and
    village offices under the street; `district` (a 6- or 12-digit code) keeps the points of
    that district, its streets and villages. Only what a point publishes (SD‑GF Art. 38):
    name, level, address, hours, telephone, services — nothing of the records."""
    rows = public_standing_points()
    if district:
        rows = rows.filter(within("region_id", district[:6]))
    rows = list(rows.select_related("region").order_by("region_id", "level", "name"))
    codes = set()
    for p in rows:
        code = p.region_id
        codes.add(code[:6].ljust(12, "0"))
        if len(code) == 12 and code[6:9] != "000":
            codes.add(code[:9].ljust(12, "0"))
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    districts: dict[str, DistrictGroup] = {}
    streets: dict[str, StreetGroup] = {}
    for p in rows:
        d_code = p.region_id[:6].ljust(12, "0")
        group = districts.get(d_code)
        if group is None:
            group = districts[d_code] = DistrictGroup(d_code, names.get(d_code, p.region.name))
        if p.region.level < RegionLevel.TOWNSHIP:
            group.centres.append(p)
            continue
        s_code = p.region_id[:9].ljust(12, "0")
        street = streets.get(s_code)
        if street is None:
            street = streets[s_code] = StreetGroup(s_code, names.get(s_code, s_code))
            group.streets.append(street)
        street.points.append(p)
    return list(districts.values())


def public_districts() -> QuerySet:
    """The districts that have at least one point the portal shows (the portal's filter)."""
    codes = {
        c[:6].ljust(12, "0")
        for c in public_standing_points().values_list("region_id", flat=True).distinct()
    }
    return Region.objects.filter(code__in=codes).order_by("code")


# -- coverage by street ------------------------------------------------------------------------


def coverage_by_street(user, period) -> list[dict]:
    """legalservice.village_adviser_coverage for each street of the user's jurisdictions that
    has villages in the register, in one evaluation (indicators.grouped). A jurisdiction below
    the street (a village or community) is its own row: the street's other villages are not
    the user's to see."""
    from indicators.grouped import evaluate
    from indicators.registry import registry

    indicator = registry.get("legalservice.village_adviser_coverage")
    street_length = PREFIX_LENGTH[RegionLevel.TOWNSHIP]
    prefixes = sorted(set(user.jurisdictions("legalservice.view_villageadviser")))
    # A prefix inside another of the user's prefixes adds nothing.
    prefixes = [p for p in prefixes if not any(p != q and p.startswith(q) for q in prefixes)]
    if not prefixes:
        return []
    condition = Q()
    for prefix in prefixes:
        condition |= within("code", prefix)
    groups = set()
    for code in Region.objects.filter(condition, level=RegionLevel.VILLAGE).values_list(
        "code", flat=True
    ):
        below = next((p for p in prefixes if len(p) > street_length and code.startswith(p)), None)
        groups.add(below or code[:street_length])
    by_code = {g.ljust(12, "0"): g for g in groups}
    regions = Region.objects.filter(code__in=list(by_code)).order_by("code")
    figures = evaluate([(indicator, period)], sorted(groups))
    out = []
    for region in regions:
        prefix = by_code[region.code]
        figure = figures[prefix][indicator.key, period]
        out.append({"street": region, "prefix": prefix, "covered": figure.numerator,
                    "villages": figure.denominator, "rate": figure.value})  # fmt: skip
    return out
