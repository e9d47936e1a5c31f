"""What the dashboard shows for a jurisdiction and period: tiles with 同比, monthly trends,
breakdowns, a ranking of child regions, deadline health. Every figure comes from the registry.

The period given here is the effective one (`Period.as_of`, decided by the view): a year not
yet over is counted to today and compared with the same span a year earlier. Each tile says
what it covers: the period's label, "as at <last day>" for a register, "now" for a snapshot.

The page (`page`) computes the tiles with their 同比 and the monthly trend in one evaluation
(the roll-ups, and one statement per model for the open days, all models' sent as one query),
the ranking in one GROUP BY over the children, and reads the regions above the one shown in
one query: a constant number of queries whatever the number of child regions, months, cases,
business lines or models."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.models import Region
from core.regions import ancestor_codes, jurisdiction_prefix
from indicators import grouped
from indicators.formatting import change, format_number, yoy_phrase
from indicators.registry import Figure, Indicator, Period, registry

TREND_KEYS = ("mediation.received", "mediation.concluded", "mediation.succeeded")
RANKING_KEYS = ("mediation.received", "mediation.success_rate")
BREAKDOWN_KEY = "mediation.received"


def allowed_prefixes(user) -> list[str]:
    """The jurisdictions a user may see on the dashboard (region-scoped roles only)."""
    return user.jurisdictions("indicators.view_dashboard")


def resolve_region(user, code: str | None) -> Region | None:
    """The region asked for if the user may see it; by default the user's own."""
    prefixes = allowed_prefixes(user)
    if not prefixes:
        return None
    if not code:
        code = prefixes[0].ljust(12, "0")
    if not (code.isascii() and code.isdigit() and len(code) == 12):
        return None  # not a region code at all (e.g. %00): nothing to look up
    region = Region.objects.filter(code=code).first()
    if region is None or not any(region.code.startswith(p) for p in prefixes):
        return None
    return region


def prefix_of(region: Region) -> str:
    return jurisdiction_prefix(region.code)


@dataclass
class Tile:
    key: str
    name: str
    unit: str
    value: object
    previous: object
    display: str
    yoy: str
    delta: object
    numerator: object
    denominator: object
    definition: str
    source: str
    drillable: bool
    period_label: str = ""  # what the figure covers
    previous_label: str = ""  # what its 同比 compares with ("" for a snapshot)
    caption: str = ""  # on the tile when it differs from the dashboard's period


def period_label(indicator: Indicator, period: Period) -> str:
    """What a figure of `indicator` for `period` covers, as its tile and drill-down say it."""
    if indicator.snapshot:
        return _("now (as of today)")
    if indicator.register:
        return _("as at %(date)s") % {"date": period.end_label()}
    return period.label()


def ancestors(user, region: Region) -> list[Region]:
    """The regions above `region` that the user may open, top first (the breadcrumb), read in
    one query; each region's parent is set on it, so `region.full_name` asks nothing more."""
    found = {r.code: r for r in Region.objects.filter(code__in=ancestor_codes(region.code))}
    chain = []
    current = region
    while current.parent_id is not None:
        parent = found.get(current.parent_id)
        if parent is None:
            parent = current.parent  # a parent off the code ladder: read on its own
        else:
            current.parent = parent
        chain.insert(0, parent)
        current = parent
    prefixes = allowed_prefixes(user)
    visible = []
    for above in reversed(chain):  # nearest first, up to the first the user may not open
        if not any(above.code.startswith(p) for p in prefixes):
            break
        visible.insert(0, above)
    return visible


def page(region: Region, period: Period, today: datetime.date) -> dict:
    """Everything the dashboard shows for `region` and the (effective) `period`."""
    prefix = prefix_of(region)
    tile_list, trend = tiles_and_trend(prefix, period)
    return {
        "tiles": tile_list,
        "trend": trend,
        "by_type": breakdown(prefix, period, "dispute_type"),
        "ranking": ranking(region, period),
        "deadlines": deadline_health(prefix, today),
    }


def tiles(prefix: str, period: Period) -> list[Tile]:
    """Every registered figure with its 同比: one grouped statement per model of the declared
    ones, all in one query (indicators.grouped)."""
    return tiles_and_trend(prefix, period, trend=False)[0]


def monthly(prefix: str, period: Period) -> dict:
    """One point per calendar month of the (effective) period, each month clipped to the
    period, so a quarter shows its three months, a custom range its own months and a year not
    yet over its months to today (the last one partial)."""
    return tiles_and_trend(prefix, period, tiles=False)[1]


