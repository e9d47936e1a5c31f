"""The indicator registry: every figure a report or dashboard prints is an indicator here.

An indicator has a key (GLOSSARY names, e.g. `mediation.success_rate`), a Chinese name, a unit,
its definition and its source (a statute, a notice, or a local definition), and its
computation for a jurisdiction prefix and a period:

- count / sum indicators give one value; numerator and denominator are None;
- ratio indicators give numerator and denominator, and the value is numerator ÷ denominator
  (× 100 for percentages). Roll-ups add numerators and denominators and divide again; rates
  are never averaged.

Each indicator also names the cases behind it (`cases(prefix, period)`), so that every figure
links to the list it counts, scoped to the viewer's jurisdiction; for a register (committees,
mediators) the list is of the entries counted, with the `columns` the indicator names.

Declared indicators: a numerator (and denominator) given as a `Measure` — COUNT(*) or SUM of a
column over the rows of one model that match a condition for the period — is computed by
`indicators.grouped`, which puts every measure asked for on the same model into one query
(`COUNT(*) FILTER (WHERE …)` per measure and period) and every child region into one GROUP BY
over the region-code prefix. The drill-down list is the same measure's rows, so the count
behind a figure is the figure. An indicator whose numerator is a plain function (a figure no
single model's rows give) keeps its own queries.

Periods: callers ask for a year (quarter, month, range) and compute on `period.as_of(today)`,
so a year not yet over is counted to today, named as such (2026年1—11月) and compared with
the same span a year earlier. Registers count what stood on the effective period's last day.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Period:
    """[start, end] in local dates, both included.

    A period asked for may not have ended yet: `as_of(today)` gives the part that has happened
    (2026 asked on 2026-11-30 is 2026-01-01..2026-11-30), and every figure, 同比 and label is
    taken from that effective period. `previous_year()` is then the same span a year earlier.
    """

    start: datetime.date
    end: datetime.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = datetime.date(year, 3 * quarter - 2, 1)
        return cls(first, _month_end(year, 3 * quarter))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(datetime.date(year, month, 1), _month_end(year, month))

    def as_of(self, today: datetime.date | None = None) -> Period:
        """The part of the period that has happened by `today` (default: the local date).

        The one place that decides the effective period: a period that has not ended ends
        today; one that has ended, or has not begun, is returned as it is."""
        today = today or timezone.localdate()
        if self.start <= today < self.end:
            return Period(self.start, today)
        return self

    def previous_year(self) -> Period:
        """The same span a year earlier, for 同比: 2026-01-01..2026-11-30 gives
        2025-01-01..2025-11-30. A span ending on a month's last day ends on the same month's
        last day (Jan–Feb 2025 is compared with Jan–Feb 2024, 29 February included); any
        other 29 February becomes the 28th."""
        end = self.end
        if _is_month_end(end):
            end = _month_end(end.year - 1, end.month)
        else:
            end = _shift_year(end)
        return Period(_shift_year(self.start), end)

    @property
    def start_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))

    @property
    def end_before(self) -> datetime.datetime:
        """The first instant after the period (for `< end_before` filters)."""
        day = self.end + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    @property
    def is_whole_year(self) -> bool:
        start, end = self.start, self.end
        return start.year == end.year and (start.month, start.day, end.month, end.day) == (
            1, 1, 12, 31)  # fmt: skip

    def shape(self) -> tuple[str, dict[str, int]]:
        """How the period is named, as (form, numbers), for the UI label and the report text:

        - ("year", {year}): a whole calendar year;
        - ("quarter", {year, quarter}): a whole calendar quarter;
        - ("month", {year, month}): a whole month;
        - ("months", {year, first, last}): whole months of one year (1—11月);
        - ("day", {year, month, day}): one day (1 January asked on 1 January);
        - ("days", {year, start_month, start_day, end_month, end_day}): other days of one year;
        - ("range", {start_year, start_month, start_day, end_year, end_month, end_day}).
        """
        start, end = self.start, self.end
        if start.year == end.year:
            year = start.year
            if start.day == 1 and _is_month_end(end):
                if self.is_whole_year:
                    return "year", {"year": year}
                if start.month == end.month:
                    return "month", {"year": year, "month": start.month}
                if start.month % 3 == 1 and end.month == start.month + 2:
                    return "quarter", {"year": year, "quarter": end.month // 3}
                return "months", {"year": year, "first": start.month, "last": end.month}
            if start == end:
                return "day", {"year": year, "month": start.month, "day": start.day}
            return "days", {"year": year, "start_month": start.month, "start_day": start.day,
                            "end_month": end.month, "end_day": end.day}  # fmt: skip
        return "range", {
            "start_year": start.year, "start_month": start.month, "start_day": start.day,
            "end_year": end.year, "end_month": end.month, "end_day": end.day,
        }  # fmt: skip

    def label(self) -> str:
        """The period as a user reads it: 2026年, 2026年1—11月, 2026年1月1日—11月15日, …"""
        form, numbers = self.shape()
        return str(_LABELS[form]) % numbers

    def end_label(self) -> str:
        """The last day, as in 截至2026年11月30日."""
        end = self.end
        return str(_DAY) % {"year": end.year, "month": end.month, "day": end.day}

    def as_json(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(),
                "label": self.label()}  # fmt: skip


_DAY = _("%(month)s/%(day)s/%(year)s")
_LABELS = {
    "day": _DAY,
    "year": _("year %(year)s"),
    "quarter": _("Q%(quarter)s %(year)s"),
    "month": _("%(month)s/%(year)s"),
    "months": _("%(year)s, months %(first)s–%(last)s"),
    "days": _("%(year)s, %(start_month)s/%(start_day)s–%(end_month)s/%(end_day)s"),
    "range": _(
        "%(start_year)s-%(start_month)s-%(start_day)s to %(end_year)s-%(end_month)s-%(end_day)s"
    ),
}


def _month_end(year: int, month: int) -> datetime.date:
    import calendar

    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _is_month_end(day: datetime.date) -> bool:
    return (day + datetime.timedelta(days=1)).day == 1


def _shift_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def standing_on(day: datetime.date, *, since: str, until: str, active: str | None = None) -> Q:
    """Q for "this register entry stood on `day`": begun on or before it (`since` empty: in
    the register since before records were kept) and not ended by then (`until` empty: still
    standing). An entry switched off (`active` false) without an end date has no known end and
    counts in no period. Register indicators count with it at `period.end`, the last day of
    the effective period."""
    condition = (Q(**{f"{since}__isnull": True}) | Q(**{f"{since}__lte": day})) & (
        Q(**{f"{until}__isnull": True}) | Q(**{f"{until}__gt": day})
    )
    if active:
        condition &= Q(**{f"{until}__isnull": False}) | Q(**{active: True})
    return condition


Number = int | Decimal


@dataclass(frozen=True)
class Measure:
    """COUNT(*), or the SUM of `summed`, over the rows of `model` in the jurisdiction (its
    12-digit `region` column) that match `where(period)`.

    `where` may follow foreign keys (one row each) but not reverse relations or many-to-many
    fields, which would repeat rows in the grouped query. Build variants with `filter()`
    (the same rows narrowed) and `summing()` (a sum over the same rows), so that a rate's
    numerator and its drill-down are visibly a part of its denominator."""

    model: type
    where: Callable[[Period], Q]
    summed: str | None = None
    region: str = "region_code"
    # The condition of the measure this one narrows (filter) or sums over (summing): a grouped
    # statement reads the rows of the widest conditions only, once each (indicators.grouped).
    base: Callable[[Period], Q] | None = field(default=None, compare=False, repr=False)

    def filter(self, *args: Q, **kwargs: Any) -> Measure:
        """The same measure over the rows that also match Q(*args, **kwargs)."""
        outer, extra = self.where, Q(*args, **kwargs)
        return Measure(
            self.model, lambda period: outer(period) & extra, self.summed, self.region,
            base=self.base or self.where,
        )  # fmt: skip

    def summing(self, column: str) -> Measure:
        return Measure(self.model, self.where, column, self.region, base=self.base or self.where)

    def rows_where(self, period: Period) -> Q:
        """A condition every row counted matches: the widest measure's this one derives from."""
        return (self.base or self.where)(period)

    def rows(self, prefix: str, period: Period) -> QuerySet:
        """The rows counted (the drill-down list), from the model's scoped manager."""
        from core.regions import within

        manager = self.model._default_manager
        return manager.filter(within(self.region, prefix), self.where(period))

    def expression(self, period: Period):
        """The aggregate for one column of a grouped query: COUNT/SUM … FILTER (WHERE …)."""
        condition = self.where(period)
        if self.summed:
            return Sum(self.summed, filter=condition)
        return Count("pk", filter=condition)

    def single(self, prefix: str, period: Period) -> Number:
        """The value on its own, in its own query (the path before grouping)."""
        rows = self.rows(prefix, period)
        if self.summed:
            return self.finish(rows.aggregate(value=Sum(self.summed))["value"])
        return rows.count()

    def finish(self, value) -> Number:
        """A sum over no rows is 0, not NULL."""
        return value or 0


