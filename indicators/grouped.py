"""Declared indicators in grouped queries: one query per model, jurisdiction and set of periods.

Every `Measure` asked for (an indicator's numerator or denominator, for one period) becomes one
aggregate column, `COUNT(*) FILTER (WHERE …)` or `SUM(x) FILTER (WHERE …)`; the columns on the
same model (and region column) go into one statement whose WHERE is the jurisdiction and the OR
of the columns' conditions, so an index on (region_code, date) serves each part. A measure
shared by two indicators (disputes received: a count, and the online share's denominator) is
one column. For several jurisdictions of one depth (the children of a region) the same
statement is grouped by the first n characters of the region code: one query whatever the
number of children. Indicators whose parts are plain functions are computed one by one.

Closed months come from the monthly roll-ups (indicators.rollups) where they are fresh: a
measure over a period is then the stored rows of its whole fresh months (one query for all
measures, months and prefixes) plus a live column for each remaining span (the open month, a
partial month, a month changed since its refresh) in the same grouped statement as before.

`evaluate` is the engine; `with_previous` adds the same span a year earlier (同比), leaving it
out for snapshots.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models.functions import Substr

from core.regions import within
from indicators.registry import Figure, Indicator, Measure, Period

Request = tuple[Indicator, Period]
Results = dict[str, dict[tuple[str, Period], Figure]]


def evaluate(requests: Iterable[Request], prefixes: list[str], *, rollups: bool = True) -> Results:
    """{prefix: {(key, period): Figure}} for every (indicator, period) asked for and every
    jurisdiction prefix: the fresh closed months from the roll-ups (one query), the rest in
    one query per model of the declared measures (whatever the number of indicators, periods
    and prefixes of one length), then each undeclared indicator's own. `rollups=False`
    computes everything from the cases (what `fazhi rollups check` compares with)."""
    requests = list(requests)
    prefixes = list(dict.fromkeys(prefixes))
    if not prefixes:
        return {}
    plan, stored = _plan(requests, prefixes) if rollups else ({}, {})
    columns: dict[tuple[Measure, Period], str] = {}
    by_model: dict[tuple[type, str], dict[str, tuple[Measure, Period]]] = defaultdict(dict)
    for indicator, period in requests:
        if not indicator.declared:
            continue
        for measure in indicator.measures():
            _key, _months, live = plan.get((measure, period)) or (None, [], [period])
            for span in live:
                if (measure, span) not in columns:
                    alias = f"fz_{len(columns)}"
                    columns[measure, span] = alias
                    by_model[measure.model, measure.region][alias] = (measure, span)
    values: dict[str, dict[str, object]] = {prefix: {} for prefix in prefixes}
    for (model, region), group in by_model.items():
        for prefix, row in _aggregate(model, region, group, prefixes).items():
            values[prefix].update(row)

    def part(measure, prefix, period):
        key, months, live = plan.get((measure, period)) or (None, [], [period])
        total = sum(
            (measure.finish(values[prefix].get(columns[measure, span])) for span in live),
            start=measure.finish(None),
        )
        for month in months:
            value = stored.get((key, month, prefix))
            if value:
                total += value if measure.summed else int(value)
        return total

    results: Results = {prefix: {} for prefix in prefixes}
    for indicator, period in requests:
        for prefix in prefixes:
            if not indicator.declared:
                figure = indicator.compute_single(prefix, period)
            else:
                numerator = part(indicator.numerator, prefix, period)
                denominator = (
                    part(indicator.denominator, prefix, period) if indicator.denominator else None
                )
                figure = Figure.of(indicator, numerator, denominator)
            results[prefix][indicator.key, period] = figure
    return results


def _plan(requests: list[Request], prefixes: list[str]):
    """({(measure, period): (roll-up key, fresh whole months, live spans)} for the roll-up-able
    measures asked for, the stored rows they read), in one query (`rollups.read`), when every
    prefix is one the roll-ups store and a period holds a closed month; ({}, {}) otherwise."""
    from indicators import rollups

    if any(len(prefix) not in rollups.LEVELS for prefix in prefixes):
        return {}, {}
    keys = {measure: key for key, (measure, _i, _p) in rollups.rollup_measures().items()}
    wanted: dict[tuple[Measure, Period], str] = {}
    candidates: set = set()
    for indicator, period in requests:
        if not (indicator.declared and rollups.rollup_able(indicator)):
            continue
        for measure in indicator.measures():
            if measure in keys:
                wanted[measure, period] = keys[measure]
                candidates.update(_closed_months(period))
    if not candidates:
        return {}, {}
    fresh, stored = rollups.read(set(wanted.values()), candidates, prefixes)
    if not fresh:
        return {}, {}
    plan = {(measure, period): (key, *_split(period, fresh))
            for (measure, period), key in wanted.items()}  # fmt: skip
    return plan, stored


def _closed_months(period: Period) -> list:
    """The period's whole months that have ended: what the roll-ups may hold."""
    from indicators.rollups import last_closed_month

    last = last_closed_month()
    return [month for month in _whole_months(period) if month <= last]


def _whole_months(period: Period) -> list:
    from indicators.rollups import month_start, months_between

    return [
        month
        for month in months_between(period.start, period.end)
        if month >= period.start and _month_last(month) <= period.end
    ] if month_start(period.start) <= period.end else []  # fmt: skip


def _month_last(month):
    import datetime

    return (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)


