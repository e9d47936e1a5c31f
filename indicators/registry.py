"""The indicator registry: every figure a report or dashboard prints is an indicator here.

An indicator has a key (GLOSSARY names, e.g. `mediation.success_rate`), a Chinese name, a unit,
its definition and its source (a statute, a notice, or a local definition), and its
computation for a jurisdiction prefix and a period:

- count / sum indicators give one value; numerator and denominator are None;
- ratio indicators give numerator and denominator, and the value is numerator ÷ denominator
  (× 100 for percentages). Roll-ups add numerators and denominators and divide again; rates
  are never averaged.

Each indicator also names the cases behind it (`cases(prefix, period)`), so that every figure
links to the list it counts, scoped to the viewer's jurisdiction.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone


@dataclass(frozen=True)
class Period:
    """[start, end] in local dates, both included."""

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

    def previous_year(self) -> Period:
        return Period(_shift_year(self.start), _shift_year(self.end))

    @property
    def start_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))

    @property
    def end_before(self) -> datetime.datetime:
        """The first instant after the period (for `< end_before` filters)."""
        day = self.end + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    def label(self) -> str:
        return f"{self.start.isoformat()}—{self.end.isoformat()}"


def _month_end(year: int, month: int) -> datetime.date:
    import calendar

    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _shift_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


Number = int | Decimal


@dataclass(frozen=True)
class Indicator:
    key: str
    name: Any  # translated lazily
    unit: Any
    definition: Any
    source: Any
    kind: str  # "count", "sum" or "ratio"
    numerator: Callable[[str, Period], Number]
    denominator: Callable[[str, Period], Number] | None = None
    percent: bool = True  # ratios: value × 100
    cases: Callable[[str, Period], Any] | None = None  # queryset behind the figure
    breakdowns: dict[str, Callable[[str, Period], dict[str, Number]]] = field(default_factory=dict)
    business_line: str = ""
    # A snapshot counts what stands today (registers, running deadlines), whatever the period:
    # it has no previous-year value and so no 同比.
    snapshot: bool = False

    def compute(self, prefix: str, period: Period) -> Figure:
        numerator = self.numerator(prefix, period)
        denominator = self.denominator(prefix, period) if self.denominator else None
        return Figure.of(self, numerator, denominator)

    def compute_with_previous(self, prefix: str, period: Period) -> tuple[Figure, Figure]:
        """The figure and the same period a year earlier (for 同比); for a snapshot the
        previous figure is empty."""
        before = (
            Figure(self, None, None, None)
            if self.snapshot
            else self.compute(prefix, period.previous_year())
        )
        return self.compute(prefix, period), before


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
        return indicator

    def get(self, key: str) -> Indicator:
        return self._items[key]

    def all(self) -> list[Indicator]:
        return list(self._items.values())

    def keys(self) -> list[str]:
        return list(self._items)


registry = Registry()