@dataclass(frozen=True)
class Breakdown:
    """A declared measure by the values of one field of its rows (a chart's bars): {label:
    number}; with a `denominator` (a rate's breakdown), {label: {"numerator", "denominator"}}.

    `field` may follow a foreign key (organization__name). A field of the model itself with
    choices (dispute_type, channel) is rolled up with the measure by month
    (indicators.rollups), so a period of closed months reads stored rows; the rest is one
    GROUP BY (indicators.grouped.breakdown). Labels are the choices' display names."""

    measure: Measure
    field: str
    denominator: Measure | None = None

    def __call__(self, prefix: str, period: Period) -> dict:
        from indicators.grouped import breakdown

        return breakdown(self, prefix, period)

    def measures(self) -> list[Measure]:
        return [m for m in (self.measure, self.denominator) if m is not None]

    def labels(self) -> dict[str, str]:
        from django.core.exceptions import FieldDoesNotExist

        try:
            field = self.measure.model._meta.get_field(self.field)
        except FieldDoesNotExist:  # a related path such as organization__name
            return {}
        return {k: str(v) for k, v in field.flatchoices}

    @property
    def rollup_able(self) -> bool:
        """A column of the model itself with choices: few values, stable names."""
        from django.core.exceptions import FieldDoesNotExist

        try:
            field = self.measure.model._meta.get_field(self.field)
        except FieldDoesNotExist:
            return False
        return bool(field.concrete and not field.is_relation and field.choices)


