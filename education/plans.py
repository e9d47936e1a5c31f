"""The five-year plans of public legal education (普法规划) as data.

The 八五 plan (2021–2025) is a secondary source (reference/statutes-lines.md §F, ◑ S10); the 九五
plan (2026–2030) is not yet in the collection (❓). Both are kept here as data, not code, and a
deployment replaces the whole list with `FAZHI_EDUCATION_PLANS` in its settings, a list of
(key, start year, end year, name). The 七五 plan (2016–2020) is kept for the samples' years.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from indicators.registry import Period


@dataclass(frozen=True)
class Plan:
    key: str
    start_year: int
    end_year: int
    name: object  # translated lazily

    @property
    def period(self) -> Period:
        return Period(Period.year(self.start_year).start, Period.year(self.end_year).end)

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


DEFAULT_PLANS = (
    ("7th", 2016, 2020, _("7th five-year plan of public legal education (2016–2020)")),
    ("8th", 2021, 2025, _("8th five-year plan of public legal education (2021–2025)")),
    ("9th", 2026, 2030, _("9th five-year plan of public legal education (2026–2030)")),
)


def plans() -> list[Plan]:
    rows = getattr(settings, "FAZHI_EDUCATION_PLANS", None) or DEFAULT_PLANS
    return sorted((Plan(*row) for row in rows), key=lambda p: p.start_year)


def plan(key: str) -> Plan:
    for item in plans():
        if item.key == key:
            return item
    raise LookupError(key)


def plan_of_year(year: int) -> Plan | None:
    """The plan a year belongs to, or None for a year no plan covers."""
    for item in plans():
        if item.start_year <= year <= item.end_year:
            return item
    return None
