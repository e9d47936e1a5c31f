"""Statutory periods (期间) on the Chinese working-day calendar.

Rules (reference/statutes.md §10): the day an event happens is not counted (Civil Procedure
Law Art. 85; Civil Code Arts. 201–203); a period in days whose last day is a rest day ends on
the first working day after it; a working-day period (工作日, e.g. Administrative
Reconsideration Law Art. 88) counts only working days, where make-up working days (调休上班日)
count and statutory holidays do not. Holidays come from the `chinesecalendar` package, stored
in CalendarDay/CalendarYear so that staff can enter next year's schedule before the package
has it. A period that needs a year with no schedule raises UnknownYear, unless
FAZHI_CALENDAR_PROVISIONAL is on, in which case weekends alone are used and the result is
marked provisional.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

CACHE_KEY = "fazhi:calendar:version"
_loaded: tuple[int, Calendar] | None = None


class UnknownYear(Exception):
    def __init__(self, year: int):
        self.year = year
        super().__init__(
            _(
                "The holiday schedule of %(year)s is not in the calendar yet; enter it under "
                "Administration → Calendar years before computing periods that reach it."
            )
            % {"year": year}
        )


@dataclass(frozen=True)
class Due:
    """The result of counting a period."""

    date: datetime.date
    nominal: datetime.date  # before rolling past rest days
    provisional: bool = False  # computed with weekends only for a year with no schedule

    @property
    def rolled_forward(self) -> bool:
        return self.date != self.nominal


class Calendar:
    def __init__(
        self,
        rest: set[datetime.date],
        workdays: set[datetime.date],
        years: set[int],
        provisional: bool = False,
    ):
        self.rest = rest
        self.workdays = workdays
        self.years = years
        self.allow_provisional = provisional

    def _check(self, day: datetime.date) -> bool:
        """True when `day` is in a known year; False (provisional) or raise otherwise."""
        if day.year in self.years:
            return True
        if self.allow_provisional:
            return False
        raise UnknownYear(day.year)

    def is_workday(self, day: datetime.date) -> bool:
        self._check(day)
        if day in self.workdays:
            return True
        if day in self.rest:
            return False
        return day.weekday() < 5

    def next_workday(self, day: datetime.date) -> datetime.date:
        """`day` itself if it is a working day, else the first working day after it."""
        while not self.is_workday(day):
            day += datetime.timedelta(days=1)
        return day

    def add_days(self, start: datetime.date, days: int) -> Due:
        """A period of `days` calendar days from `start` (the start day itself not counted)."""
        _require_positive(days)
        nominal = start + datetime.timedelta(days=days)
        provisional = not self._check(nominal)
        due = self.next_workday(nominal)
        provisional = provisional or not self._check(due)
        return Due(date=due, nominal=nominal, provisional=provisional)

    def add_working_days(self, start: datetime.date, days: int) -> Due:
        """A period of `days` working days after `start`."""
        _require_positive(days)
        day, counted, provisional = start, 0, False
        while counted < days:
            day += datetime.timedelta(days=1)
            provisional = provisional or not self._check(day)
            if self.is_workday(day):
                counted += 1
        return Due(date=day, nominal=day, provisional=provisional)

    def add(self, start: datetime.date, days: int, *, working: bool) -> Due:
        return self.add_working_days(start, days) if working else self.add_days(start, days)

    def add_months(self, start: datetime.date, months: int) -> Due:
        """A period of `months` months: it ends on the corresponding day of the last month, or
        on that month's last day when it has no such day (Civil Code Art. 202), rolled past
        rest days like any calendar period."""
        _require_positive(months)
        nominal = shift_months(start, months)
        provisional = not self._check(nominal)
        due = self.next_workday(nominal)
        return Due(date=due, nominal=nominal, provisional=provisional or not self._check(due))

    def count(
        self,
        start: datetime.date,
        length: int,
        unit: str,
        excluded: frozenset[datetime.date] = frozenset(),
    ) -> Due:
        """A period of `length` `unit`s (days, working_days, months) from `start` in which the
        `excluded` days (paused time) are not counted. Without exclusions this is exactly
        add_days / add_working_days / add_months."""
        _require_positive(length)
        if unit == "working_days":
            day, counted, provisional = start, 0, False
            while counted < length:
                day += datetime.timedelta(days=1)
                provisional = provisional or not self._check(day)
                if day not in excluded and self.is_workday(day):
                    counted += 1
            return Due(date=day, nominal=day, provisional=provisional)
        if unit == "months":
            # The months run on the calendar; each excluded day pushes the end one day later.
            nominal = shift_months(start, length)
            extra = sum(1 for d in excluded if d > start)
            day = nominal
            while extra:
                day += datetime.timedelta(days=1)
                if day not in excluded:
                    extra -= 1
            nominal = day
        elif unit == "days":
            day, counted = start, 0
            while counted < length:
                day += datetime.timedelta(days=1)
                if day not in excluded:
                    counted += 1
            nominal = day
        else:
            raise ValueError(f"unknown unit {unit!r}")
        provisional = not self._check(nominal)
        due = self.next_workday(nominal)
        return Due(date=due, nominal=nominal, provisional=provisional or not self._check(due))


def shift_months(start: datetime.date, months: int) -> datetime.date:
    """The corresponding day `months` later, or the last day of that month."""
    import calendar as pycalendar

    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last = pycalendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(start.day, last))


def _require_positive(days: int) -> None:
    if days < 1:
        raise ValueError(_("A period has at least one day."))


def get_calendar() -> Calendar:
    """The calendar as stored, cached per process until a CalendarDay/Year changes."""
    global _loaded
    version = cache.get_or_set(CACHE_KEY, 1, timeout=None)
    if _loaded is not None and _loaded[0] == version:
        return _loaded[1]
    from cases.models import CalendarDay, CalendarYear, DayKind

    rest, work = set(), set()
    for date, kind in CalendarDay.objects.values_list("date", "kind"):
        (work if kind == DayKind.WORKDAY else rest).add(date)
    years = set(CalendarYear.objects.values_list("year", flat=True))
    calendar = Calendar(
        rest, work, years, provisional=getattr(settings, "CALENDAR_PROVISIONAL", False)
    )
    _loaded = (version, calendar)
    return calendar


def invalidate() -> None:
    global _loaded
    _loaded = None
    try:
        cache.incr(CACHE_KEY)
    except ValueError:
        cache.set(CACHE_KEY, 2, timeout=None)


def sync_from_package(day_model=None, year_model=None) -> dict[str, int]:
    """Copy the `chinesecalendar` schedule into the tables; rows already there (manual entries
    included) are kept. The data migration passes its historical models."""
    import chinese_calendar

    from cases import models

    day_model = day_model or models.CalendarDay
    year_model = year_model or models.CalendarYear
    existing = set(day_model.objects.values_list("date", flat=True))
    rows = [
        day_model(date=d, kind=kind, name=str(name), source="package")
        for kind, source in (
            ("rest", chinese_calendar.holidays),
            ("workday", chinese_calendar.workdays),
        )
        for d, name in source.items()
        if d not in existing
    ]
    day_model.objects.bulk_create(rows, batch_size=1000)
    package_years = {d.year for d in chinese_calendar.holidays}
    new_years = sorted(package_years - set(year_model.objects.values_list("year", flat=True)))
    year_model.objects.bulk_create([year_model(year=y, source="package") for y in new_years])
    invalidate()
    return {"days": len(rows), "years": len(new_years)}