@dataclass(frozen=True)
class Indicator:
    key: str
    name: Any  # translated lazily
    unit: Any
    definition: Any
    source: Any
    kind: str  # "count", "sum" or "ratio"
    # A Measure (declared: computed in grouped queries), or (prefix, period) -> number.
    numerator: Measure | Callable[[str, Period], Number]
    denominator: Measure | Callable[[str, Period], Number] | None = None
    percent: bool = True  # ratios: value × 100
    # The queryset behind the figure; by default the numerator's rows when it is a Measure.
    cases: Callable[[str, Period], Any] | None = None
    breakdowns: dict[str, Callable[[str, Period], dict[str, Number]]] = field(default_factory=dict)
    business_line: str = ""
    # A snapshot can only count what stands now (running deadlines), whatever the period: it
    # has no previous-year value, so no 同比, and its tile says "now". Registers are not
    # snapshots: they count what stood on the period's last day (see `standing_on`).
    snapshot: bool = False
    # A register count (committees, mediators): what stood on the last day of the effective
    # period, filtered with `standing_on(period.end, …)`; its tile says "as at <that day>".
    register: bool = False
    # For a figure whose `cases` are register entries, not cases: the drill-down list's
    # columns as (attribute path, heading), e.g. ("organization__established_on", _("…")).
    columns: tuple[tuple[str, Any], ...] = ()
    # False for a count whose rows have no list to show (screening rounds): no drill-down.
    listed: bool = True

    def __post_init__(self) -> None:
        if self.cases is None and self.listed and isinstance(self.numerator, Measure):
            object.__setattr__(self, "cases", self.numerator.rows)
        if self.kind == "ratio" and self.denominator is None:
            raise ValueError(f"ratio indicator {self.key} has no denominator")

    @property
    def declared(self) -> bool:
        """Computed in grouped queries: its numerator (and denominator) are Measures."""
        return isinstance(self.numerator, Measure) and (
            self.denominator is None or isinstance(self.denominator, Measure)
        )

    def measures(self) -> list[Measure]:
        return [m for m in (self.numerator, self.denominator) if isinstance(m, Measure)]

    @property
    def in_points(self) -> bool:
        """A percentage changes year on year by percentage points; a count, a sum or a ratio
        that is not a percentage (a mean, e.g. days per decision) by a percentage."""
        return self.kind == "ratio" and self.percent

    def compute(self, prefix: str, period: Period) -> Figure:
        from indicators.grouped import evaluate

        return evaluate([(self, period)], [prefix])[prefix][self.key, period]

    def compute_with_previous(self, prefix: str, period: Period) -> tuple[Figure, Figure]:
        """The figure and the same period a year earlier (for 同比); for a snapshot the
        previous figure is empty."""
        from indicators.grouped import with_previous

        return with_previous([self], [prefix], period)[prefix][self.key]

    def compute_single(self, prefix: str, period: Period) -> Figure:
        """The figure in its own queries, one per part (numerator, denominator), as every
        figure was computed before grouping: kept to prove the grouped path equal to it."""
        numerator = _single(self.numerator, prefix, period)
        denominator = _single(self.denominator, prefix, period) if self.denominator else None
        return Figure.of(self, numerator, denominator)


def _single(part, prefix: str, period: Period) -> Number:
    return part.single(prefix, period) if isinstance(part, Measure) else part(prefix, period)


@dataclass
class Figure:
    indicator: Indicator
    value: Number | None
    numerator: Number | None
    denominator: Number | None

    @classmethod
    def of(cls, indicator, numerator, denominator=None) -> Figure:
        if indicator.kind != "ratio":
            return cls(indicator, numerator, None, None)
        return cls(indicator, ratio(numerator, denominator, indicator.percent), numerator,
                   denominator)  # fmt: skip


def ratio(numerator, denominator, percent: bool = True) -> Decimal | None:
    if not denominator:
        return None
    value = Decimal(numerator) / Decimal(denominator) * (100 if percent else 1)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class Registry:
    def __init__(self) -> None:
        self._items: dict[str, Indicator] = {}

    def register(self, indicator: Indicator) -> Indicator:
        if indicator.key in self._items:
            raise ValueError(f"indicator {indicator.key} registered twice")
        self._items[indicator.key] = indicator
        from indicators import rollups

        if rollups.rollup_able(indicator):
            for measure in indicator.measures():  # keep its monthly roll-ups current
                rollups.connect(measure.model)
        return indicator

    def get(self, key: str) -> Indicator:
        return self._items[key]

    def all(self) -> list[Indicator]:
        return list(self._items.values())

    def keys(self) -> list[str]:
        return list(self._items)


registry = Registry()
