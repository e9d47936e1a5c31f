"""Reads of public legal education: which agencies have a published responsibility list, and
the figures of a five-year plan year by year (read from the indicator registry, so that the
page shows no figure that is not an indicator)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from core.models import Organization, OrganizationKind
from education.models import ResponsibilityList
from education.plans import Plan
from indicators.grouped import evaluate
from indicators.registry import Period, registry


@dataclass
class AgencyListStatus:
    agency: Organization
    responsibility_list: ResponsibilityList | None

    @property
    def published(self) -> bool:
        return bool(self.responsibility_list and self.responsibility_list.published)


def list_status(user, year: int, *, published: bool | None = None) -> list[AgencyListStatus]:
    """Every active agency the user sees, with its list for `year` (or None): who has published
    a list and who has not. `published` narrows to one side."""
    agencies = Organization.objects.restrict(user).filter(
        kind=OrganizationKind.AGENCY, is_active=True
    )
    lists = {
        lst.agency_id: lst
        for lst in ResponsibilityList.objects.restrict(user).filter(year=year, agency__in=agencies)
    }
    rows = [AgencyListStatus(a, lists.get(a.pk)) for a in agencies.order_by("region_id", "name")]
    if published is not None:
        rows = [r for r in rows if r.published == published]
    return rows


PLAN_INDICATORS = (
    "education.activities",
    "education.people_reached",
    "education.materials_distributed",
    "education.online_views",
    "education.model_villages",
    "education.responsibility_lists_published",
    "education.evaluations_published",
)


def plan_figures(plan: Plan, prefix: str, today=None) -> dict:
    """The plan's figures for the jurisdiction `prefix`: each year of the plan that has begun
    (the current one counted to today) and the plan period as a whole, one grouped
    evaluation."""
    today = today or timezone.localdate()
    indicators = [registry.get(key) for key in PLAN_INDICATORS]
    years = [(year, Period.year(year).as_of(today)) for year in plan.years if year <= today.year]
    whole = plan.period.as_of(today) if plan.start_year <= today.year else None
    periods = [p for _y, p in years] + ([whole] if whole else [])
    results = evaluate([(i, p) for i in indicators for p in periods], [prefix])[prefix]
    return {
        "indicators": indicators,
        "years": [
            (year, period, [results[i.key, period] for i in indicators]) for year, period in years
        ],
        "whole": (whole, [results[i.key, whole] for i in indicators]) if whole else None,
    }
