"""Declared indicators in grouped queries: one query per model, jurisdiction and set of periods.

Every `Measure` asked for (an indicator's numerator or denominator, for one period) becomes one
aggregate column, `COUNT(*) FILTER (WHERE …)` or `SUM(x) FILTER (WHERE …)`; the columns on the
same model (and region column) go into one statement whose WHERE is the jurisdiction and the OR
of the columns' conditions, so an index on (region_code, date) serves each part. A measure
shared by two indicators (disputes received: a count, and the online share's denominator) is
one column. For several jurisdictions of one depth (the children of a region) the same
statement is grouped by the first n characters of the region code: one query whatever the
number of children. Indicators whose parts are plain functions are computed one by one.

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


def evaluate(requests: Iterable[Request], prefixes: list[str]) -> Results:
    """{prefix: {(key, period): Figure}} for every (indicator, period) asked for and every
    jurisdiction prefix: one query per model of the declared measures (whatever the number of
    indicators, periods and prefixes of one length), then each undeclared indicator's own."""
    requests = list(requests)
    prefixes = list(dict.fromkeys(prefixes))
    if not prefixes:
        return {}
    columns: dict[tuple[Measure, Period], str] = {}
    by_model: dict[tuple[type, str], dict[str, tuple[Measure, Period]]] = defaultdict(dict)
    for indicator, period in requests:
        if not indicator.declared:
            continue
        for measure in indicator.measures():
            if (measure, period) not in columns:
                alias = f"fz_{len(columns)}"
                columns[measure, period] = alias
                by_model[measure.model, measure.region][alias] = (measure, period)
    values: dict[str, dict[str, object]] = {prefix: {} for prefix in prefixes}
    for (model, region), group in by_model.items():
        for prefix, row in _aggregate(model, region, group, prefixes).items():
            values[prefix].update(row)

    def part(measure, prefix, period):
        return measure.finish(values[prefix].get(columns[measure, period]))

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
    counted = reduce(or_, (measure.where(period) for measure, period in group.values()))
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
