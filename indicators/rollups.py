"""Monthly roll-ups: each roll-up-able measure's value per month and region code, stored.

Which measures are rolled up (`rollup_measures`): the numerator and denominator `Measure`s of
every declared indicator that is neither a `register` (what stood on the period's last day)
nor a `snapshot` (what stands now). What is left counts or sums rows by a date that lies
within the period (received, concluded, ruled on, held on), so a period made of whole months
is the sum of its months, and a jurisdiction the sum of its region codes. A new indicator of
another kind (a measure over the period that is not additive over months) must be declared a
register or a snapshot, or `check` will report it. Each distinct Measure is rolled up once,
under the key of the first indicator part that declares it ("mediation.received:numerator"
also serves the online share's denominator); keys follow registration order and the
indicator keys, so they are stable while the declarations are.

`refresh(months)` recomputes whole months: per month, one grouped statement per model (every
measure on that model a `COUNT/SUM … FILTER (WHERE …)` column, grouped by the full region
code), then the month's rows are replaced in one transaction. `check(prefix, period)` compares
the sum of the stored rows under a prefix with the live grouped figures (indicators.grouped).

Figures are not read from the roll-ups yet: closed months from roll-ups and the open month
live come next.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from core.regions import within
from indicators.grouped import evaluate, statement
from indicators.models import Rollup
from indicators.registry import Indicator, Measure, Period, registry


def rollup_able(indicator: Indicator) -> bool:
    """Declared, and counting by dates within the period (see the module's docstring)."""
    return indicator.declared and not indicator.register and not indicator.snapshot


def rollup_measures() -> dict[str, tuple[Measure, Indicator, str]]:
    """{key: (measure, indicator, part)} for each distinct roll-up-able Measure, the part
    ("numerator" or "denominator") being the first indicator part that declares it."""
    out: dict[str, tuple[Measure, Indicator, str]] = {}
    seen: set[Measure] = set()
    for indicator in registry.all():
        if not rollup_able(indicator):
            continue
        for part in ("numerator", "denominator"):
            measure = getattr(indicator, part)
            if measure is None or measure in seen:
                continue
            seen.add(measure)
            out[f"{indicator.key}:{part}"] = (measure, indicator, part)
    return out


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first days of every month from `first`'s to `last`'s, both included."""
    month, out = month_start(first), []
    while month <= last:
        out.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return out


def _period(month: datetime.date) -> Period:
    return Period.month(month.year, month.month)


def compute_month(month: datetime.date) -> list[Rollup]:
    """The unsaved rows of one month: one grouped statement per model (and region column)."""
    period = _period(month)
    by_model: dict[tuple[type, str], dict[str, Measure]] = defaultdict(dict)
    for key, (measure, _indicator, _part) in rollup_measures().items():
        by_model[measure.model, measure.region][key] = measure
    now = timezone.now()
    rows: list[Rollup] = []
    for (model, region), measures in by_model.items():
        aliases = {f"fz_{n}": key for n, key in enumerate(measures)}
        rows_counted, aggregates = statement(
            model, {alias: (measures[key], period) for alias, key in aliases.items()}
        )
        grouped = rows_counted.values(region).annotate(**aggregates).order_by()
        for row in grouped:
            code = row[region]
            for alias, key in aliases.items():
                value = measures[key].finish(row[alias])
                if value:
                    rows.append(Rollup(measure=key, month=month, region_code=code,
                                       value=Decimal(value), computed_at=now))  # fmt: skip
    return rows


def refresh(months: Iterable[datetime.date], progress=None) -> int:
    """Recompute the given months (any day of each) and replace their rows, all in one
    transaction (a reader sees the old rows or the new ones, never a mix); returns the number
    of rows written. `progress(month)` is called after each month (the command's bar)."""
    written = 0
    with transaction.atomic():
        for month in sorted({month_start(m) for m in months}):
            rows = compute_month(month)
            Rollup.objects.filter(month=month).delete()
            # One INSERT on PostgreSQL; SQLite splits it by its bound-parameter limit.
            Rollup.objects.bulk_create(rows)
            written += len(rows)
            if progress:
                progress(month)
    return written


@dataclass(frozen=True)
class Difference:
    measure: str
    stored: Decimal
    live: Decimal

    def __str__(self) -> str:
        return f"{self.measure}: roll-ups {self.stored}, live {self.live}"


def whole_months(period: Period) -> bool:
    return period.start.day == 1 and (period.end + datetime.timedelta(days=1)).day == 1


def check(prefix: str, period: Period) -> list[Difference]:
    """The measures whose roll-up rows under `prefix` for `period` (whole months) do not add
    up to the live grouped figure; empty when they all do."""
    if not whole_months(period):
        raise ValueError(f"{period} is not made of whole months")
    measures = rollup_measures()
    stored = dict(
        Rollup.objects.filter(
            within("region_code", prefix), month__gte=period.start, month__lte=period.end
        )
        .values_list("measure")
        .annotate(total=Sum("value"))
        .order_by()
    )
    indicators = {indicator.key: indicator for _m, indicator, _p in measures.values()}
    live = evaluate([(i, period) for i in indicators.values()], [prefix])[prefix]
    differences = []
    for key, (_measure, indicator, part) in measures.items():
        figure = live[indicator.key, period]
        value = figure.value if indicator.kind != "ratio" else getattr(figure, part)
        got, want = Decimal(stored.get(key) or 0), Decimal(value or 0)
        if got != want:
            differences.append(Difference(key, got, want))
    for key in sorted(set(stored) - set(measures)):  # rows of a measure no longer declared
        differences.append(Difference(key, Decimal(stored[key]), Decimal(0)))
    return differences


def first_month() -> datetime.date | None:
    """The first month any roll-up-able row may count in: the earliest date or instant in the
    date columns of the measures' models (one query per model), not before 2000; None when
    there are no rows."""
    from django.db.models import DateField, DateTimeField, Min

    earliest = []
    for model in {measure.model for measure, _i, _p in rollup_measures().values()}:
        columns = [f.name for f in model._meta.concrete_fields
                   if isinstance(f, (DateField, DateTimeField))]  # fmt: skip
        if not columns:
            continue
        found = model._default_manager.aggregate(**{c: Min(c) for c in columns})
        for value in found.values():
            if isinstance(value, datetime.datetime):
                value = timezone.localtime(value).date()
            if value is not None:
                earliest.append(value)
    if not earliest:
        return None
    return month_start(max(min(earliest), datetime.date(2000, 1, 1)))


def last_closed_month(today: datetime.date | None = None) -> datetime.date:
    """The first day of the last month that has ended by `today` (default: the local date)."""
    today = today or timezone.localdate()
    return month_start(month_start(today) - datetime.timedelta(days=1))