def tiles_and_trend(
    prefix: str, period: Period, *, tiles: bool = True, trend: bool = True
) -> tuple[list[Tile], dict]:
    """The tiles (every registered figure, with the same span a year earlier) and the monthly
    trend, from one evaluation (the roll-ups, and one UNION ALL of every model's statement),
    whatever the number of months and models."""
    indicators = registry.all() if tiles else []
    previous = period.previous_year()
    months = _months(period) if trend else []
    series = [registry.get(key) for key in TREND_KEYS] if trend else []
    requests = [(i, period) for i in indicators]
    requests += [(i, previous) for i in indicators if not i.snapshot]
    requests += [(i, m) for i in series for m in months]
    figures = grouped.evaluate(requests, [prefix])[prefix] if requests else {}
    tile_list = [
        _tile(i, figures[i.key, period], _previous_figure(i, figures, previous), period, previous)
        for i in indicators
    ]
    chart = {}
    if trend:
        multi_year = period.start.year != period.end.year
        chart = {
            "months": [
                f"{m.start.year}年{m.start.month}月" if multi_year else f"{m.start.month}月"
                for m in months
            ],
            "series": [
                {
                    "key": i.key,
                    "name": str(i.name),
                    "data": [figures[i.key, m].value for m in months],
                }
                for i in series
            ],
            "label": period.label(),
        }
    return tile_list, chart


def _previous_figure(indicator: Indicator, figures, previous: Period) -> Figure:
    """A snapshot has no previous figure: it can only be "now"."""
    if indicator.snapshot:
        return Figure(indicator, None, None, None)
    return figures[indicator.key, previous]


def _tile(
    indicator: Indicator, now: Figure, before: Figure, period: Period, previous: Period
) -> Tile:
    ratio = indicator.in_points
    unit = str(indicator.unit)
    label = period_label(indicator, period)
    return Tile(
        key=indicator.key,
        name=str(indicator.name),
        unit=unit,
        value=now.value,
        previous=before.value,
        display=format_number(now.value, unit),
        yoy=yoy_phrase(now.value, before.value, ratio=ratio),
        delta=change(now.value, before.value, ratio=ratio),
        numerator=now.numerator,
        denominator=now.denominator,
        definition=str(indicator.definition),
        source=str(indicator.source),
        drillable=indicator.cases is not None and indicator.kind != "sum",
        period_label=label,
        previous_label="" if indicator.snapshot else period_label(indicator, previous),
        caption=label if indicator.snapshot or indicator.register else "",
    )


def _months(period: Period) -> list[Period]:
    """Each calendar month of the period, clipped to it."""
    months = []
    day = period.start.replace(day=1)
    while day <= period.end:
        whole = Period.month(day.year, day.month)
        months.append(Period(max(whole.start, period.start), min(whole.end, period.end)))
        day = whole.end + datetime.timedelta(days=1)
    return months


def breakdown(prefix: str, period: Period, dimension: str = "dispute_type") -> list[dict]:
    indicator = registry.get(BREAKDOWN_KEY)
    values = indicator.breakdowns[dimension](prefix, period)
    return sorted(({"name": k, "value": v} for k, v in values.items()), key=lambda r: -r["value"])


def ranking(region: Region, period: Period) -> list[dict]:
    """The child regions by the ranking figures, all children in one GROUP BY per model (one
    query for all models)."""
    children = list(region.children.order_by("code"))
    indicators = [registry.get(key) for key in RANKING_KEYS]
    prefixes = [prefix_of(child) for child in children]
    figures = grouped.evaluate([(i, period) for i in indicators], prefixes)
    rows = []
    for child, prefix in zip(children, prefixes, strict=True):
        row = {"code": child.code, "name": child.name, "values": []}
        for indicator in indicators:
            figure = figures[prefix][indicator.key, period]
            row[indicator.key] = figure.value
            row["values"].append(format_number(figure.value, str(indicator.unit)))
        rows.append(row)
    return sorted(rows, key=lambda r: -(r[RANKING_KEYS[0]] or 0))


def deadline_health(prefix: str, today: datetime.date) -> list[dict]:
    """Running statutory clocks per business line (the cases.clocks_* indicators)."""
    from indicators.deadlines import by_line

    return by_line(prefix, today)