def _split(period: Period, fresh: set) -> tuple[list, list[Period]]:
    """(the period's whole months read from the roll-ups, the spans left to count live)."""
    import datetime

    from indicators.rollups import months_between

    months, live, run = [], [], None
    for month in months_between(period.start, period.end):
        whole = month >= period.start and _month_last(month) <= period.end
        if whole and month in fresh:
            if run is not None:
                live.append(Period(run, month - datetime.timedelta(days=1)))
                run = None
            months.append(month)
        elif run is None:
            run = max(month, period.start)
    if run is not None:
        live.append(Period(run, period.end))
    return months, live


def _aggregate(model, region: str, group: dict[str, tuple[Measure, Period]], prefixes: list[str]):
    """{prefix: {alias: raw value}}: one statement for one prefix, one GROUP BY per prefix
    length for several (a prefix without rows is left out: its counts are 0)."""
    rows, aggregates = statement(model, group)
    if len(prefixes) == 1:
        (prefix,) = prefixes
        return {prefix: rows.filter(within(region, prefix)).aggregate(**aggregates)}
    by_length: dict[int, list[str]] = defaultdict(list)
    for prefix in prefixes:
        by_length[len(prefix)].append(prefix)
    out = {}
    for length, same in by_length.items():
        grouped = (
            rows.filter(within(region, _common_prefix(same)))
            .annotate(fz_child=Substr(region, 1, length))
            .values("fz_child")
            .annotate(**aggregates)
            .order_by()
        )
        wanted = set(same)
        for row in grouped:
            child = row.pop("fz_child")
            if child in wanted:
                out[child] = row
    return out


def statement(model, group: dict[str, tuple[Measure, Period]]):
    """The rows any of the group's columns counts (the OR of their conditions, so that an
    index on the date serves each part) and {alias: COUNT/SUM … FILTER (WHERE …)}: the one
    statement the figures and the monthly roll-ups (indicators.rollups) are grouped from."""
    aggregates = {alias: measure.expression(period) for alias, (measure, period) in group.items()}
    # A narrowed measure's rows are among its base's: OR each distinct base condition once
    # (disputes received, received online, received as mass disputes and the amount received
    # are one date range in the WHERE, not four).
    conditions: list = []
    for measure, period in group.values():
        condition = measure.rows_where(period)
        if condition not in conditions:
            conditions.append(condition)
    counted = reduce(or_, conditions)
    return model._default_manager.filter(counted), aggregates


def _common_prefix(codes: list[str]) -> str:
    first, last = min(codes), max(codes)
    n = 0
    while n < len(first) and first[n] == last[n]:
        n += 1
    return first[:n]


def with_previous(
    indicators: Iterable[Indicator], prefixes: list[str], period: Period
) -> dict[str, dict[str, tuple[Figure, Figure]]]:
    """{prefix: {key: (figure, same span a year earlier)}}, all in one `evaluate`; a
    snapshot's previous figure is empty (it can only be "now")."""
    indicators = list(indicators)
    previous = period.previous_year()
    requests = [(i, period) for i in indicators]
    requests += [(i, previous) for i in indicators if not i.snapshot]
    results = evaluate(requests, prefixes)
    return {
        prefix: {
            i.key: (
                got[i.key, period],
                Figure(i, None, None, None) if i.snapshot else got[i.key, previous],
            )
            for i in indicators
        }
        for prefix, got in results.items()
    }


def breakdown(spec, prefix: str, period: Period) -> dict:
    """A `Breakdown` for one jurisdiction and period: {label: number}, or for a rate's
    breakdown {label: {"numerator", "denominator"}}; values without rows are left out. Whole
    fresh closed months come from the roll-ups (one query), the rest from one GROUP BY over
    the field."""
    from indicators import rollups

    parts = {"numerator": spec.measure}
    if spec.denominator is not None:
        parts["denominator"] = spec.denominator
    totals: dict[str, dict] = {part: defaultdict(int) for part in parts}
    months, live = [], [period]
    keys = {}
    if spec.rollup_able and len(prefix) in rollups.LEVELS:
        rolled = {measure: key for key, (measure, _i, _p) in rollups.rollup_measures().items()}
        keys = {part: rolled.get(measure) for part, measure in parts.items()}
    if keys and all(keys.values()):
        candidates = _closed_months(period)
        if candidates:
            starts = {f"{key}|{spec.field}=": part for part, key in keys.items()}
            fresh, stored = rollups.read([], candidates, [prefix], key_prefixes=starts)
            if fresh:
                months, live = _split(period, fresh)
                for (key, month, _prefix), value in stored.items():
                    start, _sep, raw = key.partition("=")
                    if month in months:
                        part = starts[start + "="]
                        # A sum keeps its cents; a count is a whole number.
                        totals[part][raw] += value if parts[part].summed else int(value)
    if live:
        group = {f"fz_{part}_{n}": (measure, span)
                 for part, measure in parts.items() for n, span in enumerate(live)}  # fmt: skip
        model, region = spec.measure.model, spec.measure.region
        rows, aggregates = statement(model, group)
        grouped = (
            rows.filter(within(region, prefix)).values(spec.field).annotate(**aggregates).order_by()
        )
        for row in grouped:
            value = row[spec.field]
            for alias, (measure, _span) in group.items():
                part = alias.split("_")[1]
                totals[part][str(value)] += measure.finish(row[alias])
    labels = spec.labels()

    def label(value):
        return labels.get(value, str(value))

    if "denominator" not in parts:
        return {label(v): n for v, n in totals["numerator"].items() if n}
    return {
        label(v): {"numerator": totals["numerator"].get(v, 0), "denominator": n}
        for v, n in totals["denominator"].items()
        if n
    }
