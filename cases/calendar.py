"""Statutory periods (期间) on the Chinese working-day calendar.

Rules (reference/statutes.md §10): the day an event happens is not counted (Civil Procedure
Law Art. 85; Civil Code Arts. 201–203); a period in days whose last day is a rest day ends on
the first working day after it; a working-day period (工作日, e.g. Administrative
Reconsideration Law Art. 88) counts only working days, where make-up working days (调休上班日)
count and statutory holidays do not. Holidays come from the `chinesecalendar` package, stored
in CalendarDay/CalendarYear so that staff can enter next year's schedule before the package
has it. A period that reaches a year with no schedule is never refused: it is counted on that
year's provisional calendar (weekends, the statutory holidays whose dates the Measures fix, and
their 补假: `cases.holidays`) and the result is marked provisional (暂定); when the year's
schedule is entered, `cases.schedules` recomputes the clocks that depended on the guess.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import gettext as _

from cases.holidays import provisional_rest_days

CACHE_KEY = "fazhi:calendar:version"
logger = logging.getLogger(__name__)
_loaded: tuple[int, Calendar] | None = None


@dataclass(frozen=True)
class Due:
    """The result of counting a period."""

    date: datetime.date
    nominal: datetime.date  # before rolling past rest days
    # The years without an entered schedule that the count went through: the result is 暂定.
    provisional_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)

    @property
    def rolled_forward(self) -> bool:
        return self.date != self.nominal

    @property
    def note(self) -> str:
        return provisional_note(self) if self.provisional else ""


def provisional_note(due: Due) -> str:
    """Why a result is 暂定, in the words the case page, the calculator and the command share."""
    years = "、".join(str(y) for y in due.provisional_years)
    return _(
        "Provisional: the holiday schedule of %(years)s has not been entered yet, so the "
        "statutory holidays and their make-up days off were used without the swapped working "
        "days; the date is recomputed when the schedule is entered."
    ) % {"years": years}


class Calendar:
    """Rest days and make-up working days of the known years. Any other year is provisional:
    its statutory holidays and their 补假 rest (`cases.holidays`), and no weekend is worked,
    since only the State Council's notice can swap one."""

    def __init__(
        self,
        rest: set[datetime.date],
        workdays: set[datetime.date],
        years: set[int],
    ):
        self.rest = rest
        self.workdays = workdays
        self.years = years

    def is_provisional(self, day: datetime.date) -> bool:
        return day.year not in self.years

    def is_workday(self, day: datetime.date) -> bool:
        if day.year not in self.years:
            return day.weekday() < 5 and day not in provisional_rest_days(day.year)
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

    def _unknown(self, *days: datetime.date) -> set[int]:
        return {d.year for d in days if d.year not in self.years}

    def _rolled(self, nominal: datetime.date) -> Due:
        """A calendar period whose nominal last day is `nominal`, rolled past rest days: it
        depends on the schedule of the years from the nominal day to the working day."""
        due = self.next_workday(nominal)
        unknown = self._unknown(nominal, due)
        return Due(date=due, nominal=nominal, provisional_years=tuple(sorted(unknown)))

    def add_days(self, start: datetime.date, days: int) -> Due:
        """A period of `days` calendar days from `start` (the start day itself not counted)."""
        _require_positive(days)
        return self._rolled(start + datetime.timedelta(days=days))

    def add_working_days(self, start: datetime.date, days: int) -> Due:
        """A period of `days` working days after `start`."""
        return self.count(start, days, "working_days")

    def add(self, start: datetime.date, days: int, *, working: bool) -> Due:
        return self.add_working_days(start, days) if working else self.add_days(start, days)

    def add_months(self, start: datetime.date, months: int) -> Due:
        """A period of `months` months: it ends on the corresponding day of the last month, or
        on that month's last day when it has no such day (Civil Code Art. 202), rolled past
        rest days like any calendar period."""
        _require_positive(months)
        return self._rolled(shift_months(start, months))

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
            day, counted, unknown = start, 0, set()
            while counted < length:
                day += datetime.timedelta(days=1)
                if day.year not in self.years:
                    unknown.add(day.year)
                if day not in excluded and self.is_workday(day):
                    counted += 1
            return Due(date=day, nominal=day, provisional_years=tuple(sorted(unknown)))
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
        return self._rolled(nominal)


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
    try:
        version = cache.get_or_set(CACHE_KEY, 1, timeout=None)
    except Exception:  # the shared cache is down: read the tables, trust no cached copy
        logger.warning("calendar cache unavailable; reading the calendar from the database")
        version = None
    if version is not None and _loaded is not None and _loaded[0] == version:
        return _loaded[1]
    from cases.models import CalendarDay, CalendarYear, DayKind

    rest, work = set(), set()
    for date, kind in CalendarDay.objects.values_list("date", "kind"):
        (work if kind == DayKind.WORKDAY else rest).add(date)
    years = set(CalendarYear.objects.values_list("year", flat=True))
    calendar = Calendar(rest, work, years)
    if version is not None:
        _loaded = (version, calendar)
    return calendar


def invalidate() -> None:
    global _loaded
    _loaded = None
    try:
        cache.incr(CACHE_KEY)
    except ValueError:
        cache.set(CACHE_KEY, 2, timeout=None)
    except Exception:  # the shared cache is down; other servers reload when it is back
        logger.warning("calendar cache unavailable; other servers may use a stale calendar")


def sync_from_package(day_model=None, year_model=None) -> dict[str, int]:
    """Copy the `chinesecalendar` schedule into the tables; rows already there (manual entries
    included) are kept. The data migration passes its historical models."""
    import chinese_calendar

    from cases import models

    day_model = day_model or models.CalendarDay
    year_model = year_model or models.CalendarYear
    existing = set(day_model.objects.values_list("date", flat=True))
    # Migration 0002 runs before CalendarDay.year exists.
    has_year = any(f.name == "year" for f in day_model._meta.get_fields())
    rows = [
        day_model(date=d, kind=kind, name=str(name), source="package", **_year(d, has_year))
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
    return {"days": len(rows), "years": len(new_years), "new_years": new_years}


def _year(day: datetime.date, has_year: bool) -> dict:
    return {"year": day.year} if has_year else {}


def missing_next_year(today: datetime.date) -> int | None:
    """Next year, when its schedule is not entered and it is 1 October or later: the State
    Council publishes it around November (reference §G), so from October on its absence is
    worth a warning to the people who can enter it. None otherwise."""
    from cases.models import CalendarYear

    if today.month < 10:
        return None
    year = today.year + 1
    return None if CalendarYear.objects.filter(year=year).exists() else year
